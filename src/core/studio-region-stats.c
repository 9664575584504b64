/* What a worker uses: CPU (percent of its limit), memory against its limit,
 * network and disk I/O where the region can tell. This Computer reads the
 * engine's stats (two samples, half a second apart: Podman sends no earlier
 * sample with one); any region whose workers' Jupyter has
 * jupyter-resource-usage reads its /api/metrics/v1; elsewhere the figures
 * are null and the result says so. Looking never counts as activity. */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-local-region-private.h"
#include "studio-region-private.h"
#include "studio-util.h"

#define SAMPLE_GAP_MS 500

/* Every figure null, with why. */
static JsonObject *
stats_new (const char *source,
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
  JsonObject *stats = stats_new ("jupyter-resource-usage", NULL);
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

/* Adds a count from outside, never past what a gint64 holds. */
static void
add_count (gint64 *sum,
           gint64  value)
{
  value = MAX (0, value);
  *sum = value > G_MAXINT64 - *sum ? G_MAXINT64 : *sum + value;
}

static gint64
sum_blkio (JsonObject *sample,
           const char *op)
{
  JsonObject *blkio = studio_util_json_object (sample, "blkio_stats");
  JsonArray *entries = blkio ? studio_util_json_array (blkio, "io_service_bytes_recursive") : NULL;
  gint64 sum = 0;

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *e = studio_util_json_array_object (entries, i);
      if (e != NULL && g_ascii_strcasecmp (studio_util_json_string (e, "op") ?: "", op) == 0)
        add_count (&sum, studio_util_json_int (e, "value", 0));
    }
  return sum;
}

static GDateTime *
sample_time (JsonObject *sample)
{
  return studio_jupyter_parse_time (studio_util_json_string (sample, "read"));
}

/* Two samples of the engine's /containers/{id}/stats (Docker's shape, which
 * Podman serves), the second later: CPU as a percent of cpus (the worker's
 * limit), memory, network and disk. Reads no network. */
JsonObject *
studio_local_region_parse_stats (JsonNode *first,
                                 JsonNode *second,
                                 double    cpus)
{
  JsonObject *a = first && JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
  JsonObject *b = second && JSON_NODE_HOLDS_OBJECT (second) ? json_node_get_object (second) : NULL;
  JsonObject *stats = stats_new ("engine", NULL);
  JsonObject *memory, *networks, *cpu_a, *cpu_b, *usage_a, *usage_b;
  g_autoptr(GDateTime) time_a = NULL;
  g_autoptr(GDateTime) time_b = NULL;

  if (b == NULL)
    return stats;
  memory = studio_util_json_object (b, "memory_stats");
  if (memory != NULL && json_object_has_member (memory, "usage"))
    json_object_set_int_member (stats, "memory_bytes", MAX (0, studio_util_json_int (memory, "usage", 0)));
  if (memory != NULL && studio_util_json_int (memory, "limit", 0) > 0)
    json_object_set_int_member (stats, "memory_limit_bytes", studio_util_json_int (memory, "limit", 0));
  networks = studio_util_json_object (b, "networks");
  if (networks != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (networks);
      gint64 rx = 0, tx = 0;

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *net = studio_util_json_object (networks, l->data);
          if (net != NULL)
            {
              add_count (&rx, studio_util_json_int (net, "rx_bytes", 0));
              add_count (&tx, studio_util_json_int (net, "tx_bytes", 0));
            }
        }
      json_object_set_int_member (stats, "net_rx_bytes", rx);
      json_object_set_int_member (stats, "net_tx_bytes", tx);
    }
  if (studio_util_json_object (b, "blkio_stats") != NULL)
    {
      json_object_set_int_member (stats, "block_read_bytes", sum_blkio (b, "read"));
      json_object_set_int_member (stats, "block_write_bytes", sum_blkio (b, "write"));
    }

  /* CPU: the nanoseconds used between the samples, over the time between them. */
  cpu_a = a ? studio_util_json_object (a, "cpu_stats") : NULL;
  cpu_b = studio_util_json_object (b, "cpu_stats");
  usage_a = cpu_a ? studio_util_json_object (cpu_a, "cpu_usage") : NULL;
  usage_b = cpu_b ? studio_util_json_object (cpu_b, "cpu_usage") : NULL;
  time_a = a ? sample_time (a) : NULL;
  time_b = sample_time (b);
  if (usage_a != NULL && usage_b != NULL && time_a != NULL && time_b != NULL && cpus > 0)
    {
      gint64 before = studio_util_json_int (usage_a, "total_usage", -1);
      gint64 after = studio_util_json_int (usage_b, "total_usage", -1);
      gint64 used = before >= 0 && after >= before ? after - before : -1;
      gint64 wall_us = g_date_time_difference (time_b, time_a);

      if (wall_us > 0 && used >= 0)
        json_object_set_double_member (stats, "cpu_percent",
                                       100.0 * (double) used / ((double) wall_us * 1000.0 * cpus));
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
      g_task_return_pointer (task, stats_new (NULL, _("Usage is not available on this region's workers (their "
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

/* ---- This Computer: the engine's stats ---------------------------------------------- */

typedef struct
{
  StudioWorker *worker;
  JsonNode *first;
  double cpus;
} Sampling;

static void
sampling_free (Sampling *s)
{
  g_clear_object (&s->worker);
  g_clear_pointer (&s->first, json_node_unref);
  g_free (s);
}

static void sample (GTask *task);

static void
sampled_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Sampling *s = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);

  if (node == NULL)
    {
      if (error == NULL)
        error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY, _("The container engine sent no statistics."));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (s->first == NULL)
    {
      s->first = node;
      studio_util_task_later (task, SAMPLE_GAP_MS, sample);
      return;
    }
  g_task_return_pointer (task, studio_local_region_parse_stats (s->first, node, s->cpus),
                         (GDestroyNotify) json_object_unref);
  json_node_unref (node);
  g_object_unref (task);
}

static void
sample (GTask *task)
{
  StudioLocalRegion *self = g_task_get_source_object (task);
  Sampling *s = g_task_get_task_data (task);
  g_autofree char *path = studio_util_path ("/containers/%s/stats?stream=false", studio_worker_get_id (s->worker));

  studio_engine_request_async (studio_local_region_get_engine (self), "GET", path, NULL,
                               g_task_get_cancellable (task), sampled_cb, task);
}

void
studio_local_region_stats_async (StudioRegion        *region,
                                 StudioWorker        *worker,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (region, cancellable, callback, user_data);
  Sampling *s = g_new0 (Sampling, 1);
  StudioSize *size = studio_region_find_size (region, studio_worker_get_size (worker));

  g_task_set_source_tag (task, studio_local_region_stats_async);
  s->worker = g_object_ref (worker);
  s->cpus = size && studio_size_get_cpus (size) > 0 ? studio_size_get_cpus (size) : 1;
  g_task_set_task_data (task, s, (GDestroyNotify) sampling_free);
  sample (task);
}

JsonObject *
studio_local_region_stats_finish (StudioRegion  *region,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
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
