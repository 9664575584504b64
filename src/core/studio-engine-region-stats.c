/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a worker of an engine region uses: the engine's stats of its
 * container (/containers/{id}/stats), CPU as a percent of its size. */
#include <glib/gi18n-lib.h>

#include "studio-engine-region-private.h"
#include "studio-error.h"
#include "studio-util.h"

#define SAMPLE_GAP_MS 500

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
studio_engine_region_parse_stats (JsonNode *first,
                                 JsonNode *second,
                                 double    cpus)
{
  JsonObject *a = first && JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
  JsonObject *b = second && JSON_NODE_HOLDS_OBJECT (second) ? json_node_get_object (second) : NULL;
  JsonObject *stats = studio_region_stats_new ("engine", NULL);
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

/* Docker (20.10) answers a stats call only once it has a second sample, a
 * second after the first, and sends the earlier one with it (precpu_stats,
 * taken at preread): that pair is all we need. Podman (4.3) answers at once
 * with precpu_stats empty, so we take the second sample ourselves. NULL when
 * the reply has no usable earlier sample. */
static JsonNode *
earlier_sample (JsonNode *reply)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL;
  JsonObject *pre = studio_util_json_object (o, "precpu_stats");
  JsonObject *usage = studio_util_json_object (pre, "cpu_usage");
  const char *preread = studio_util_json_string (o, "preread");
  g_autoptr(GDateTime) when = preread ? studio_jupyter_parse_time (preread) : NULL;
  g_autoptr(JsonObject) sample = NULL;

  if (usage == NULL || studio_util_json_int (usage, "total_usage", 0) <= 0 || when == NULL ||
      g_date_time_get_year (when) < 2000)
    return NULL;
  sample = json_object_new ();
  json_object_set_string_member (sample, "read", preread);
  json_object_set_object_member (sample, "cpu_stats", json_object_ref (pre));
  return json_node_init_object (json_node_alloc (), sample);
}

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
  if (s->first == NULL && (s->first = earlier_sample (node)) == NULL)
    {
      s->first = node;
      studio_util_task_later (task, SAMPLE_GAP_MS, sample);
      return;
    }
  g_task_return_pointer (task, studio_engine_region_parse_stats (s->first, node, s->cpus),
                         (GDestroyNotify) json_object_unref);
  json_node_unref (node);
  g_object_unref (task);
}

static void
sample (GTask *task)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  Sampling *s = g_task_get_task_data (task);
  g_autofree char *path = studio_util_path ("/containers/%s/stats?stream=false", studio_worker_get_id (s->worker));

  studio_engine_request_async (studio_engine_region_get_engine (self), "GET", path, NULL,
                               g_task_get_cancellable (task), sampled_cb, task);
}

void
studio_engine_region_stats_async (StudioRegion        *region,
                                 StudioWorker        *worker,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (region, cancellable, callback, user_data);
  Sampling *s = g_new0 (Sampling, 1);
  StudioSize *size = studio_region_find_size (region, studio_worker_get_size (worker));

  g_task_set_source_tag (task, studio_engine_region_stats_async);
  s->worker = g_object_ref (worker);
  s->cpus = size && studio_size_get_cpus (size) > 0 ? studio_size_get_cpus (size) : 1;
  g_task_set_task_data (task, s, (GDestroyNotify) sampling_free);
  sample (task);
}

JsonObject *
studio_engine_region_stats_finish (StudioRegion  *region,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

