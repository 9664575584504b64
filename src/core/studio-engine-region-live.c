/* SPDX-License-Identifier: GPL-3.0-or-later */
/* This Computer, live: the engine's event stream (workers made or changed by
 * other programs show at once), a re-read every 30 s for Jupyter's last
 * activity, and looking again when the stream breaks. */
#include "studio-engine-region-private.h"
#include "studio-util.h"

#define LIVE_POLL_SECONDS     30
#define EVENT_DEBOUNCE_MS     150

static gboolean
debounced_refresh (gpointer user_data)
{
  StudioEngineRegion *self = user_data;

  self->debounce_id = 0;
  studio_region_refresh_async (STUDIO_REGION (self), NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* An engine event; only ours lead to a (debounced) look at the list. */
void
studio_engine_region_on_event (JsonNode *node,
                              gpointer  user_data)
{
  StudioEngineRegion *self = user_data;
  JsonObject *event = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *attributes = studio_util_json_object (studio_util_json_object (event, "Actor"), "Attributes");

  /* Podman does not filter events on a label's presence; only ours matter. */
  if (studio_util_json_string (attributes, LABEL_WORKER) == NULL)
    return;
  if (self->debounce_id == 0)
    self->debounce_id = g_timeout_add (EVENT_DEBOUNCE_MS, debounced_refresh, self);
}

static void watch_events (StudioEngineRegion *self);

static gboolean
rewatch (gpointer user_data)
{
  watch_events (user_data);
  return G_SOURCE_REMOVE;
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StudioEngineRegion) self = user_data;
  g_autoptr(GError) error = NULL;

  studio_engine_stream_finish (STUDIO_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->live)
    return;
  /* The engine went away or closed the stream: list again (which reports the
   * engine's state) and watch again in a while. */
  studio_region_refresh_async (STUDIO_REGION (self), NULL, NULL, NULL);
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 5, rewatch, g_object_ref (self), g_object_unref);
}

static void
watch_events (StudioEngineRegion *self)
{
  g_autofree char *path = NULL;

  if (!self->live)
    return;
  g_cancellable_cancel (self->events_cancellable);
  g_clear_object (&self->events_cancellable);
  self->events_cancellable = g_cancellable_new ();
  path = studio_util_path ("/events?filters=%s", "{\"type\":[\"container\"]}");
  studio_engine_stream_async (self->engine, "GET", path, studio_engine_region_on_event, self,
                              self->events_cancellable, events_cb, g_object_ref (self));
}

static gboolean
poll_tick (gpointer user_data)
{
  studio_region_refresh_async (STUDIO_REGION (user_data), NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

gboolean
studio_engine_region_has_live_updates (StudioRegion *region)
{
  return STUDIO_ENGINE_REGION (region)->live;
}

/* Live: follow the engine's events (workers made or changed by other programs
 * appear at once) and re-read every 30 s for Jupyter's last activity. */
void
studio_engine_region_set_live (StudioEngineRegion *self,
                              gboolean           live)
{
  g_return_if_fail (STUDIO_IS_ENGINE_REGION (self));

  if (self->live == !!live)
    return;
  self->live = !!live;
  if (live)
    {
      self->poll_id = g_timeout_add_seconds (LIVE_POLL_SECONDS, poll_tick, self);
      watch_events (self);
    }
  else
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      g_clear_handle_id (&self->soon_id, g_source_remove);
      g_cancellable_cancel (self->events_cancellable);
      g_clear_object (&self->events_cancellable);
    }
}

