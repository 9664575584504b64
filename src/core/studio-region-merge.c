/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A refresh's pass over a region's list of workers (what the engine or the
 * hub said, merged in): workers found by name at once, new ones added in one
 * change at the end, and the ones the refresh did not see removed, unless an
 * action of ours is still making them. A hub with 1,000 servers cost a
 * million name comparisons per refresh before. */
#include "studio-region-private.h"

struct _StudioRegionMerge
{
  StudioRegion *region;
  GHashTable *by_name;   /* name → worker, the list's and the added (a reference each) */
  GHashTable *seen;      /* names the refresh saw */
  GPtrArray *added;      /* new workers, in the order seen */
};

StudioRegionMerge *
studio_region_merge_begin (StudioRegion *self)
{
  GListModel *workers = G_LIST_MODEL (studio_region_get_store (self));
  StudioRegionMerge *merge = g_new0 (StudioRegionMerge, 1);
  guint n = g_list_model_get_n_items (workers);

  merge->region = g_object_ref (self);
  merge->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  merge->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge->added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      StudioWorker *worker = g_list_model_get_item (workers, i);

      g_hash_table_replace (merge->by_name, (gpointer) studio_worker_get_name (worker), worker);
    }
  return merge;
}

/* The worker called name, seen by this refresh: the one in the list, else
 * a new one that joins the list at the end; NULL when this refresh has
 * seen the name already (the first one seen wins). */
StudioWorker *
studio_region_merge_worker (StudioRegionMerge *merge,
                            const char        *name)
{
  StudioWorker *worker;

  if (!g_hash_table_add (merge->seen, g_strdup (name)))
    return NULL;
  worker = g_hash_table_lookup (merge->by_name, name);
  if (worker == NULL)
    {
      worker = studio_worker_new (name, studio_region_get_id (merge->region));
      g_ptr_array_add (merge->added, worker);
      g_hash_table_replace (merge->by_name, (gpointer) studio_worker_get_name (worker), g_object_ref (worker));
    }
  return worker;
}

void
studio_region_merge_end (StudioRegionMerge *merge)
{
  GListStore *store = studio_region_get_store (merge->region);

  /* Gone from the source: gone from the list, unless we are still making it. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (store)); i > 0; i--)
    {
      g_autoptr(StudioWorker) worker = g_list_model_get_item (G_LIST_MODEL (store), i - 1);
      const char *name = studio_worker_get_name (worker);

      if (!g_hash_table_contains (merge->seen, name) && !studio_region_is_busy (merge->region, name, NULL))
        g_list_store_remove (store, i - 1);
    }
  if (merge->added->len > 0)
    g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0, merge->added->pdata,
                         merge->added->len);
  g_hash_table_unref (merge->by_name);
  g_hash_table_unref (merge->seen);
  g_ptr_array_unref (merge->added);
  g_object_unref (merge->region);
  g_free (merge);
}
