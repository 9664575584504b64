/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n.h>

#include "aistudio.h"

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 a failed operation, 2 a usage error. */
#define CLI_EXIT_FAILED 1
#define CLI_EXIT_USAGE  2

typedef struct
{
  StudioRegions *regions;
  StudioRegion *region;
  gboolean json;
  gboolean yes;
  char *region_name;
  gboolean brief_usage;   /* a usage error is one line, without the help */
} CliContext;

typedef int (*CliVerbFunc) (CliContext *cli,
                            int         argc,
                            char      **argv);

/* cli-main.c */
int           cli_fail              (const char   *format,
                                     ...) G_GNUC_PRINTF (1, 2);
int           cli_fail_error        (const GError *error,
                                     const char   *hint);
int           cli_usage_error       (GOptionContext *context,
                                     const char     *format,
                                     ...) G_GNUC_PRINTF (2, 3);
GAsyncResult *cli_wait              (GAsyncResult **slot);
void          cli_store_result      (GObject       *object,
                                     GAsyncResult  *result,
                                     gpointer       user_data);
gboolean      cli_refresh           (CliContext    *cli,
                                     GError       **error);
StudioWorker *cli_find_worker       (CliContext    *cli,
                                     const char    *name_or_id,
                                     int           *exit_status);

/* cli-output.c */
void          cli_json_add_string   (JsonBuilder   *b,
                                     const char    *member,
                                     const char    *value);
void          cli_json_add_date     (JsonBuilder   *b,
                                     const char    *member,
                                     GDateTime     *dt);
JsonNode     *cli_worker_to_json    (StudioRegion  *region,
                                     StudioWorker  *worker);
void          cli_print_json        (JsonNode      *node);
void          cli_write_all         (int            fd,
                                     const char    *data,
                                     gsize          len);
void          cli_print_workers     (GListModel    *workers);
void          cli_print_sizes       (GListModel    *sizes);
char         *cli_format_age        (GDateTime     *since);
char         *cli_format_countdown  (StudioWorker  *worker);

/* cli-progress.c */
typedef struct _CliProgress CliProgress;
CliProgress  *cli_progress_new      (StudioWorker  *worker);
void          cli_progress_free     (CliProgress   *progress);

/* cli-shell.c */
int           cli_run_shell         (StudioRegion  *region,
                                     StudioWorker  *worker);

/* cli-exec.c */
int cli_verb_exec      (CliContext *cli, int argc, char **argv);

/* cli-images.c */
int cli_verb_images      (CliContext *cli, int argc, char **argv);
int cli_verb_build_image (CliContext *cli, int argc, char **argv);

/* cli-region.c */
char         *cli_sign_in_hint      (StudioRegion  *region);
char         *cli_read_secret       (const char    *prompt);
StudioRegions *cli_regions_new      (void);
int cli_verb_region    (CliContext *cli, int argc, char **argv);

/* cli-verbs.c */
gboolean cli_parse_options (CliContext *cli, int *argc, char ***argv, const char *parameters, const char *summary,
                            const GOptionEntry *extra, gboolean with_json, int positional, int *status);
int cli_require_ready  (CliContext *cli, StudioWorker *worker);
int cli_verb_regions   (CliContext *cli, int argc, char **argv);
int cli_verb_sizes     (CliContext *cli, int argc, char **argv);
int cli_verb_workers   (CliContext *cli, int argc, char **argv);
int cli_verb_launch    (CliContext *cli, int argc, char **argv);
int cli_verb_stop      (CliContext *cli, int argc, char **argv);
int cli_verb_start     (CliContext *cli, int argc, char **argv);
int cli_verb_terminate (CliContext *cli, int argc, char **argv);
int cli_verb_replicate (CliContext *cli, int argc, char **argv);
int cli_verb_logs      (CliContext *cli, int argc, char **argv);
int cli_verb_jupyter_url (CliContext *cli, int argc, char **argv);
int cli_verb_shell     (CliContext *cli, int argc, char **argv);

/* cli-running.c */
int cli_verb_running   (CliContext *cli, int argc, char **argv);
int cli_verb_services  (CliContext *cli, int argc, char **argv);
int cli_verb_open      (CliContext *cli, int argc, char **argv);
int cli_verb_stats     (CliContext *cli, int argc, char **argv);

/* cli-tasks.c */
int cli_verb_run_task  (CliContext *cli, int argc, char **argv);
int cli_verb_tasks     (CliContext *cli, int argc, char **argv);
int cli_verb_task      (CliContext *cli, int argc, char **argv);

/* cli-files.c */
int cli_verb_cp        (CliContext *cli, int argc, char **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliProgress, cli_progress_free)

G_END_DECLS
