/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What uploads (studio-jupyter-files.c) and downloads
 * (studio-jupyter-download.c) share: the plan of a transfer and its
 * progress. Private. */
#include "studio-jupyter-private.h"

G_BEGIN_DECLS

typedef struct
{
  GFile *local;
  char *remote;      /* relative to the worker's home */
  gboolean directory;
  gboolean known;    /* a download's root: a file or a folder, not known until asked */
  guint64 size;
} Entry;

typedef struct
{
  GPtrArray *entries;   /* Entry, parents before children */
  guint next;
  guint64 done;
  guint64 total;
  StudioTransferFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_destroy;
  /* the file being moved */
  GInputStream *input;
  GOutputStream *output;
  GBytes *held;          /* a chunk read, not sent yet */
  guint8 *block;         /* a download's block, filled, then written */
  gsize filled;
  int chunk;             /* chunks sent */
  SoupMessage *msg;
  gboolean skip_hidden;  /* an upload leaves out names that start with a dot */
} Transfer;

char     *files_segments_path     (const char  *prefix,
                                   const char  *path);
gboolean  files_check_remote_path (const char  *path,
                                   GError     **error);
void      files_entry_free        (Entry       *entry);
Transfer *transfer_new            (StudioTransferFunc progress,
                                   gpointer           progress_data,
                                   GDestroyNotify     progress_destroy);
void      transfer_free           (Transfer    *transfer);
void      transfer_add_progress   (Transfer    *transfer,
                                   gsize        bytes);
void      transfer_fail           (GTask       *task,
                                   GError      *error);

G_END_DECLS
