/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

/* "3 min", "2 h", "5 d" */
char *
cli_format_age (GDateTime *since)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 seconds;

  if (since == NULL)
    return g_strdup ("-");
  seconds = MAX (0, g_date_time_difference (now, since) / G_TIME_SPAN_SECOND);
  if (seconds < 60)
    return g_strdup_printf (_("%" G_GINT64_FORMAT " s"), seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%" G_GINT64_FORMAT " min"), seconds / 60);
  if (seconds < 86400)
    return g_strdup_printf (_("%" G_GINT64_FORMAT " h"), seconds / 3600);
  return g_strdup_printf (_("%" G_GINT64_FORMAT " d"), seconds / 86400);
}

/* "1:29:59" until idle shutdown */
char *
cli_format_countdown (StudioWorker *worker)
{
  gint64 seconds = studio_worker_get_seconds_left (worker);

  if (seconds < 0)
    return g_strdup ("-");
  /* Past the deadline: Jupyter ends it at its next check, unless a kernel is running work. */
  if (seconds == 0)
    return g_strdup (studio_worker_get_busy_kernels (worker) > 0 ? _("kept up by a busy kernel") : _("shutting down"));
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

void
cli_json_add_date (JsonBuilder *b,
          const char  *member,
          GDateTime   *dt)
{
  json_builder_set_member_name (b, member);
  if (dt == NULL)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *s = g_date_time_format_iso8601 (dt);
      json_builder_add_string_value (b, s);
    }
}

void
cli_json_add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

/* A worker for scripts; the token stays out (jupyter-url prints it on request). */
JsonNode *
cli_worker_to_json (StudioRegion *region,
                    StudioWorker *worker)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) deadline = studio_worker_dup_shutdown_deadline (worker);

  json_builder_begin_object (b);
  cli_json_add_string (b, "id", studio_worker_get_id (worker));
  cli_json_add_string (b, "name", studio_worker_get_name (worker));
  cli_json_add_string (b, "region", studio_region_get_name (region));
  cli_json_add_string (b, "region_id", studio_region_get_id (region));
  cli_json_add_string (b, "state", studio_worker_state_to_string (studio_worker_get_state (worker)));
  cli_json_add_string (b, "size", studio_worker_get_size (worker));
  cli_json_add_string (b, "image", studio_worker_get_image (worker));
  cli_json_add_date (b, "created", studio_worker_get_created (worker));
  cli_json_add_date (b, "last_activity", studio_worker_get_last_activity (worker));
  json_builder_set_member_name (b, "auto_shutdown_minutes");
  json_builder_add_int_value (b, studio_worker_get_auto_shutdown_minutes (worker));
  cli_json_add_date (b, "shutdown_at", deadline);
  json_builder_set_member_name (b, "busy_kernels");
  json_builder_add_int_value (b, studio_worker_get_busy_kernels (worker));
  cli_json_add_string (b, "jupyter_url", studio_worker_get_jupyter_url (worker));
  cli_json_add_string (b, "message", studio_worker_get_message (worker));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

void
cli_print_workers (GListModel *workers)
{
  guint n = g_list_model_get_n_items (workers);

  if (n == 0)
    {
      printf (_("No workers. Launch one with: ai-studio-cli launch\n"));
      return;
    }
  printf ("%-20s %-12s %-8s %-40s %-7s %s\n", _("NAME"), _("STATE"), _("SIZE"), _("IMAGE"), _("AGE"),
          _("SHUTS DOWN IN"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioWorker) worker = g_list_model_get_item (workers, i);
      g_autofree char *age = cli_format_age (studio_worker_get_created (worker));
      g_autofree char *left = cli_format_countdown (worker);

      printf ("%-20s %-12s %-8s %-40s %-7s %s\n", studio_worker_get_name (worker),
              studio_worker_state_to_string (studio_worker_get_state (worker)),
              studio_worker_get_size (worker) ?: "-", studio_worker_get_image (worker) ?: "-", age, left);
      if (studio_worker_get_state (worker) == STUDIO_WORKER_STATE_FAILED && studio_worker_get_message (worker))
        printf ("  %s\n", studio_worker_get_message (worker));
    }
}

void
cli_print_sizes (GListModel *sizes)
{
  printf ("%-10s %-10s %5s %9s %5s  %s\n", _("ID"), _("NAME"), _("CPUS"), _("MEMORY"), _("GPUS"), _("AVAILABLE"));
  for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);
      g_autofree char *memory = g_format_size_full (studio_size_get_memory_bytes (size), G_FORMAT_SIZE_IEC_UNITS);

      printf ("%-10s %-10s %5u %9s %5u  %s\n", studio_size_get_id (size), studio_size_get_name (size),
              studio_size_get_cpus (size), memory, studio_size_get_gpus (size),
              studio_size_get_available (size) ? _("yes") : studio_size_get_unavailable_reason (size));
    }
}

/* All of @data to @fd, as far as it takes it: a closed pipe (the reader
 * gone) ends it, as what is left is not wanted. */
void
cli_write_all (int         fd,
               const char *data,
               gsize       len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      data += n;
      len -= n;
    }
}
