/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a worker uses: CPU (percent of its limit), memory against its limit,
 * network and disk I/O where the region can tell. An engine region reads
 * the engine's stats (studio-engine-region-stats.c); any region whose
 * workers' Jupyter has jupyter-resource-usage reads its /api/metrics/v1;
 * elsewhere the figures are null and the result says so. Looking never
 * counts as activity. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-region-private.h"
#include "studio-util.h"

/* Every figure null, with why. */
JsonObject *
studio_region_stats_new (const char *source,
           const char *note)
{
  JsonObject *o = json_object_new ();
  static const char * const figures[] = {
    "cpu_percent", "memory_bytes", "memory_limit_bytes",
    "net_rx_bytes", "net_tx_bytes", "block_read_bytes", "block_write_bytes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    json_object_set_null_member (o, figures[i]);
  if (source != NULL)
    json_object_set_string_member (o, "source", source);
  else
    json_object_set_null_member (o, "source");
  if (note != NULL)
    json_object_set_string_member (o, "note", note);
  else
    json_object_set_null_member (o, "note");
  return o;
}

static gboolean
member_double (JsonObject *o,
               const char *name,
               double     *value)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64: *value = (double) json_node_get_int (node); return TRUE;
    case G_TYPE_DOUBLE: *value = json_node_get_double (node); return TRUE;
    default: return FALSE;
    }
}

/* jupyter-resource-usage's /api/metrics/v1: rss, limits.memory.rss,
 * cpu_percent (of one CPU) and cpu_count. Reads no network. */
JsonObject *
studio_region_parse_resource_usage (JsonNode *root)
{
  JsonObject *o = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *limits = o ? studio_util_json_object (o, "limits") : NULL;
  JsonObject *memory = limits ? studio_util_json_object (limits, "memory") : NULL;
  JsonObject *stats = studio_region_stats_new ("jupyter-resource-usage", NULL);
  double value, cpus;

  /* Bytes as JSON numbers: kept only when they fit. */
  if (member_double (o, "rss", &value) && value >= 0 && value < 9e18)
    json_object_set_int_member (stats, "memory_bytes", (gint64) value);
  if (member_double (memory, "rss", &value) && value > 0 && value < 9e18)
    json_object_set_int_member (stats, "memory_limit_bytes", (gint64) value);
  if (member_double (o, "cpu_percent", &value) && value >= 0 && value < 1e9)
    {
      if (!member_double (o, "cpu_count", &cpus) || cpus < 1)
        cpus = 1;
      json_object_set_double_member (stats, "cpu_percent", value / cpus);
    }
  return stats;
}

/* ---- any region: through the worker's Jupyter ---------------------------------------- */

static void
metrics_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    {
      /* No jupyter-resource-usage on the worker: not an error. */
      g_task_return_pointer (task, studio_region_stats_new (NULL, _("Usage is not available on this region's workers (their "
                                                      "Jupyter has no jupyter-resource-usage).")),
                             (GDestroyNotify) json_object_unref);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, studio_region_parse_resource_usage (node), (GDestroyNotify) json_object_unref);
}

static void
region_stats_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *stats = STUDIO_REGION_GET_CLASS (object)->stats_finish (STUDIO_REGION (object), result, &error);

  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) json_object_unref);
}

/**
 * studio_region_stats_async:
 * @self: a region
 * @worker: one of its workers, ready
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * What the worker uses now: `cpu_percent` (of its limit), `memory_bytes`,
 * `memory_limit_bytes`, `net_rx_bytes`, `net_tx_bytes`,
 * `block_read_bytes`, `block_write_bytes`, each null where the region
 * cannot tell, with `source` and, when nothing is known, a `note` that says
 * why (not an error). Takes about half a second on This Computer (two
 * samples of the engine's statistics). Does not count as activity.
 */
void
studio_region_stats_async (StudioRegion        *self,
                           StudioWorker        *worker,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (STUDIO_IS_WORKER (worker));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_region_stats_async);
  if (studio_worker_get_state (worker) != STUDIO_WORKER_STATE_READY)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                               _("Worker %s is not running, so it uses nothing."), studio_worker_get_name (worker));
      g_object_unref (task);
      return;
    }
  if (STUDIO_REGION_GET_CLASS (self)->stats_async != NULL)
    {
      /* The region's own way; its result is this task's. */
      STUDIO_REGION_GET_CLASS (self)->stats_async (self, worker, cancellable, region_stats_cb, task);
      return;
    }
  {
    g_autoptr(StudioJupyter) jupyter = studio_region_open_jupyter (self, worker);

    studio_jupyter_call_async (jupyter, "GET", "api/metrics/v1?no_track_activity=1", NULL, cancellable,
                               metrics_cb, task);
  }
}

/**
 * studio_region_stats_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_region_stats_async().
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error set
 */
JsonObject *
studio_region_stats_finish (StudioRegion  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
