/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the two halves of a task's run share: studio-task-run.c (check,
 * launch, upload, start the runner) and studio-task-follow.c (follow the
 * runner to the end, settle it, cancel). */
#include "studio-jupyter.h"
#include "studio-task-private.h"
#include "studio-terminal-channel.h"

G_BEGIN_DECLS

#define RUN_DIR        "task-run"   /* the runner's folder in the worker's home */
#define TASK_DIR       "task"       /* the task's files */
/* How much of a task's output is followed, shown and kept here: the rest
 * stays on the worker (a task may write 50 GB of it, or make its log a
 * sparse file of that size). */
#define TASK_MAX_LOG   (64u << 20)

/* studio-task-follow.c: reads no network (the tests call it). */
gboolean studio_task_output_notebook_is_valid (const char *path);

typedef struct
{
  gboolean detach;
  gboolean until_end;
  char *relative_file;      /* the file, relative to ~/task */
  GFile *upload_root;
  char *file_remote;        /* where the file goes when it is outside that folder */
  StudioWorker *worker;
  StudioJupyter *jupyter;
  int lock_fd;
  gboolean owner;
  guint64 shown;            /* bytes of the worker's log shown */
  guint64 stored;           /* bytes of it in the local log */
  guint failures;
  JsonObject *final;        /* the runner's status, once it says the task ended */
  gboolean drained;         /* no more log came after the final status */
  gboolean started_worker;
  guint halves_started;     /* the runner and its keeper */
  StudioTerminalChannel *terminal;  /* the runner starts from it */
  gboolean terminal_done;   /* it is open, or will not be */
  gboolean files_ready;      /* the task's files and the runner are both up */
  gboolean files_uploaded;   /* the task's files */
  gboolean runner_put;       /* the runner's (put while the files go up) */
  GError *runner_error;      /* why the runner could not be put */
  gint64 poll_since;        /* when the polls of the log began */
  gboolean status_seen;     /* the runner has said something of this task */
  gboolean runner_in_kernel;
} Run;

Run      *task_run_new        (void);
void      task_run_free       (Run        *run);
void      task_run_done       (GTask      *task,
                               GError     *error);
void      task_run_save       (StudioTask *self);
gboolean  task_run_own        (StudioTask *self,
                               Run        *run);
void      task_run_append_log (StudioTask   *self,
                               const guint8 *data,
                               gsize         len);
void      task_run_poll       (GTask      *task);

G_END_DECLS
