/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ai-studio-cli region add|remove|list: the regions the user adds. The
 * address picks the kind's form: a hub's http(s):// address (signed in with
 * a token kept in the Secret Service), or a container engine's socket
 * (unix:// or a path). */
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

/* One line from stdin; on a terminal, asked for without echo. */
char *
cli_read_secret (const char *prompt)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[4096];
  char *line;

  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      fprintf (stderr, "\n");
    }
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  return g_strdup (buffer);
}

/* What to run to sign in to region again, for an error that asks it. */
char *
cli_sign_in_hint (StudioRegion *region)
{
  return g_strdup_printf (_("ai-studio-cli region add %s %s --username NAME"),
                          studio_region_get_id (region), studio_region_get_url (region));
}

/* "30d", "12h", "45m", "90s" or a number of days. */
static gboolean
parse_lifetime (const char *text,
                guint      *seconds)
{
  char *end = NULL;
  guint64 n;
  guint64 unit = 24 * 3600;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  n = g_ascii_strtoull (text, &end, 10);
  switch (*end)
    {
    case '\0': case 'd': break;
    case 'h': unit = 3600; break;
    case 'm': unit = 60; break;
    case 's': unit = 1; break;
    default: return FALSE;
    }
  if (*end != '\0' && end[1] != '\0')
    return FALSE;
  if (n == 0 || n * unit > G_MAXINT)
    return FALSE;
  *seconds = (guint) (n * unit);
  return TRUE;
}

static int
region_add (CliContext *cli, int argc, char **argv)
{
  g_autofree char *username = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *lifetime = NULL;
  g_autofree char *host_key = NULL;
  gboolean token_stdin = FALSE;
  gboolean insecure = FALSE;
  guint lifetime_seconds = STUDIO_HUB_TOKEN_LIFETIME_DEFAULT;
  const GOptionEntry entries[] = {
    { "trust-certificate", 0, 0, G_OPTION_ARG_STRING, &certificate, N_("Trust the hub's certificate with this SHA-256 fingerprint, though this system does not"), N_("FINGERPRINT") },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, N_("Sign in with this user; the password is read from stdin"), N_("USER") },
    { "token-stdin", 0, 0, G_OPTION_ARG_NONE, &token_stdin, N_("Read an API token from stdin"), NULL },
    { "token-lifetime", 0, 0, G_OPTION_ARG_STRING, &lifetime, N_("How long the token made at sign-in lives: 30d (the default), 12h, 45m"), N_("DURATION") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &insecure, N_("Accept an http:// hub on another computer: the password and token cross the network unencrypted"), NULL },
    { "accept-host-key", 0, 0, G_OPTION_ARG_STRING, &host_key, N_("Accept the SSH machine's key with this fingerprint, not known to this computer yet"), N_("FINGERPRINT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME URL");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StudioRegion) region = NULL;
  g_autofree char *secret = NULL;

  g_set_prgname ("ai-studio-cli region add");
  g_option_context_set_summary (context, _("Add a region. A JupyterHub by its http(s):// address: sign in with "
                                           "--username (the password is read from stdin and never stored) or "
                                           "--token-stdin. A container engine by its socket (unix:///…). A machine you reach with ssh by "
                                           "ssh://[USER@]HOST[:PORT], HOST as you give it to ssh (an alias of ~/.ssh/config works)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (context, "%s", error->message);
  if (argc != 3)
    return cli_usage_error (context, _("region add takes a NAME and a URL"));
  if (g_str_has_prefix (argv[2], "unix://") || g_path_is_absolute (argv[2]) || g_str_has_prefix (argv[2], "ssh://"))
    {
      /* A container engine at a socket, or on a machine reached with ssh:
       * nothing to sign in with here. */
      gboolean ssh = g_str_has_prefix (argv[2], "ssh://");

      cli->regions = cli_regions_new ();
      if (!studio_regions_load (cli->regions, &error))
        return cli_fail_error (error, NULL);
      region = ssh ? studio_regions_new_region ("ssh", "id", argv[1], "url", argv[2], "host-key", host_key, NULL)
                   : studio_regions_new_region ("engine", "id", argv[1], "address", argv[2], NULL);
      studio_regions_add_async (cli->regions, region, STUDIO_REGIONS_ADD_NONE, NULL, cli_store_result, &result);
      if (!studio_regions_add_finish (cli->regions, cli_wait (&result), &error))
        {
          g_autofree char *hint = NULL;

          if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_UNKNOWN_HOST_KEY))
            hint = g_strdup_printf (_("if you know it is that machine's key: ai-studio-cli region add %s %s --accept-host-key %s"),
                                    argv[1], argv[2], studio_error_get_certificate (error));
          return cli_fail_error (error, hint);
        }
      printf (_("Region %s added: %s at %s.\n"), argv[1], studio_region_get_status (region), argv[2]);
      return 0;
    }
  if ((username == NULL) == !token_stdin)
    return cli_usage_error (context, _("give either --username or --token-stdin"));
  if (lifetime != NULL && !parse_lifetime (lifetime, &lifetime_seconds))
    return cli_usage_error (context, _("--token-lifetime takes a duration such as 30d, 12h or 45m"));

  if (username != NULL)
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s at %s: "), username, argv[2]);
      secret = cli_read_secret (prompt);
    }
  else
    secret = cli_read_secret (_("Token: "));
  if (secret == NULL || *secret == '\0')
    return cli_fail (username ? _("No password was given on stdin.") : _("No token was given on stdin."));

  cli->regions = cli_regions_new ();
  if (!studio_regions_load (cli->regions, &error))
    return cli_fail_error (error, NULL);
  region = studio_regions_new_region ("hub", "id", argv[1], "url", argv[2], "certificate", certificate,
                                      "username", username, "password", username ? secret : NULL,
                                      "token", username ? NULL : secret, "token-lifetime", lifetime_seconds,
                                      "insecure", insecure, NULL);
  explicit_bzero (secret, strlen (secret));
  studio_regions_add_async (cli->regions, region, STUDIO_REGIONS_ADD_NONE, NULL, cli_store_result, &result);
  if (!studio_regions_add_finish (cli->regions, cli_wait (&result), &error))
    {
      g_autofree char *hint = NULL;

      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_INSECURE))
        hint = g_strdup (_("to accept that, add --insecure"));
      else if (studio_error_get_certificate (error) != NULL)
        hint = g_strdup_printf (_("if you know it is your hub's: ai-studio-cli region add %s %s --trust-certificate %s"),
                                argv[1], argv[2], studio_error_get_certificate (error));
      return cli_fail_error (error, hint);
    }
  printf (_("Region %s added: signed in to %s as %s.\n"), argv[1], studio_region_get_url (region),
          studio_region_get_user (region));
  return 0;
}

static int
region_remove (CliContext *cli, int argc, char **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRegion) region = NULL;

  if (argc != 2)
    return cli_usage_error (NULL, _("usage: ai-studio-cli region remove NAME"));
  cli->regions = cli_regions_new ();
  if (!studio_regions_load (cli->regions, &error))
    return cli_fail_error (error, NULL);
  region = studio_regions_lookup (cli->regions, argv[1]);
  if (region == NULL)
    return cli_fail (_("There is no region “%s”; “ai-studio-cli region list” lists them."), argv[1]);
  studio_regions_remove_async (cli->regions, region, NULL, cli_store_result, &result);
  if (!studio_regions_remove_finish (cli->regions, cli_wait (&result), &error))
    return cli_fail_error (error, NULL);
  printf (studio_region_get_sign_in_methods (region) != STUDIO_SIGN_IN_NONE
          ? _("Region %s removed, and its token with it.\n") : _("Region %s removed.\n"), argv[1]);
  return 0;
}

int
cli_verb_region (CliContext *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return region_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return region_remove (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return cli_verb_regions (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf (_("Usage: ai-studio-cli region add NAME URL [--username USER | --token-stdin]\n"
                "                      [--token-lifetime 30d] [--trust-certificate FINGERPRINT] [--insecure]\n"
                "       ai-studio-cli region add NAME unix:///path/to/engine.sock\n"
                "       ai-studio-cli region add NAME ssh://[USER@]HOST[:PORT] [--accept-host-key FINGERPRINT]\n"
                "       ai-studio-cli region remove NAME\n"
                "       ai-studio-cli region list\n"));
      return 0;
    }
  return cli_usage_error (NULL, _("usage: ai-studio-cli region add|remove|list …"));
}
