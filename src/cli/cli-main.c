/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ai-studio-cli: AI Studio without a window. */
#include <locale.h>
#include <stdio.h>

#include "cli.h"

/* The run's context, for the hints that errors get. */
static CliContext *current;

typedef struct
{
  const char *name;
  CliVerbFunc func;
  const char *summary;
} CliVerb;

static const CliVerb verbs[] = {
  { "regions", cli_verb_regions, N_("List regions and whether they answer") },
  { "region", cli_verb_region, N_("Add, remove or list regions (region add|remove|list)") },
  { "sizes", cli_verb_sizes, N_("List the worker sizes of a region") },
  { "images", cli_verb_images, N_("List the worker images of a region, and what each is for") },
  { "build-image", cli_verb_build_image, N_("Build one of AI Studio's own worker images on This Computer") },
  { "workers", cli_verb_workers, N_("List the workers of a region") },
  { "launch", cli_verb_launch, N_("Launch a new worker and wait until it is ready") },
  { "stop", cli_verb_stop, N_("Stop a worker (its disk is kept)") },
  { "start", cli_verb_start, N_("Start a stopped worker") },
  { "terminate", cli_verb_terminate, N_("Remove a worker and its disk (~/my and ~/shared stay)") },
  { "replicate", cli_verb_replicate, N_("Launch a copy of a worker") },
  { "logs", cli_verb_logs, N_("Print a worker's logs") },
  { "jupyter-url", cli_verb_jupyter_url, N_("Print a URL that opens the worker's Jupyter in a browser") },
  { "shell", cli_verb_shell, N_("Open a shell on a worker") },
  { "exec", cli_verb_exec, N_("Run a command on a worker, for scripts (its output, errors and exit status)") },
  { "services", cli_verb_services, N_("List what a worker serves: JupyterLab and the ports its programs listen on") },
  { "open", cli_verb_open, N_("Open what a worker serves in the browser, or print its address") },
  { "cp", cli_verb_cp, N_("Copy files to or from a worker (WORKER:PATH)") },
  { "running", cli_verb_running, N_("List or shut down a worker's kernels and terminals") },
  { "stats", cli_verb_stats, N_("Show a worker's CPU, memory, network and disk use") },
  { "run-task", cli_verb_run_task, N_("Run a script or notebook on a fresh worker") },
  { "tasks", cli_verb_tasks, N_("List past and running tasks") },
  { "task", cli_verb_task, N_("Show, follow, cancel or remove one task") },
};

int
cli_fail (const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "error: %s\n", message);
  return CLI_EXIT_FAILED;
}

/* One line on stderr: the error, and where it helps, what to run next. */
int
cli_fail_error (const GError *error,
                const char   *hint)
{
  g_autofree char *one_line = g_strdup (error->message);
  g_autofree char *region_hint = NULL;

  g_strdelimit (one_line, "\n\r", ' ');
  /* Core says what to do in words; the CLI adds the command line. */
  if (hint == NULL && current != NULL && current->region != NULL &&
      g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_AUTH) &&
      studio_region_get_sign_in_methods (current->region) != STUDIO_SIGN_IN_NONE)
    hint = region_hint = cli_sign_in_hint (current->region);
  if (hint != NULL)
    return cli_fail ("%s (%s)", one_line, hint);
  return cli_fail ("%s", one_line);
}

int
cli_usage_error (GOptionContext *context,
                 const char     *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "error: %s\n", message);
  if (context != NULL && current != NULL && current->brief_usage)
    return CLI_EXIT_USAGE;
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      fprintf (stderr, "%s", help);
    }
  return CLI_EXIT_USAGE;
}

void
cli_store_result (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The CLI has nothing else to do meanwhile: run the loop until the result is in. */
GAsyncResult *
cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

gboolean
cli_refresh (CliContext  *cli,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  const char *notice;

  studio_region_refresh_async (cli->region, NULL, cli_store_result, &result);
  if (!studio_region_refresh_finish (cli->region, cli_wait (&result), error))
    return FALSE;
  if ((notice = studio_region_get_notice (cli->region)) != NULL)
    {
      static gboolean told;
      if (!told)
        fprintf (stderr, "note: %s\n", notice);
      told = TRUE;
    }
  return TRUE;
}

StudioWorker *
cli_find_worker (CliContext *cli,
                 const char *name_or_id,
                 int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  StudioWorker *worker;

  if (!cli_refresh (cli, &error))
    {
      *exit_status = cli_fail_error (error, NULL);
      return NULL;
    }
  worker = studio_region_find_worker (cli->region, name_or_id);
  if (worker == NULL)
    *exit_status = cli_fail (_("There is no worker “%s” in %s; “ai-studio-cli workers” lists them."),
                             name_or_id, studio_region_get_name (cli->region));
  return worker;
}

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage: ai-studio-cli COMMAND [OPTIONS…]\n\n"
                  "Manage AI Studio workers from the command line.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (out, "  %-12s %s\n", verbs[i].name, _(verbs[i].summary));
  fprintf (out, _("\nRun “ai-studio-cli COMMAND --help” for a command's options.\n"));
}

int
main (int    argc,
      char **argv)
{
  CliContext cli = { 0 };
  int status = CLI_EXIT_USAGE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("ai-studio-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (argv[1], verbs[i].name))
      {
        current = &cli;
        status = verbs[i].func (&cli, argc - 1, argv + 1);
        current = NULL;
        g_clear_object (&cli.region);
        g_clear_object (&cli.regions);
        g_free (cli.region_name);
        /* What the regions had under way (a refresh after a terminate) was
         * cancelled with them: let it end before the process does. */
        for (guint n = 0; n < 1000 && g_main_context_pending (NULL); n++)
          g_main_context_iteration (NULL, FALSE);
        /* Let the keyring's D-Bus connection finish what it has under way. */
        studio_regions_disconnect_keyring ();
        return status;
      }

  fprintf (stderr, _("error: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return CLI_EXIT_USAGE;
}
