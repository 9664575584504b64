/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

/* The id of the region NAME names: This Computer answers to its id, to its
 * name in English and in the user's language; a hub region to its name. */
static const char *
region_id_for (const char *name)
{
  if (name == NULL ||
      g_ascii_strcasecmp (name, "This Computer") == 0 ||
      g_ascii_strcasecmp (name, "this-computer") == 0 ||
      g_ascii_strcasecmp (name, STUDIO_LOCAL_REGION_ID) == 0)
    return STUDIO_LOCAL_REGION_ID;
  return name;
}

/* A machine's question (a key's passphrase), asked on the terminal; the
 * answer goes to ssh once and is wiped here. */
static void
ask_password (GMountOperation   *operation,
              const char        *message,
              const char        *default_user,
              const char        *default_domain,
              GAskPasswordFlags  flags)
{
  g_autofree char *prompt = g_strdup (message);
  g_autofree char *secret = NULL;

  /* "Connecting to HOST\nEnter passphrase for key '…': " on one line. */
  g_strdelimit (prompt, "\n", ' ');
  secret = cli_read_secret (prompt);
  if (secret == NULL || *secret == '\0')
    {
      g_mount_operation_reply (operation, G_MOUNT_OPERATION_ABORTED);
      return;
    }
  g_mount_operation_set_password (operation, secret);
  explicit_bzero (secret, strlen (secret));
  g_mount_operation_reply (operation, G_MOUNT_OPERATION_HANDLED);
}

/* The registry, its regions asking on the terminal what they must. */
StudioRegions *
cli_regions_new (void)
{
  StudioRegions *regions = studio_regions_new ();
  g_autoptr(GMountOperation) interaction = g_mount_operation_new ();

  g_signal_connect (interaction, "ask-password", G_CALLBACK (ask_password), NULL);
  studio_regions_set_interaction (regions, interaction);
  return regions;
}

/* The registry, read once per run. */
static gboolean
load_regions (CliContext  *cli,
              GError     **error)
{
  if (cli->regions != NULL)
    return TRUE;
  cli->regions = cli_regions_new ();
  return studio_regions_load (cli->regions, error);
}

/* Parses a verb's options plus the common ones; on a usage error returns
 * FALSE with *status set. positional: how many arguments the verb takes;
 * below 0, at least that many. */
gboolean
cli_parse_options (CliContext          *cli,
               int                 *argc,
               char              ***argv,
               const char          *parameters,
               const char          *summary,
               const GOptionEntry  *extra,
               gboolean             with_json,
               int                  positional,
               int                 *status)
{
  const GOptionEntry common[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &cli->region_name, N_("The region (default: $AI_STUDIO_REGION, else This Computer)"), N_("NAME") },
    { NULL }
  };
  const GOptionEntry json[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("ai-studio-cli %s", (*argv)[0]);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (with_json)
    g_option_context_add_main_entries (context, json, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = cli_usage_error (context, "%s", error->message);
      return FALSE;
    }
  if (cli->region_name == NULL && g_getenv ("AI_STUDIO_REGION") != NULL && *g_getenv ("AI_STUDIO_REGION") != '\0')
    cli->region_name = g_strdup (g_getenv ("AI_STUDIO_REGION"));
  if (positional < 0 ? *argc - 1 < -positional : *argc - 1 != positional)
    {
      *status = *argc - 1 < ABS (positional)
        ? cli_usage_error (context, _("missing argument: %s"), parameters)
        : cli_usage_error (context, _("unexpected argument “%s”"), (*argv)[positional + 1]);
      return FALSE;
    }

  {
    g_autoptr(GError) load_error = NULL;
    const char *token = g_getenv ("AI_STUDIO_TOKEN");

    if (!load_regions (cli, &load_error))
      {
        *status = cli_fail_error (load_error, NULL);
        return FALSE;
      }
    cli->region = studio_regions_lookup (cli->regions, region_id_for (cli->region_name));
    if (cli->region == NULL)
      {
        *status = cli_fail (_("There is no region “%s”; “ai-studio-cli region list” lists them."), cli->region_name);
        return FALSE;
      }
    /* A token in the environment goes only to the region the user named. */
    if (cli->region_name != NULL && token != NULL && *token != '\0' &&
        (studio_region_get_sign_in_methods (cli->region) & STUDIO_SIGN_IN_TOKEN))
      studio_region_use_token (cli->region, token);
  }
  return TRUE;
}

typedef struct
{
  StudioRegion *region;
  const char *kind;
  gboolean reachable;
  char *problem;
} RegionRow;

static void
region_row_clear (RegionRow *row)
{
  g_clear_object (&row->region);
  g_clear_pointer (&row->problem, g_free);
}

/* This Computer, then every hub region, each asked whether it answers. */
int
cli_verb_regions (CliContext *cli, int argc, char **argv)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RegionRow));
  int status;

  g_array_set_clear_func (rows, (GDestroyNotify) region_row_clear);
  if (!cli_parse_options (cli, &argc, &argv, "", _("List regions and whether they answer."), NULL, TRUE, 0, &status))
    return status;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cli->regions)); i++)
    {
      StudioRegion *region = g_list_model_get_item (G_LIST_MODEL (cli->regions), i);
      RegionRow row = { region, studio_region_get_kind (region), FALSE, NULL };
      g_array_append_val (rows, row);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      RegionRow *row = &g_array_index (rows, RegionRow, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) refresh_error = NULL;

      if (row->problem != NULL)
        continue;
      studio_region_refresh_async (row->region, NULL, cli_store_result, &result);
      row->reachable = studio_region_refresh_finish (row->region, cli_wait (&result), &refresh_error);
      if (!row->reachable)
        row->problem = g_strdup (refresh_error->message);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          RegionRow *row = &g_array_index (rows, RegionRow, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, studio_region_get_name (row->region));
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, row->kind);
          json_builder_set_member_name (b, "kind_name");
          json_builder_add_string_value (b, studio_region_get_kind_name (row->region));
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, studio_region_get_id (row->region));
          if (studio_region_get_url (row->region) != NULL)
            {
              json_builder_set_member_name (b, "url");
              json_builder_add_string_value (b, studio_region_get_url (row->region));
              json_builder_set_member_name (b, "user");
              json_builder_add_string_value (b, studio_region_get_user (row->region));
            }
          json_builder_set_member_name (b, "available");
          json_builder_add_boolean_value (b, row->reachable);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, row->reachable ? studio_region_get_status (row->region) : row->problem);
          json_builder_set_member_name (b, "workers");
          json_builder_add_int_value (b, g_list_model_get_n_items (studio_region_get_workers (row->region)));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return 0;
    }

  printf ("%-16s %-6s %s\n", _("NAME"), _("KIND"), _("STATUS"));
  for (guint i = 0; i < rows->len; i++)
    {
      RegionRow *row = &g_array_index (rows, RegionRow, i);
      guint n = g_list_model_get_n_items (studio_region_get_workers (row->region));

      printf ("%-16s %-6s ", studio_region_get_name (row->region), row->kind);
      if (row->reachable)
        printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u worker\n", "%s, %u workers\n", n),
                studio_region_get_status (row->region), n);
      else
        printf ("%s %s\n", _("unavailable:"), row->problem);
    }
  return 0;
}

int
cli_verb_sizes (CliContext *cli, int argc, char **argv)
{
  int status;
  GListModel *sizes;

  if (!cli_parse_options (cli, &argc, &argv, "", _("List the worker sizes of a region."), NULL, TRUE, 0, &status))
    return status;

  sizes = studio_region_list_sizes (cli->region);
  if (!cli->json && g_list_model_get_n_items (sizes) == 0)
    {
      const char *name = studio_region_get_name (cli->region);
      const char *url = studio_region_get_url (cli->region) ? studio_region_get_url (cli->region) : "";

      /* Reading the form needs a server to read it for (on a hub without a
       * form, that starts it), so it is read at a launch, not here. */
      printf (_("%s has not shown its profiles yet. To see them now, open %s/hub/spawn in a browser; AI Studio "
                "reads them at your first launch there (with a password sign-in) and lists them here from then "
                "on. Meanwhile: ai-studio-cli launch --region %s (the hub's default), or --size with a "
                "profile's slug or name.\n"), name, url, name);
      return 0;
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
        {
          g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, studio_size_get_id (size));
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, studio_size_get_name (size));
          json_builder_set_member_name (b, "cpus");
          json_builder_add_int_value (b, studio_size_get_cpus (size));
          json_builder_set_member_name (b, "memory_bytes");
          json_builder_add_int_value (b, studio_size_get_memory_bytes (size));
          json_builder_set_member_name (b, "gpus");
          json_builder_add_int_value (b, studio_size_get_gpus (size));
          json_builder_set_member_name (b, "available");
          json_builder_add_boolean_value (b, studio_size_get_available (size));
          json_builder_set_member_name (b, "unavailable_reason");
          if (studio_size_get_unavailable_reason (size))
            json_builder_add_string_value (b, studio_size_get_unavailable_reason (size));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else if (studio_region_can (cli->region, STUDIO_REGION_CAPABILITIES_SIZES_PER_LAUNCH))
    {
      /* A hub's profiles: a slug for --size, a name, what the hub says of it. */
      printf ("%-16s %-24s %s\n", _("ID"), _("NAME"), _("DESCRIPTION"));
      for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
        {
          g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);
          printf ("%-16s %-24s %s\n", studio_size_get_id (size), studio_size_get_name (size),
                  studio_size_get_description (size) ?: "");
        }
    }
  else
    cli_print_sizes (sizes);
  return 0;
}

int
cli_verb_workers (CliContext *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  GListModel *workers;
  int status;

  if (!cli_parse_options (cli, &argc, &argv, "", _("List the workers of a region."), NULL, TRUE, 0, &status))
    return status;
  if (!cli_refresh (cli, &error))
    return cli_fail_error (error, NULL);

  workers = studio_region_get_workers (cli->region);
  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < g_list_model_get_n_items (workers); i++)
        {
          g_autoptr(StudioWorker) worker = g_list_model_get_item (workers, i);
          json_array_add_element (array, cli_worker_to_json (cli->region, worker));
        }
      json_node_set_array (root, array);
      cli_print_json (root);
    }
  else
    cli_print_workers (workers);
  return 0;
}

/* " --region NAME" for hints, when the region is not the default one. */
static char *
region_flag (CliContext *cli)
{
  if (g_strcmp0 (studio_region_get_id (cli->region), STUDIO_LOCAL_REGION_ID) == 0)
    return g_strdup ("");
  return g_strdup_printf (" --region %s", studio_region_get_id (cli->region));
}

/* Waits for a launch or replica with progress, then reports it. */
static int
finish_launch (CliContext   *cli,
               StudioWorker *worker,
               GAsyncResult **slot,
               gboolean      replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) ready = NULL;
  g_autoptr(CliProgress) progress = NULL;
  g_autofree char *hint = NULL;

  if (worker != NULL)
    progress = cli_progress_new (worker);
  cli_wait (slot);
  g_clear_pointer (&progress, cli_progress_free);

  ready = replica ? studio_region_replicate_finish (cli->region, *slot, &error)
                  : studio_region_launch_finish (cli->region, *slot, &error);
  if (ready == NULL)
    {
      if (worker != NULL && studio_worker_get_id (worker) != NULL &&
          studio_region_can (cli->region, STUDIO_REGION_CAPABILITIES_LOGS))
        hint = g_strdup_printf (_("see “ai-studio-cli logs %s”"), studio_worker_get_name (worker));
      return cli_fail_error (error, hint);
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = cli_worker_to_json (cli->region, ready);
      cli_print_json (node);
    }
  else
    {
      g_autofree char *where = region_flag (cli);
      printf (_("Worker %s is ready. Open its Jupyter with: ai-studio-cli jupyter-url%s %s\n"),
              studio_worker_get_name (ready), where, studio_worker_get_name (ready));
      if (replica && !studio_region_can (cli->region, STUDIO_REGION_CAPABILITIES_COPIES_DISKS))
        printf (_("Files on %s's own disk were not copied: a hub cannot copy a server.\n"),
                (const char *) g_object_get_data (G_OBJECT (*slot), "source") ?: _("the worker"));
    }
  return 0;
}

int
cli_verb_launch (CliContext *cli, int argc, char **argv)
{
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autofree char *script_file = NULL;
  g_autofree char *minutes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StudioWorker *worker;
  int status;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &options->name, N_("The worker's name (default: worker, worker-2, …)"), N_("NAME") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options->size, N_("The size, by id or name (see “sizes”)"), N_("SIZE") },
    { "image", 0, 0, G_OPTION_ARG_STRING, &options->image, N_("The container image (default: " STUDIO_LOCAL_REGION_DEFAULT_IMAGE ")"), N_("IMAGE") },
    { "startup-script", 0, 0, G_OPTION_ARG_FILENAME, &script_file, N_("A script to run on the worker before Jupyter starts"), N_("FILE") },
    { "auto-shutdown", 0, 0, G_OPTION_ARG_STRING, &minutes, N_("Stop after this many idle minutes; 0 never (default: 90)"), N_("MINUTES") },
    { NULL }
  };

  if (!cli_parse_options (cli, &argc, &argv, "", _("Launch a new worker and wait until its Jupyter is ready."),
                      entries, TRUE, 0, &status))
    return status;

  if (minutes != NULL)
    {
      guint64 value;
      if (!g_ascii_string_to_unsigned (minutes, 10, 0, 60 * 24 * 365, &value, NULL))
        return cli_usage_error (NULL, _("--auto-shutdown takes a number of minutes (0 for never), not “%s”"), minutes);
      options->auto_shutdown_minutes = (int) value;
    }
  if (script_file != NULL &&
      !g_file_get_contents (script_file, &options->startup_script, NULL, &error))
    return cli_fail (_("Cannot read the startup script: %s"), error->message);

  if (!cli_refresh (cli, &error))
    return cli_fail_error (error, NULL);

  worker = studio_region_launch_async (cli->region, options, NULL, cli_store_result, &result);
  return finish_launch (cli, worker, &result, FALSE);
}

/* Before Terminate asks: what it would lose (the newest ten, and how many
 * in all), as the window's question lists it. */
static void
print_losses (CliContext   *cli,
              StudioWorker *worker)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) losses = NULL;
  guint64 total = 0;
  gboolean more = FALSE;
  guint n;

  if (studio_worker_get_state (worker) != STUDIO_WORKER_STATE_READY)
    return;
  studio_region_list_losses_async (cli->region, worker, NULL, cli_store_result, &result);
  losses = studio_region_list_losses_finish (cli->region, cli_wait (&result), &more, NULL);
  n = losses ? g_list_model_get_n_items (losses) : 0;
  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFileInfo) info = g_list_model_get_item (losses, i);

      total += g_file_info_get_size (info);
    }
  {
    g_autofree char *size = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);

    printf (g_dngettext (GETTEXT_PACKAGE, "Lost with it: %u file (%s)%s, newest first:\n",
                         "Lost with it: %u files (%s)%s, newest first:\n", n),
            n, size, more ? _(" and more") : "");
  }
  for (guint i = 0; i < MIN (n, 10); i++)
    {
      g_autoptr(GFileInfo) info = g_list_model_get_item (losses, i);
      g_autofree char *size = g_format_size_full (g_file_info_get_size (info), G_FORMAT_SIZE_IEC_UNITS);

      printf ("  %s (%s)\n", g_file_info_get_display_name (info), size);
    }
  if (n > 10)
    printf (_("  … and %u more\n"), n - 10);
}

static int
act_on_worker (CliContext         *cli,
               int                 argc,
               char              **argv,
               StudioWorkerAction  action,
               const char         *summary)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StudioWorker *worker;
  StudioWorkerState state;
  const char *name;
  int status = 0;
  gboolean ok;
  const GOptionEntry yes[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &cli->yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, &argc, &argv, "WORKER", summary,
                      action == STUDIO_WORKER_ACTION_TERMINATE ? yes : NULL, FALSE, 1, &status))
    return status;
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL)
    return status;
  name = studio_worker_get_name (worker);
  state = studio_worker_get_state (worker);

  switch (action)
    {
    case STUDIO_WORKER_ACTION_STOP:
      if (state == STUDIO_WORKER_STATE_STOPPED)
        {
          printf (_("Worker %s is already stopped; nothing to do.\n"), name);
          return 0;
        }
      break;
    case STUDIO_WORKER_ACTION_START:
      if (state == STUDIO_WORKER_STATE_READY)
        {
          printf (_("Worker %s is already running; nothing to do.\n"), name);
          return 0;
        }
      break;
    case STUDIO_WORKER_ACTION_TERMINATE:
      if (!cli->yes && isatty (STDIN_FILENO))
        {
          char answer[16] = "";

          print_losses (cli, worker);
          printf (_("Terminate worker %s? Its own disk is deleted; ~/my and ~/shared are kept. [y/N] "), name);
          fflush (stdout);
          if (fgets (answer, sizeof answer, stdin) == NULL || (answer[0] != 'y' && answer[0] != 'Y'))
            {
              printf (_("Not terminated.\n"));
              return CLI_EXIT_FAILED;
            }
        }
      break;
    default:
      g_assert_not_reached ();
    }

  switch (action)
    {
    case STUDIO_WORKER_ACTION_STOP:
      studio_region_stop_async (cli->region, worker, NULL, cli_store_result, &result);
      ok = studio_region_stop_finish (cli->region, cli_wait (&result), &error);
      break;
    case STUDIO_WORKER_ACTION_START:
      {
        g_autoptr(CliProgress) progress = NULL;

        studio_region_start_async (cli->region, worker, NULL, cli_store_result, &result);
        progress = cli_progress_new (worker);
        cli_wait (&result);
        g_clear_pointer (&progress, cli_progress_free);
        ok = studio_region_start_finish (cli->region, result, &error);
      }
      break;
    case STUDIO_WORKER_ACTION_TERMINATE:
      studio_region_terminate_async (cli->region, worker, NULL, cli_store_result, &result);
      ok = studio_region_terminate_finish (cli->region, cli_wait (&result), &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return cli_fail_error (error, NULL);

  switch (action)
    {
    case STUDIO_WORKER_ACTION_STOP: printf (_("Worker %s is stopped.\n"), name); break;
    case STUDIO_WORKER_ACTION_START: printf (_("Worker %s is ready.\n"), name); break;
    case STUDIO_WORKER_ACTION_TERMINATE: printf (_("Worker %s is terminated.\n"), argv[1]); break;
    default: break;
    }
  return 0;
}

int
cli_verb_stop (CliContext *cli, int argc, char **argv)
{
  return act_on_worker (cli, argc, argv, STUDIO_WORKER_ACTION_STOP,
                        _("Stop a worker. Its disk is kept; start it again with “start”."));
}

int
cli_verb_start (CliContext *cli, int argc, char **argv)
{
  return act_on_worker (cli, argc, argv, STUDIO_WORKER_ACTION_START,
                        _("Start a stopped worker and wait until its Jupyter is ready."));
}

int
cli_verb_terminate (CliContext *cli, int argc, char **argv)
{
  return act_on_worker (cli, argc, argv, STUDIO_WORKER_ACTION_TERMINATE,
                        _("Remove a worker and its own disk. ~/my and ~/shared are kept."));
}

int
cli_verb_replicate (CliContext *cli, int argc, char **argv)
{
  g_autofree char *new_name = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  StudioWorker *worker, *copy;
  int status = 0;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &new_name, N_("The copy's name (default: WORKER-copy)"), N_("NAME") },
    { NULL }
  };

  if (!cli_parse_options (cli, &argc, &argv, "WORKER",
                      _("Launch a copy of a worker: its disk, size, startup script and auto-shutdown."),
                      entries, TRUE, 1, &status))
    return status;
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL)
    return status;

  copy = studio_region_replicate_async (cli->region, worker, new_name, NULL, cli_store_result, &result);
  cli_wait (&result);
  g_object_set_data_full (G_OBJECT (result), "source", g_strdup (studio_worker_get_name (worker)), g_free);
  return finish_launch (cli, copy, &result, TRUE);
}

int
cli_verb_logs (CliContext *cli, int argc, char **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *logs = NULL;
  StudioWorker *worker;
  int status = 0;

  if (!cli_parse_options (cli, &argc, &argv, "WORKER", _("Print a worker's logs: its startup script and Jupyter."),
                      NULL, FALSE, 1, &status))
    return status;
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL)
    return status;

  studio_region_logs_async (cli->region, worker, NULL, cli_store_result, &result);
  logs = studio_region_logs_finish (cli->region, cli_wait (&result), &error);
  if (logs == NULL)
    return cli_fail_error (error, NULL);
  fputs (logs, stdout);
  if (*logs && !g_str_has_suffix (logs, "\n"))
    fputc ('\n', stdout);
  return 0;
}

int
cli_require_ready (CliContext   *cli,
               StudioWorker *worker)
{
  const char *name = studio_worker_get_name (worker);
  g_autofree char *where = region_flag (cli);

  switch (studio_worker_get_state (worker))
    {
    case STUDIO_WORKER_STATE_READY:
      if (studio_worker_get_jupyter_url (worker) != NULL)
        return 0;
      return cli_fail (_("Worker %s is ready, but its region gives no address AI Studio may reach it at."), name);
    case STUDIO_WORKER_STATE_STOPPED:
      return cli_fail (_("Worker %s is stopped; start it first with “ai-studio-cli start%s %s”."), name, where, name);
    case STUDIO_WORKER_STATE_FAILED:
      if (studio_worker_get_message (worker) != NULL)
        return cli_fail (_("Worker %s has failed: %s"), name, studio_worker_get_message (worker));
      return cli_fail (_("Worker %s has failed; see “ai-studio-cli logs%s %s”, or start it again."), name, where, name);
    default:
      return cli_fail (_("Worker %s is %s, not ready yet; try again in a moment."), name,
                       studio_worker_state_to_string (studio_worker_get_state (worker)));
    }
}

int
cli_verb_jupyter_url (CliContext *cli, int argc, char **argv)
{
  g_autofree char *url = NULL;
  StudioWorker *worker;
  int status = 0;

  if (!cli_parse_options (cli, &argc, &argv, "WORKER",
                      _("Print a URL that opens the worker's Jupyter in a browser, logged in."),
                      NULL, FALSE, 1, &status))
    return status;
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL || (status = cli_require_ready (cli, worker)) != 0)
    return status;

  url = studio_worker_dup_browser_url (worker);
  printf ("%s\n", url);
  /* Asked for, so printed; but said what it is. */
  if (strstr (url, "token=") != NULL)
    fprintf (stderr, _("note: this URL carries the worker's token: whoever has it can run code on the worker. "
                       "Do not share it or paste it where others see it.\n"));
  return 0;
}

int
cli_verb_shell (CliContext *cli, int argc, char **argv)
{
  StudioWorker *worker;
  int status = 0;

  if (!cli_parse_options (cli, &argc, &argv, "WORKER",
                      _("Open a shell on a worker through a Jupyter terminal. With input from a pipe, "
                        "run it and exit when the input ends."),
                      NULL, FALSE, 1, &status))
    return status;
  worker = cli_find_worker (cli, argv[1], &status);
  if (worker == NULL || (status = cli_require_ready (cli, worker)) != 0)
    return status;
  return cli_run_shell (cli->region, worker);
}
