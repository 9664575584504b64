/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ai-studio-cli cp: files to and from a worker's home, through its Jupyter
 * server (StudioJupyter's chunked uploads and streamed downloads). */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

typedef struct
{
  gboolean tty;
  gint64 last;
} Bar;

static void
draw_bar (guint64  done,
          guint64  total,
          gpointer user_data)
{
  Bar *bar = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *have = NULL, *all = NULL;
  int filled;

  if (!bar->tty || (now - bar->last < G_USEC_PER_SEC / 10 && done < total))
    return;
  bar->last = now;
  have = g_format_size_full (done, G_FORMAT_SIZE_IEC_UNITS);
  all = g_format_size_full (MAX (total, done), G_FORMAT_SIZE_IEC_UNITS);
  filled = total ? (int) (24 * MIN (done, total) / total) : 0;
  fprintf (stderr, "\r\033[K[%.*s%.*s] %s of %s", filled, "########################",
           24 - filled, "------------------------", have, all);
  fflush (stderr);
}

/* "WORKER:PATH": the worker's name and the path (NULL when arg is local). */
static char *
split_remote (const char  *arg,
              const char **path)
{
  const char *colon = strchr (arg, ':');

  /* A local path may hold a colon after a slash ("./a:b"); a worker's name has none. */
  if (colon == NULL || colon == arg || memchr (arg, '/', colon - arg) != NULL)
    return NULL;
  *path = colon + 1;
  return g_strndup (arg, colon - arg);
}

static const char *
base_name (const char *path)
{
  const char *end = path + strlen (path);
  const char *slash;

  while (end > path && end[-1] == '/')
    end--;
  for (slash = end; slash > path && slash[-1] != '/'; slash--)
    ;
  return slash;
}

/* A remote path's type: "file", "directory", "notebook", or NULL when there is none. */
static char *
remote_type (StudioJupyter *jupyter,
             const char    *path,
             GError       **error)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *query = g_strdup_printf ("api/contents/%s?content=0&no_track_activity=1", escaped);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;

  studio_jupyter_call_async (jupyter, "GET", query, NULL, NULL, cli_store_result, &result);
  node = studio_jupyter_call_finish (jupyter, cli_wait (&result), &local_error);
  if (g_error_matches (local_error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    return NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("file");
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (node), "type", "file"));
}

int
cli_verb_cp (CliContext *cli, int argc, char **argv)
{
  gboolean recursive = FALSE;
  const GOptionEntry entries[] = {
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive, N_("Copy folders and everything in them"), NULL },
    { NULL }
  };
  g_autofree char *worker_name = NULL;
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autoptr(GError) error = NULL;
  const char *dst, *dst_path = NULL;
  g_autofree char *dst_worker = NULL;
  gboolean upload;
  int nsrc, status = 0;
  StudioWorker *worker;
  Bar bar = { isatty (STDERR_FILENO), 0 };

  if (!cli_parse_options (cli, &argc, &argv, "SRC… DST",
                          _("Copy files or folders (-r) between this computer and a worker's home. Exactly one "
                            "side is WORKER:PATH, a path relative to the worker's home (WORKER: is the home)."),
                          entries, FALSE, -2, &status))
    return status;
  nsrc = argc - 2;
  dst = argv[argc - 1];
  dst_worker = split_remote (dst, &dst_path);
  upload = dst_worker != NULL;
  for (int i = 1; i <= nsrc; i++)
    {
      const char *path;
      g_autofree char *name = split_remote (argv[i], &path);

      if (upload ? name != NULL : name == NULL)
        return cli_usage_error (NULL, _("exactly one side of cp is WORKER:PATH: the sources, or the destination"));
      if (name != NULL && worker_name != NULL && !g_str_equal (name, worker_name))
        return cli_usage_error (NULL, _("copy from one worker at a time"));
      if (name != NULL && worker_name == NULL)
        worker_name = g_steal_pointer (&name);
    }
  if (upload)
    worker_name = g_strdup (dst_worker);

  worker = cli_find_worker (cli, worker_name, &status);
  if (worker == NULL || (status = cli_require_ready (cli, worker)) != 0)
    return status;
  jupyter = studio_region_open_jupyter (cli->region, worker);

  for (int i = 1; i <= nsrc; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      gboolean ok;

      if (upload)
        {
          g_autoptr(GFile) source = g_file_new_for_commandline_arg (argv[i]);
          GFileType type = g_file_query_file_type (source, G_FILE_QUERY_INFO_NONE, NULL);
          g_autofree char *dst_type = NULL;
          g_autofree char *target = NULL;

          if (type == G_FILE_TYPE_UNKNOWN)
            return cli_fail (_("There is no “%s” on this computer."), argv[i]);
          if (type == G_FILE_TYPE_DIRECTORY && !recursive)
            return cli_fail (_("“%s” is a folder: add -r to copy it with everything in it."), argv[i]);
          /* Into a folder that exists (or "WORKER:", the home): under its own name. */
          dst_type = *dst_path ? remote_type (jupyter, dst_path, &error) : g_strdup ("directory");
          if (error != NULL)
            return cli_fail_error (error, NULL);
          if (g_strcmp0 (dst_type, "directory") == 0 || g_str_has_suffix (dst_path, "/") || nsrc > 1)
            target = g_build_path ("/", dst_path, base_name (argv[i]), NULL);
          else
            target = g_strdup (dst_path);
          studio_jupyter_upload_async (jupyter, source, target, draw_bar, &bar, NULL, NULL, cli_store_result, &result);
          ok = studio_jupyter_upload_finish (jupyter, cli_wait (&result), &error);
        }
      else
        {
          const char *path;
          g_autofree char *name = split_remote (argv[i], &path);
          g_autofree char *type = remote_type (jupyter, path, &error);
          g_autoptr(GFile) destination = g_file_new_for_commandline_arg (dst);

          if (error != NULL)
            return cli_fail_error (error, NULL);
          if (type == NULL)
            return cli_fail (_("There is no “%s” in %s's home."), path, worker_name);
          if (g_str_equal (type, "directory") && !recursive)
            return cli_fail (_("“%s” is a folder: add -r to copy it with everything in it."), argv[i]);
          if (g_file_query_file_type (destination, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY || nsrc > 1)
            {
              g_autoptr(GFile) inside = g_file_get_child (destination, *base_name (path) ? base_name (path) : worker_name);
              g_set_object (&destination, inside);
            }
          studio_jupyter_download_async (jupyter, path, destination, draw_bar, &bar, NULL, NULL, cli_store_result,
                                         &result);
          ok = studio_jupyter_download_finish (jupyter, cli_wait (&result), &error);
        }
      if (bar.tty && bar.last != 0)
        fprintf (stderr, "\r\033[K");
      if (!ok)
        return cli_fail_error (error, NULL);
    }
  return 0;
}
