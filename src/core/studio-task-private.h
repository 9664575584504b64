/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the two halves of StudioTask share: studio-task.c (the object and its
 * record) and studio-task-run.c (the run). */
#include "studio-task.h"

G_BEGIN_DECLS

struct _StudioTask
{
  GObject parent_instance;

  char *id;
  StudioRegion *region;
  char *region_id;
  char *file;            /* absolute */
  char *files_dir;       /* absolute; NULL: the file's folder */
  char *size;
  char *image;
  char *startup_script;
  char *venv;
  StudioTaskPolicy policy;
  gboolean capture;
  guint timeout_seconds;
  JsonObject *parameters;

  StudioTaskState state;
  char *worker_name;
  char *worker_id;
  char *kernel_id;
  int exit_status;       /* -1: none */
  char *message;
  GDateTime *created, *started, *ended;
  gboolean kept;
  char *output_notebook; /* local path */
  gboolean cancel_requested;
  gint64 client_pid;     /* of the process that launches it, while it does */
  char *client_host;

  /* while this process runs or follows it */
  GCancellable *step_cancellable;
  int log_fd;            /* the local log, locked while this process writes it */
};

/* studio-task.c */
extern const char * const studio_task_state_names[7];    /* by StudioTaskState */
extern const char * const studio_task_policy_names[3];   /* by StudioTaskPolicy */
int         studio_task_name_index      (const char * const *names,
                                         guint               n,
                                         const char         *name);
gboolean    studio_task_is_identifier   (const char *name);

/* studio-task-record.c */
char       *studio_task_records_dir     (void);
char       *studio_task_record_path     (const char *id);
char       *studio_task_record_dir      (const char *id);
gboolean    studio_task_save            (StudioTask *self,
                                         GError    **error);
gboolean    studio_task_reload          (StudioTask *self,
                                         GError    **error);
void        studio_task_set_state_full  (StudioTask      *self,
                                         StudioTaskState  state,
                                         int              exit_status,
                                         const char      *message);
void        studio_task_set_worker      (StudioTask   *self,
                                         StudioWorker *worker);
void        studio_task_set_outcome     (StudioTask *self,
                                         gboolean    kept,
                                         const char *output_notebook);
void        studio_task_emit_output     (StudioTask *self,
                                         GBytes     *bytes);
StudioTask *studio_task_new_from_record (StudioRegions *regions,
                                         const char    *data,
                                         gsize          len,
                                         GError       **error);
char       *studio_task_runner_spec     (StudioTask  *self,
                                         const char  *relative_file);
const char *studio_task_kind            (const char  *file);

G_END_DECLS
