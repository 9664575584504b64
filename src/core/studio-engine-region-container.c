/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a worker's container is: its command (the startup script, then
 * Jupyter), environment, labels, port, limits and volumes. */
#include <glib/gi18n-lib.h>

#include "studio-engine-region-private.h"

/* Runs inside the container: the startup script, then Jupyter with the
 * worker's token (both from files, studio-engine-region-secrets.c). Its own
 * output goes to the container's log, so failures can be read with logs. */
static const char wrapper_script[] =
  "s=/etc/ai-studio\n"
  "JUPYTER_TOKEN=\n"
  "{ IFS= read -r JUPYTER_TOKEN < \"$s/token\"; } 2>/dev/null || true\n"
  "if [ -z \"$JUPYTER_TOKEN\" ]; then\n"
  "  echo '[ai-studio] this worker has no token ('\"$s\"'/token): it does not start without one'\n"
  "  exit 96\n"
  "fi\n"
  "export JUPYTER_TOKEN\n"
  "if [ -s \"$s/startup\" ]; then\n"
  "  f=\"$s/startup\"\n"
  "  IFS= read -r first < \"$f\" || true\n"
  "  echo '[ai-studio] running the startup script'\n"
  "  case \"$first\" in '#!'*) \"$f\" ;; *) sh \"$f\" ;; esac\n"
  "  status=$?\n"
  "  if [ \"$status\" -ne 0 ]; then\n"
  "    echo \"[ai-studio] the startup script failed with exit status $status\"\n"
  "    exit 97\n"
  "  fi\n"
  "  echo '[ai-studio] the startup script finished'\n"
  "fi\n"
  "cd \"$HOME\" 2>/dev/null || true\n"
  "if [ \"${AI_STUDIO_FLAVOR:-}\" = docker-stacks ]; then exec \"$@\"; fi\n"
  /* Jupyter refuses to run as root unless told it may (images FROM python). */
  "if [ \"$(id -u)\" = 0 ]; then set -- \"$@\" --ServerApp.allow_root=True; fi\n"
  /* Notebook 6 is not a Jupyter Server app: the same settings on NotebookApp. */
  "notebook6() {\n"
  "  n=$#\n"
  "  while [ \"$n\" -gt 0 ]; do\n"
  "    a=$1; shift; n=$((n - 1))\n"
  "    case \"$a\" in\n"
  "      --ServerApp.root_dir=*) a=\"--NotebookApp.notebook_dir=${a#*=}\" ;;\n"
  "      --ServerApp.*) a=\"--NotebookApp.${a#--ServerApp.}\" ;;\n"
  "    esac\n"
  "    set -- \"$@\" \"$a\"\n"
  "  done\n"
  "  exec \"$NB\" \"$@\"\n"
  "}\n"
  /* Whichever Jupyter the image has: JupyterLab, the classic UI, a bare
   * server, Notebook 6 or 7, or only the Python module with no command. */
  "for c in jupyter-lab jupyter-nbclassic jupyter-server; do\n"
  "  if command -v \"$c\" >/dev/null 2>&1; then exec \"$c\" \"$@\"; fi\n"
  "done\n"
  "if command -v jupyter-notebook >/dev/null 2>&1; then\n"
  "  case \"$(jupyter-notebook --version 2>/dev/null)\" in\n"
  "    [0-6].*) NB=jupyter-notebook notebook6 \"$@\" ;;\n"
  "    *) exec jupyter-notebook \"$@\" ;;\n"
  "  esac\n"
  "fi\n"
  "for py in python3 python; do\n"
  "  if command -v \"$py\" >/dev/null 2>&1 && \"$py\" -c 'import jupyter_server' 2>/dev/null; then\n"
  "    exec \"$py\" -m jupyter_server \"$@\"\n"
  "  fi\n"
  "done\n"
  "echo '[ai-studio] this image has no Jupyter server (jupyter-lab, jupyter-server, jupyter-notebook or the "
  "jupyter_server Python module); install one in the image, e.g. pip install jupyterlab'\n"
  "exit 98\n";

static void G_GNUC_PRINTF (2, 3)
add_printf (JsonBuilder *b,
            const char  *format,
            ...)
{
  g_autofree char *s = NULL;
  va_list args;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  json_builder_add_string_value (b, s);
}

/* The worker's name as a host name (what a shell's prompt shows): letters,
 * digits and "-", at most 63 of them, as host names take them. */
static char *
host_name (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p && s->len < 63; p++)
    g_string_append_c (s, g_ascii_isalnum (*p) ? *p : '-');
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_append (s, "worker");
  return g_string_free (s, FALSE);
}

/* The container of a worker, as the engine's create call takes it. */
JsonNode *
studio_engine_container_spec (LaunchData *data,
                             StudioSize *size)
{
  StudioLaunchOptions *o = data->options;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *minutes = g_strdup_printf ("%d", o->auto_shutdown_minutes);
  g_autofree char *seconds = g_strdup_printf ("%d", o->auto_shutdown_minutes * 60);
  g_autofree char *hostname = host_name (o->name);
  const char *jupyter_args[] = {
    "--ServerApp.ip=0.0.0.0",
    "--ServerApp.port=8888",
    "--ServerApp.open_browser=False",
    "--ServerApp.allow_remote_access=True",
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "Image");
  json_builder_add_string_value (b, o->image);
  /* A shell on the worker names it, not the container's id. */
  json_builder_set_member_name (b, "Hostname");
  json_builder_add_string_value (b, hostname);

  /* The command: the wrapper, then Jupyter's arguments. */
  json_builder_set_member_name (b, "Cmd");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "/bin/sh");
  json_builder_add_string_value (b, "-c");
  json_builder_add_string_value (b, wrapper_script);
  json_builder_add_string_value (b, "ai-studio-worker");
  if (data->docker_stacks_start != NULL)
    json_builder_add_string_value (b, data->docker_stacks_start);
  for (guint i = 0; i < G_N_ELEMENTS (jupyter_args); i++)
    json_builder_add_string_value (b, jupyter_args[i]);
  add_printf (b, "--ServerApp.root_dir=%s", data->home);
  if (o->auto_shutdown_minutes > 0)
    {
      /* Idle kernels and terminals are culled, then the idle server ends itself
       * (and with it the container): this works with no app running. */
      g_autofree char *a = g_strdup_printf ("--ServerApp.shutdown_no_activity_timeout=%s", seconds);
      g_autofree char *k = g_strdup_printf ("--MappingKernelManager.cull_idle_timeout=%s", seconds);
      g_autofree char *t = g_strdup_printf ("--TerminalManager.cull_inactive_timeout=%s", seconds);

      json_builder_add_string_value (b, a);
      json_builder_add_string_value (b, k);
      json_builder_add_string_value (b, "--MappingKernelManager.cull_interval=60");
      /* An open notebook tab holds its kernel's channels: an idle kernel is
       * culled all the same. A busy one (running work) never is. */
      json_builder_add_string_value (b, "--MappingKernelManager.cull_connected=True");
      json_builder_add_string_value (b, "--MappingKernelManager.cull_busy=False");
      json_builder_add_string_value (b, t);
      json_builder_add_string_value (b, "--TerminalManager.cull_interval=60");
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "Env");
  json_builder_begin_array (b);
  /* Not the token nor the startup script: those are files (see above). */
  add_printf (b, "AI_STUDIO_FLAVOR=%s", data->flavor);
  /* The engine limits the CPU time, but the worker still sees every CPU of
   * the machine: nproc (which reads this) says the worker's own, and
   * OpenMP, OpenBLAS and MKL run as many threads, not one per CPU of the
   * machine fighting over the worker's share. */
  if (studio_size_get_cpus (size) > 0)
    add_printf (b, "OMP_NUM_THREADS=%u", studio_size_get_cpus (size));
  if (g_strcmp0 (data->flavor, FLAVOR_DOCKER_STACKS) == 0)
    {
      /* docker-stacks grant sudo to their user when started as root with GRANT_SUDO. */
      json_builder_add_string_value (b, "GRANT_SUDO=yes");
      json_builder_add_string_value (b, "CHOWN_HOME=yes");
    }
  json_builder_end_array (b);

  if (g_strcmp0 (data->flavor, FLAVOR_DOCKER_STACKS) == 0)
    {
      json_builder_set_member_name (b, "User");
      json_builder_add_string_value (b, "root");
    }
  json_builder_set_member_name (b, "WorkingDir");
  json_builder_add_string_value (b, data->home);
  json_builder_set_member_name (b, "Tty");
  json_builder_add_boolean_value (b, FALSE);

  json_builder_set_member_name (b, "Labels");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, LABEL_WORKER);
  json_builder_add_string_value (b, o->name);
  json_builder_set_member_name (b, LABEL_SIZE);
  json_builder_add_string_value (b, studio_size_get_id (size));
  json_builder_set_member_name (b, LABEL_IMAGE);
  json_builder_add_string_value (b, o->image);
  json_builder_set_member_name (b, LABEL_CREATED);
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, LABEL_AUTO_SHUTDOWN);
  json_builder_add_string_value (b, minutes);
  json_builder_set_member_name (b, LABEL_FLAVOR);
  json_builder_add_string_value (b, data->flavor);
  json_builder_set_member_name (b, LABEL_HOME);
  json_builder_add_string_value (b, data->home);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "ExposedPorts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, JUPYTER_PORT);
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "HostConfig");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "PortBindings");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, JUPYTER_PORT);
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  /* Loopback only: Jupyter is reachable from this computer alone. */
  json_builder_set_member_name (b, "HostIp");
  json_builder_add_string_value (b, "127.0.0.1");
  /* The engine picks a free port on its own machine; the worker reads it
   * back once it runs (studio_engine_region_wait_ready_async). */
  json_builder_set_member_name (b, "HostPort");
  json_builder_add_string_value (b, "");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "NanoCpus");
  json_builder_add_int_value (b, (gint64) studio_size_get_cpus (size) * 1000000000);
  json_builder_set_member_name (b, "Memory");
  json_builder_add_int_value (b, studio_size_get_memory_bytes (size));
  json_builder_set_member_name (b, "Binds");
  json_builder_begin_array (b);
  add_printf (b, "ai-studio-my:%s/my", data->home);
  add_printf (b, "ai-studio-shared:%s/shared", data->home);
  json_builder_end_array (b);
  if (studio_size_get_gpus (size) > 0)
    {
      json_builder_set_member_name (b, "DeviceRequests");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "Count");
      json_builder_add_int_value (b, studio_size_get_gpus (size));
      json_builder_set_member_name (b, "Capabilities");
      json_builder_begin_array (b);
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "gpu");
      json_builder_end_array (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

