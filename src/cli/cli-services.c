/* SPDX-License-Identifier: GPL-3.0-or-later */
/* services: what a worker serves (JupyterLab, and each port a program of it
 * listens on); open: one of them in the browser, or its address for
 * scripts. */
#include <stdio.h>

#include "cli.h"

/* The services of the ready worker @name, asked of its Jupyter server; NULL
 * with *@status set (the error said) when there are none to tell. */
static GListModel *
services_of (CliContext    *cli,
             const char    *name,
             StudioWorker **worker,
             int           *status)
{
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *services;

  *worker = cli_find_worker (cli, name, status);
  if (*worker == NULL || (*status = cli_require_ready (cli, *worker)) != 0)
    return NULL;
  jupyter = studio_region_open_jupyter (cli->region, *worker);
  studio_jupyter_list_services_async (jupyter, NULL, cli_store_result, &result);
  services = studio_jupyter_list_services_finish (jupyter, cli_wait (&result), &error);
  if (services == NULL)
    *status = cli_fail_error (error, NULL);
  return services;
}

int
cli_verb_services (CliContext *cli, int argc, char **argv)
{
  g_autoptr(GListModel) services = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  StudioWorker *worker;
  int status = 0;

  if (!cli_parse_options (cli, &argc, &argv, "WORKER",
                          _("List what a worker serves: JupyterLab, and each port a program on it listens on, "
                            "with its name where one is known. Open one with “open WORKER NAME|PORT”."),
                          NULL, TRUE, 1, &status))
    return status;
  services = services_of (cli, argv[1], &worker, &status);
  if (services == NULL)
    return status;

  json_builder_begin_array (b);
  if (!cli->json)
    printf ("%-6s %-24s %s\n", _("PORT"), _("NAME"), _("ADDRESS"));
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(StudioService) service = g_list_model_get_item (services, i);
      guint port = studio_service_get_port (service);
      g_autofree char *shown = port ? g_strdup_printf ("%u", port) : g_strdup ("-");

      if (!cli->json)
        {
          printf ("%-6s %-24s %s\n", shown, studio_service_get_name (service), studio_service_get_url (service));
          continue;
        }
      json_builder_begin_object (b);
      cli_json_add_string (b, "id", studio_service_get_id (service));
      cli_json_add_string (b, "name", studio_service_get_name (service));
      json_builder_set_member_name (b, "port");
      if (port)
        json_builder_add_int_value (b, port);
      else
        json_builder_add_null_value (b);
      cli_json_add_string (b, "url", studio_service_get_url (service));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      cli_print_json (root);
    }
  return 0;
}

int
cli_verb_open (CliContext *cli, int argc, char **argv)
{
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioService) found = NULL;
  g_autoptr(GString) known = g_string_new (NULL);
  g_autofree char *url = NULL;
  gboolean url_only = FALSE;
  StudioWorker *worker;
  int status = 0;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_NONE, &url_only,
      N_("Print an address that opens it, signed in (for scripts), instead of opening the browser"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, &argc, &argv, "WORKER NAME|PORT",
                          _("Open what a worker serves (JupyterLab, VS Code, a port a program on it listens on) "
                            "in the browser, signed in."),
                          entries, FALSE, 2, &status))
    return status;
  services = services_of (cli, argv[1], &worker, &status);
  if (services == NULL)
    return status;
  for (guint i = 0; i < g_list_model_get_n_items (services) && found == NULL; i++)
    {
      g_autoptr(StudioService) service = g_list_model_get_item (services, i);

      if (studio_service_matches (service, argv[2]))
        found = g_steal_pointer (&service);
      else if (studio_service_get_port (service))
        g_string_append_printf (known, ", %u (%s)", studio_service_get_port (service),
                                studio_service_get_name (service));
      else
        g_string_append_printf (known, ", %s", studio_service_get_name (service));
    }
  if (found == NULL)
    {
      g_set_error (&error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                   _("Worker %s serves nothing called “%s”; it serves: %s (ai-studio-cli services %s)."),
                   argv[1], argv[2], known->len ? known->str + 2 : "", argv[1]);
      return cli_fail_error (error, NULL);
    }

  if (url_only)
    {
      url = studio_worker_dup_browser_url_for (worker, studio_service_get_url (found));
      printf ("%s\n", url);
      if (strstr (url, "token=") != NULL)
        fprintf (stderr, _("note: this URL carries the worker's token: whoever has it can run code on the worker. "
                           "Do not share it or paste it where others see it.\n"));
      return 0;
    }
  url = studio_worker_dup_browser_launch_uri (worker, studio_service_get_url (found), &error);
  if (url == NULL || !g_app_info_launch_default_for_uri (url, NULL, &error))
    return cli_fail_error (error, NULL);
  return 0;
}
