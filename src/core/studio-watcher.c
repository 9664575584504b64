/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy every front end needs, whichever region or tab it shows: a
 * region that does not answer (the engine stopped, or was not started yet; a
 * hub that is down) is asked again, soon at first, then every few seconds,
 * so it is back within seconds of answering; hubs, which have no event stream,
 * are re-read every 15 s; and every worker's idle shutdown is announced five
 * minutes ahead ("idle-warning"), once. */
#include "studio-error.h"
#include "studio-watcher.h"
#include "studio-worker.h"

#define TICK_SECONDS        1
#define RETRY_FIRST_SECONDS 1
#define RETRY_LIMIT_SECONDS 4   /* an engine that comes back shows within 5 s */
#define HUB_REFRESH_SECONDS 15
#define SIGNED_OUT_SECONDS  60  /* a refused token: the user signs in again; look now and then */

struct _StudioWatcher
{
  GObject parent_instance;

  GListModel *regions;
  GHashTable *states;        /* StudioRegion* -> RegionState* */
  GHashTable *idle_warned;   /* "region\nworker" */
  GCancellable *cancellable;
  guint tick_id;
};

typedef struct
{
  gint64 next;               /* monotonic seconds of the next look */
  guint backoff;
  gboolean refreshing;
} RegionState;

enum {
  IDLE_WARNING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * StudioWatcher:
 *
 * Keeps regions current for a front end that shows them, and announces
 * idle shutdowns; see studio_watcher_new().
 */
G_DEFINE_FINAL_TYPE (StudioWatcher, studio_watcher, G_TYPE_OBJECT)

static gint64
now_seconds (void)
{
  return g_get_monotonic_time () / G_USEC_PER_SEC;
}

static RegionState *
state_of (StudioWatcher *self,
          StudioRegion  *region)
{
  RegionState *state = g_hash_table_lookup (self->states, region);

  if (state == NULL)
    {
      state = g_new0 (RegionState, 1);
      /* A front end looks at a region it shows first; the watcher follows. */
      state->next = now_seconds () + RETRY_FIRST_SECONDS;
      state->backoff = RETRY_FIRST_SECONDS;
      g_hash_table_insert (self->states, g_object_ref (region), state);
      studio_region_set_watched (region, TRUE);
    }
  return state;
}

static void
watch_all (StudioWatcher *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->regions); i++)
    {
      g_autoptr(StudioRegion) region = g_list_model_get_item (self->regions, i);
      state_of (self, region);
    }
}

static void
unwatch_all (StudioWatcher *self)
{
  GHashTableIter iter;
  gpointer region;

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, &region, NULL))
    studio_region_set_watched (region, FALSE);
}

typedef struct
{
  StudioWatcher *self;   /* weak */
  StudioRegion *region;
} RefreshData;

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RefreshData *data = user_data;
  StudioRegion *region = STUDIO_REGION (object);
  g_autoptr(GError) error = NULL;
  gboolean ok = studio_region_refresh_finish (region, result, &error);
  RegionState *state;

  if (data->self != NULL && (state = g_hash_table_lookup (data->self->states, region)) != NULL)
    {
      state->refreshing = FALSE;
      if (ok)
        {
          state->backoff = RETRY_FIRST_SECONDS;
          state->next = now_seconds () + HUB_REFRESH_SECONDS;
        }
      else if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_AUTH))
        state->next = now_seconds () + SIGNED_OUT_SECONDS;
      else
        {
          state->next = now_seconds () + state->backoff;
          state->backoff = MIN (state->backoff * 2, RETRY_LIMIT_SECONDS);
        }
    }
  g_clear_weak_pointer (&data->self);
  g_object_unref (data->region);
  g_free (data);
}

static void
look_again (StudioWatcher *self,
            StudioRegion  *region,
            RegionState   *state)
{
  RefreshData *data = g_new0 (RefreshData, 1);

  g_set_weak_pointer (&data->self, self);
  data->region = g_object_ref (region);
  state->refreshing = TRUE;
  studio_region_refresh_async (region, self->cancellable, refreshed_cb, data);
}

static void
warn_of_idle_shutdowns (StudioWatcher *self,
                        StudioRegion  *region)
{
  GListModel *workers = studio_region_get_workers (region);

  for (guint i = 0; i < g_list_model_get_n_items (workers); i++)
    {
      g_autoptr(StudioWorker) worker = g_list_model_get_item (workers, i);
      gint64 left = studio_worker_get_seconds_left (worker);
      g_autofree char *key = g_strconcat (studio_region_get_name (region), "\n", studio_worker_get_name (worker), NULL);

      /* Warned once per approach; used again (or stopped), it may be warned again. */
      if (left < 0 || left > STUDIO_IDLE_WARNING_SECONDS + 60)
        g_hash_table_remove (self->idle_warned, key);
      else if (left <= STUDIO_IDLE_WARNING_SECONDS && left > 0 && !g_hash_table_contains (self->idle_warned, key))
        {
          g_hash_table_add (self->idle_warned, g_steal_pointer (&key));
          g_signal_emit (self, signals[IDLE_WARNING], 0, region, worker);
        }
    }
}

static gboolean
tick (gpointer user_data)
{
  StudioWatcher *self = user_data;
  gint64 now = now_seconds ();

  for (guint i = 0; i < g_list_model_get_n_items (self->regions); i++)
    {
      g_autoptr(StudioRegion) region = g_list_model_get_item (self->regions, i);
      RegionState *state = state_of (self, region);
      gboolean available = studio_region_get_available (region);
      gboolean polled = !studio_region_has_live_updates (region);

      if (!state->refreshing && now >= state->next && (!available || polled))
        look_again (self, region, state);
      warn_of_idle_shutdowns (self, region);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_regions_changed (StudioWatcher *self)
{
  GHashTableIter iter;
  gpointer region;

  /* Forget regions that are gone (removed, or replaced after signing in again). */
  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, &region, NULL))
    {
      guint n = g_list_model_get_n_items (self->regions);
      gboolean found = FALSE;

      for (guint i = 0; i < n && !found; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (self->regions, i);
          found = item == region;
        }
      if (!found)
        {
          studio_region_set_watched (region, FALSE);
          g_hash_table_iter_remove (&iter);
        }
    }
  watch_all (self);
}

static void
studio_watcher_dispose (GObject *object)
{
  StudioWatcher *self = STUDIO_WATCHER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->regions != NULL)
    g_signal_handlers_disconnect_by_data (self->regions, self);
  g_clear_object (&self->regions);
  g_clear_object (&self->cancellable);
  if (self->states != NULL)
    unwatch_all (self);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->idle_warned, g_hash_table_unref);
  G_OBJECT_CLASS (studio_watcher_parent_class)->dispose (object);
}

static void
studio_watcher_class_init (StudioWatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = studio_watcher_dispose;

  /**
   * StudioWatcher::idle-warning:
   * @self: the watcher
   * @region: the worker's region
   * @worker: a worker that shuts itself down within five minutes unless used
   *
   * A worker's idle shutdown is near (#STUDIO_IDLE_WARNING_SECONDS); keep it
   * running with studio_region_keep_running_async().
   */
  signals[IDLE_WARNING] = g_signal_new ("idle-warning", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        STUDIO_TYPE_REGION, STUDIO_TYPE_WORKER);
}

static void
studio_watcher_init (StudioWatcher *self)
{
  self->states = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->idle_warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

/**
 * studio_watcher_new:
 * @regions: a #GListModel of #StudioRegion, such as #StudioRegions
 *
 * Watches the regions of @regions for as long as it lives, on the
 * thread-default main context: regions that do not answer are looked at
 * again (after 1, 2, then every 4 seconds), hubs every 15 seconds, regions
 * with an event stream follow it (studio_region_set_watched()), and each
 * worker's idle shutdown is announced five minutes ahead
 * (#StudioWatcher::idle-warning).
 *
 * Returns: (transfer full): a new watcher
 */
StudioWatcher *
studio_watcher_new (GListModel *regions)
{
  StudioWatcher *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (regions), NULL);

  self = g_object_new (STUDIO_TYPE_WATCHER, NULL);
  self->regions = g_object_ref (regions);
  g_signal_connect_swapped (regions, "items-changed", G_CALLBACK (on_regions_changed), self);
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick, self);
  watch_all (self);
  return self;
}

/**
 * studio_watcher_get_regions:
 * @self: a watcher
 *
 * The regions watched.
 *
 * Returns: (transfer none): the regions watched
 */
GListModel *
studio_watcher_get_regions (StudioWatcher *self)
{
  g_return_val_if_fail (STUDIO_IS_WATCHER (self), NULL);
  return self->regions;
}
