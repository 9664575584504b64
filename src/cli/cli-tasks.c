/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tasks from the command line: run-task, tasks, task. run-task exits with
 * the task's own exit status; 125 when AI Studio could not run it (bad
 * arguments included, as `docker run` does), 124 when it ran out of time,
 * 130 when it was cancelled. */
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

#define EXIT_NOT_RUN   125
#define EXIT_TIMED_OUT 124
#define EXIT_CANCELLED 130

typedef struct
{
  StudioTask *task;
  gboolean tty;            /* stderr is a terminal: a progress line there */
  gboolean line_shown;
  gboolean quiet;          /* no output (cancel, remove) */
  gboolean asking;
} Watch;

static void
clear_line (Watch *watch)
{
  if (watch->line_shown)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
      watch->line_shown = FALSE;
    }
}

static void
on_output (StudioTask *task,
           GBytes     *bytes,
           Watch      *watch)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (watch->quiet)
    return;
  clear_line (watch);
  fwrite (data, 1, len, stdout);
  fflush (stdout);
}

static void
on_state (StudioTask *task,
          GParamSpec *pspec,
          Watch      *watch)
{
  const char *worker = studio_task_get_worker_name (task);
  StudioTaskState state = studio_task_get_state (task);

  if (!watch->tty || watch->quiet)
    return;
  clear_line (watch);
  if (studio_task_state_is_final (state))
    return;
  switch (state)
    {
    case STUDIO_TASK_STATE_LAUNCHING:
      fprintf (stderr, _("Launching a worker for task %s…"), studio_task_get_id (task));
      break;
    case STUDIO_TASK_STATE_UPLOADING:
      fprintf (stderr, _("Uploading the task's files to %s…"), worker ? worker : "");
      break;
    case STUDIO_TASK_STATE_RUNNING:
      /* The task's own output follows on stdout; this line goes before it. */
      fprintf (stderr, _("Running on %s (task %s)…\n"), worker ? worker : "", studio_task_get_id (task));
      fflush (stderr);
      return;
    default:
      return;
    }
  fflush (stderr);
  watch->line_shown = TRUE;
}

static void
watch_init (Watch      *watch,
            StudioTask *task,
            gboolean    quiet)
{
  watch->task = task;
  watch->tty = isatty (STDERR_FILENO);
  watch->quiet = quiet;
  g_signal_connect (task, "output", G_CALLBACK (on_output), watch);
  g_signal_connect (task, "notify::state", G_CALLBACK (on_state), watch);
}

static void
watch_clear (Watch *watch)
{
  clear_line (watch);
  g_signal_handlers_disconnect_by_data (watch->task, watch);
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_task_cancel_finish (STUDIO_TASK (object), result, &error))
    fprintf (stderr, "error: %s\n", error->message);
}

/* Ctrl+C: cancel the task (after asking, on a terminal). */
static gboolean
on_interrupt (gpointer user_data)
{
  Watch *watch = user_data;

  if (watch->asking)
    return G_SOURCE_CONTINUE;
  clear_line (watch);
  if (isatty (STDIN_FILENO) && isatty (STDERR_FILENO))
    {
      char answer[16] = "";

      watch->asking = TRUE;
      fprintf (stderr, _("\nCancel task %s? It stops on its worker. [y/N] "), studio_task_get_id (watch->task));
      fflush (stderr);
      if (fgets (answer, sizeof answer, stdin) == NULL || (answer[0] != 'y' && answer[0] != 'Y'))
        {
          fprintf (stderr, _("The task goes on. (To leave it running, close this terminal: "
                             "“ai-studio-cli task %s --follow” comes back to it.)\n"), studio_task_get_id (watch->task));
          watch->asking = FALSE;
          return G_SOURCE_CONTINUE;
        }
      watch->asking = FALSE;
    }
  fprintf (stderr, _("Cancelling task %s…\n"), studio_task_get_id (watch->task));
  studio_task_cancel_async (watch->task, NULL, cancel_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static char *
region_name_of (CliContext *cli,
                StudioTask *task)
{
  StudioRegion *region = studio_task_get_region (task);

  return g_strdup (region ? studio_region_get_name (region) : studio_task_get_region_id (task));
}

static JsonNode *
task_to_json (CliContext *cli,
              StudioTask *task)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *region = region_name_of (cli, task);
  g_autofree char *log = studio_task_dup_log_path (task);
  static const char * const policies[] = { "terminate", "keep", "keep-on-failure" };

  json_builder_begin_object (b);
  cli_json_add_string (b, "id", studio_task_get_id (task));
  cli_json_add_string (b, "file", studio_task_get_file (task));
  cli_json_add_string (b, "region", region);
  cli_json_add_string (b, "region_id", studio_task_get_region_id (task));
  cli_json_add_string (b, "worker", studio_task_get_worker_name (task));
  cli_json_add_string (b, "state", studio_task_state_to_string (studio_task_get_state (task)));
  json_builder_set_member_name (b, "exit_status");
  if (studio_task_get_exit_status (task) >= 0)
    json_builder_add_int_value (b, studio_task_get_exit_status (task));
  else
    json_builder_add_null_value (b);
  cli_json_add_date (b, "created", studio_task_get_created (task));
  cli_json_add_date (b, "started", studio_task_get_started (task));
  cli_json_add_date (b, "ended", studio_task_get_ended (task));
  json_builder_set_member_name (b, "kept");
  json_builder_add_boolean_value (b, studio_task_get_kept (task));
  cli_json_add_string (b, "output_notebook", studio_task_get_output_notebook (task));
  cli_json_add_string (b, "message", studio_task_get_message (task));
  cli_json_add_string (b, "size", studio_task_get_size (task));
  cli_json_add_string (b, "image", studio_task_get_image (task));
  cli_json_add_string (b, "policy", policies[studio_task_get_policy (task)]);
  cli_json_add_string (b, "log", studio_task_get_capture (task) && g_file_test (log, G_FILE_TEST_EXISTS) ? log : NULL);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The exit status a finished task's command ends with. */
static int
task_exit_status (StudioTask *task)
{
  switch (studio_task_get_state (task))
    {
    case STUDIO_TASK_STATE_SUCCEEDED:
      return 0;
    case STUDIO_TASK_STATE_TIMED_OUT:
      return EXIT_TIMED_OUT;
    case STUDIO_TASK_STATE_CANCELLED:
      return EXIT_CANCELLED;
    case STUDIO_TASK_STATE_FAILED:
      return studio_task_get_exit_status (task) > 0 ? studio_task_get_exit_status (task) : EXIT_NOT_RUN;
    default:
      return 0;
    }
}

/* After the end, on stderr: how it ended, and where to look. */
static void
report_end (CliContext *cli,
            StudioTask *task)
{
  StudioTaskState state = studio_task_get_state (task);
  const char *message = studio_task_get_message (task);
  const char *worker = studio_task_get_worker_name (task);
  g_autofree char *duration = studio_task_dup_duration_text (task);
  if (state == STUDIO_TASK_STATE_FAILED && studio_task_get_exit_status (task) < 0)
    {
      fprintf (stderr, "error: %s\n", message ? message : _("The task could not run."));
      return;
    }
  if (!isatty (STDERR_FILENO) && state == STUDIO_TASK_STATE_SUCCEEDED)
    return;
  fprintf (stderr, _("Task %s %s"), studio_task_get_id (task), studio_task_state_get_label (state));
  if (studio_task_get_exit_status (task) >= 0 && state != STUDIO_TASK_STATE_SUCCEEDED)
    fprintf (stderr, _(" (exit status %d)"), studio_task_get_exit_status (task));
  if (duration != NULL)
    fprintf (stderr, _(" after %s"), duration);
  fprintf (stderr, ".");
  if (message != NULL)
    fprintf (stderr, " %s", message);
  fprintf (stderr, "\n");
  if (studio_task_get_output_notebook (task) != NULL)
    fprintf (stderr, _("Output notebook: %s\n"), studio_task_get_output_notebook (task));
  if (studio_task_get_kept (task) && worker != NULL)
    fprintf (stderr, _("Worker %s is kept: ai-studio-cli jupyter-url %s%s%s, or terminate it when done.\n"),
             worker, worker,
             g_strcmp0 (studio_task_get_region_id (task), STUDIO_LOCAL_REGION_ID) != 0 ? " --region " : "",
             g_strcmp0 (studio_task_get_region_id (task), STUDIO_LOCAL_REGION_ID) != 0
               ? studio_task_get_region_id (task) : "");
}

/* Usage errors of run-task are errors AI Studio could not run the task for. */
static int
not_run (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static int
not_run (const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cli_fail ("%s", message);
  return EXIT_NOT_RUN;
}

int
cli_verb_run_task (CliContext *cli, int argc, char **argv)
{
  g_autofree char *size = NULL, *image = NULL, *script_file = NULL, *files = NULL, *venv = NULL, *timeout = NULL;
  g_auto(GStrv) params = NULL;
  gboolean keep = FALSE, keep_on_failure = FALSE, no_capture = FALSE, detach = FALSE;
  g_autoptr(StudioTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  Watch watch = { 0 };
  guint sigint_id, sigterm_id;
  int status;
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("The worker's size, by id or name (see “sizes”)"), N_("SIZE") },
    { "image", 0, 0, G_OPTION_ARG_STRING, &image, N_("The worker's image"), N_("IMAGE") },
    { "startup-script", 0, 0, G_OPTION_ARG_FILENAME, &script_file, N_("A script to run on the worker before the task"), N_("FILE") },
    { "files", 0, 0, G_OPTION_ARG_FILENAME, &files, N_("The folder to upload to ~/task (default: the file's folder)"), N_("DIR") },
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &params, N_("A notebook parameter, typed as papermill does"), N_("NAME=VALUE") },
    { "venv", 0, 0, G_OPTION_ARG_STRING, &venv, N_("Run with the Python of ~/.venv/NAME on the worker"), N_("NAME") },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the worker when the task ends"), NULL },
    { "keep-on-failure", 0, 0, G_OPTION_ARG_NONE, &keep_on_failure, N_("Keep the worker only when the task fails"), NULL },
    { "no-capture", 0, 0, G_OPTION_ARG_NONE, &no_capture, N_("Show the output, but do not keep it"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout, N_("End the task after this many minutes (exit status 124)"), N_("MINUTES") },
    { "detach", 'd', 0, G_OPTION_ARG_NONE, &detach, N_("Print the task's id and return once it runs"), NULL },
    { NULL }
  };

  cli->brief_usage = TRUE;
  if (!cli_parse_options (cli, &argc, &argv, "FILE",
                          _("Run a script (.py, .sh) or a notebook (.ipynb) on a fresh worker."),
                          entries, TRUE, 1, &status))
    return EXIT_NOT_RUN;

  task = studio_task_new (cli->region, argv[1]);
  if (keep && keep_on_failure)
    return not_run (_("give --keep or --keep-on-failure, not both"));
  studio_task_set_policy (task, keep ? STUDIO_TASK_POLICY_KEEP
                                : keep_on_failure ? STUDIO_TASK_POLICY_KEEP_ON_FAILURE : STUDIO_TASK_POLICY_TERMINATE);
  if (timeout != NULL)
    {
      char *end = NULL;
      double minutes = g_ascii_strtod (timeout, &end);

      /* Minutes, and parts of one (0.5 is 30 seconds). */
      if (end == timeout || *end != '\0' || !(minutes * 60 >= 1) || minutes > 60 * 24 * 365)
        return not_run (_("--timeout takes a number of minutes (such as 30, or 0.5), not “%s”"), timeout);
      studio_task_set_timeout (task, (guint) (minutes * 60 + 0.5));
    }
  if (script_file != NULL)
    {
      if (!g_file_get_contents (script_file, &script, NULL, &error))
        return not_run (_("Cannot read the startup script: %s"), error->message);
      studio_task_set_startup_script (task, script);
    }
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    if (!studio_task_add_parameter (task, params[i], &error))
      return not_run ("%s", error->message);
  studio_task_set_files_dir (task, files);
  studio_task_set_size (task, size);
  studio_task_set_image (task, image);
  studio_task_set_venv (task, venv);
  studio_task_set_capture (task, !no_capture);

  watch_init (&watch, task, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, &watch);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, &watch);
  studio_task_run_async (task, detach, NULL, cli_store_result, &result);
  cli_wait (&result);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  watch_clear (&watch);

  if (!studio_task_run_finish (task, result, &error))
    {
      int failed = cli_fail_error (error, NULL);
      (void) failed;
      return EXIT_NOT_RUN;
    }
  if (detach && studio_task_get_state (task) == STUDIO_TASK_STATE_RUNNING)
    {
      if (cli->json)
        {
          g_autoptr(JsonNode) node = task_to_json (cli, task);
          cli_print_json (node);
        }
      else
        printf ("%s\n", studio_task_get_id (task));
      return 0;
    }
  if (cli->json)
    {
      g_autoptr(JsonNode) node = task_to_json (cli, task);
      cli_print_json (node);
    }
  report_end (cli, task);
  return task_exit_status (task);
}

static void
look_at (StudioTask *task)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (studio_task_state_is_final (studio_task_get_state (task)))
    return;
  studio_task_follow_async (task, FALSE, NULL, cli_store_result, &result);
  if (!studio_task_follow_finish (task, cli_wait (&result), &error))
    fprintf (stderr, _("warning: could not look at task %s: %s\n"), studio_task_get_id (task), error->message);
}

int
cli_verb_tasks (CliContext *cli, int argc, char **argv)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_auto(GStrv) damaged = NULL;
  int status;

  if (!cli_parse_options (cli, &argc, &argv, "", _("List past and running tasks, newest first."),
                          NULL, TRUE, 0, &status))
    return status;

  tasks = studio_task_load_all (cli->regions, &damaged);
  for (guint i = 0; damaged != NULL && damaged[i] != NULL; i++)
    fprintf (stderr, _("warning: skipped a damaged task record: %s\n"), damaged[i]);
  /* Only the region asked for, when one was. */
  for (guint i = tasks->len; cli->region_name != NULL && i > 0; i--)
    if (g_strcmp0 (studio_task_get_region_id (g_ptr_array_index (tasks, i - 1)),
                   studio_region_get_id (cli->region)) != 0)
      g_ptr_array_remove_index (tasks, i - 1);
  /* A task that ended while no one followed it is settled now. */
  for (guint i = 0; i < tasks->len; i++)
    look_at (g_ptr_array_index (tasks, i));

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < tasks->len; i++)
        json_array_add_element (array, task_to_json (cli, g_ptr_array_index (tasks, i)));
      json_node_set_array (root, array);
      cli_print_json (root);
      return 0;
    }
  if (tasks->len == 0)
    {
      printf (_("No tasks yet. Run one with: ai-studio-cli run-task FILE\n"));
      return 0;
    }
  printf ("%-12s  %-10s  %-4s  %-8s  %-16s  %-14s  %s\n", _("ID"), _("STATE"), _("EXIT"), _("TIME"),
          _("WORKER"), _("REGION"), _("FILE"));
  for (guint i = 0; i < tasks->len; i++)
    {
      StudioTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *duration = studio_task_dup_duration_text (task);
      g_autofree char *region = region_name_of (cli, task);
      g_autofree char *base = g_path_get_basename (studio_task_get_file (task));
      g_autofree char *exit_status = studio_task_get_exit_status (task) >= 0
        ? g_strdup_printf ("%d", studio_task_get_exit_status (task)) : g_strdup ("-");
      g_autofree char *worker = g_strdup_printf ("%s%s", studio_task_get_worker_name (task) ?: "-",
                                                 studio_task_get_kept (task) ? _(" (kept)") : "");

      printf ("%-12s  %-10s  %-4s  %-8s  %-16s  %-14s  %s\n", studio_task_get_id (task),
              studio_task_state_to_string (studio_task_get_state (task)), exit_status, duration ? duration : "-",
              worker, region, base);
    }
  return 0;
}

static void
print_task (CliContext *cli,
            StudioTask *task)
{
  g_autofree char *region = region_name_of (cli, task);
  g_autofree char *duration = studio_task_dup_duration_text (task);
  g_autofree char *log = studio_task_dup_log_path (task);
  g_autofree char *output = NULL;
  gsize len = 0;

  printf (_("Task:     %s\n"), studio_task_get_id (task));
  printf (_("File:     %s\n"), studio_task_get_file (task));
  printf (_("Region:   %s\n"), region);
  printf (_("Worker:   %s%s\n"), studio_task_get_worker_name (task) ?: "-",
          studio_task_get_kept (task) ? _(" (kept)") : "");
  printf (_("State:    %s\n"), studio_task_state_to_string (studio_task_get_state (task)));
  if (studio_task_get_exit_status (task) >= 0)
    printf (_("Exit:     %d\n"), studio_task_get_exit_status (task));
  printf (_("Time:     %s\n"), duration ? duration : "-");
  if (studio_task_get_message (task) != NULL)
    printf (_("Message:  %s\n"), studio_task_get_message (task));
  if (studio_task_get_output_notebook (task) != NULL)
    printf (_("Notebook: %s\n"), studio_task_get_output_notebook (task));
  if (studio_task_get_capture (task) && g_file_get_contents (log, &output, &len, NULL))
    {
      printf (_("Output (%s):\n"), log);
      fwrite (output, 1, len, stdout);
      if (len > 0 && output[len - 1] != '\n')
        printf ("\n");
    }
  else if (!studio_task_get_capture (task))
    printf (_("Output:   not kept (--no-capture)\n"));
}

int
cli_verb_task (CliContext *cli, int argc, char **argv)
{
  gboolean follow = FALSE, cancel = FALSE, remove = FALSE;
  g_autoptr(StudioTask) task = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, N_("Show the output so far, then as it comes, until the task ends"), NULL },
    { "cancel", 0, 0, G_OPTION_ARG_NONE, &cancel, N_("Stop a running task"), NULL },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Forget a finished task's record"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, &argc, &argv, "TASK", _("Show one task: its state and output (TASK: an id or a unique prefix)."),
                          entries, TRUE, 1, &status))
    return status;
  if (follow + cancel + remove > 1)
    return cli_usage_error (NULL, _("give one of --follow, --cancel and --remove"));

  task = studio_task_load (cli->regions, argv[1], &error);
  if (task == NULL)
    return cli_fail (_("%s “ai-studio-cli tasks” lists them."), error->message);

  if (remove)
    {
      if (!studio_task_remove (task, &error))
        return cli_fail_error (error, NULL);
      printf (_("Task %s is forgotten.\n"), studio_task_get_id (task));
      return 0;
    }
  if (cancel)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GAsyncResult) followed = NULL;

      studio_task_cancel_async (task, NULL, cli_store_result, &result);
      if (!studio_task_cancel_finish (task, cli_wait (&result), &error))
        return cli_fail_error (error, NULL);
      /* Until it has ended, so that its worker ends per the policy now. */
      studio_task_follow_async (task, TRUE, NULL, cli_store_result, &followed);
      if (!studio_task_follow_finish (task, cli_wait (&followed), &error))
        return cli_fail_error (error, NULL);
      printf (_("Task %s is %s.\n"), studio_task_get_id (task), studio_task_state_to_string (studio_task_get_state (task)));
      return 0;
    }
  if (follow)
    {
      g_autoptr(GAsyncResult) result = NULL;
      Watch watch = { 0 };
      guint sigint_id;

      watch_init (&watch, task, FALSE);
      sigint_id = g_unix_signal_add (SIGINT, on_interrupt, &watch);
      studio_task_follow_async (task, TRUE, NULL, cli_store_result, &result);
      cli_wait (&result);
      g_source_remove (sigint_id);
      watch_clear (&watch);
      if (!studio_task_follow_finish (task, result, &error))
        return cli_fail_error (error, NULL);
      if (cli->json)
        {
          g_autoptr(JsonNode) node = task_to_json (cli, task);
          cli_print_json (node);
        }
      report_end (cli, task);
      return task_exit_status (task);
    }

  look_at (task);
  if (cli->json)
    {
      g_autoptr(JsonNode) node = task_to_json (cli, task);
      cli_print_json (node);
    }
  else
    print_task (cli, task);
  return 0;
}
