/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's tabs (each a StudioTab): opened, or the open one shown; kept
 * for the next start and restored as their workers are listed; asked for
 * their unsaved documents. */
#include <glib/gi18n.h>

#include "studio-jupyter-page.h"
#include "studio-terminal-page.h"
#include "studio-window-private.h"

static AdwTabPage *
add_tab (StudioWindow *self,
         GtkWidget    *child)
{
  AdwTabPage *page;

  page = adw_tab_view_append (self->tab_view, child);
  g_object_bind_property (child, "title", page, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (child, "loading", page, "loading", G_BINDING_SYNC_CREATE);
  g_object_bind_property (child, "icon", page, "icon", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (child, "notify::title", G_CALLBACK (_studio_window_update_subtitle), self, G_CONNECT_SWAPPED);
  if (self->restoring)
    return page;   /* shown when the user picks it */
  adw_tab_view_set_selected_page (self->tab_view, page);
  _studio_window_set_view (self, "tabs");
  return page;
}

/* An open tab of this kind on this worker (a service's: with its id), to
 * select instead of opening another. */
static AdwTabPage *
find_tab (StudioWindow *self,
          StudioWorker *worker,
          const char   *kind,
          const char   *id)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (STUDIO_IS_TAB (child) && studio_tab_get_worker (STUDIO_TAB (child)) == worker &&
          studio_tab_is (STUDIO_TAB (child), kind, id))
        return page;
    }
  return NULL;
}

/* Shows a tab found open, or opens the one made. */
static GtkWidget *
show_or_add (StudioWindow *self,
             AdwTabPage   *page,
             GtkWidget    *(*make) (StudioWindow *self, StudioRegion *region, StudioWorker *worker,
                                    const char *id, const char *name),
             StudioRegion *region,
             StudioWorker *worker,
             const char   *id,
             const char   *name)
{
  GtkWidget *child;

  if (page != NULL)
    {
      adw_tab_view_set_selected_page (self->tab_view, page);
      _studio_window_set_view (self, "tabs");
      return adw_tab_page_get_child (page);
    }
  child = make (self, region, worker, id, name);
  add_tab (self, child);
  return child;
}

static GtkWidget *
make_web_page (StudioWindow *self,
               StudioRegion *region,
               StudioWorker *worker,
               const char   *id,
               const char   *name)
{
  WebKitNetworkSession *session = studio_application_get_network_session (_studio_window_get_app (self), region);

  if (id == NULL)
    return GTK_WIDGET (studio_jupyter_page_new (session, region, worker));
  return GTK_WIDGET (studio_jupyter_page_new_for_service (session, region, worker, id, name));
}

GtkWidget *
studio_window_open_jupyter (StudioWindow *self,
                            StudioRegion *region,
                            StudioWorker *worker)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  return show_or_add (self, find_tab (self, worker, "jupyter", NULL), make_web_page, region, worker, NULL, NULL);
}

/**
 * studio_window_open_service:
 * @self: the window
 * @region: the worker's region
 * @worker: the worker
 * @id: the service's id ("jupyterlab": its Jupyter; "vscode"; a port's number)
 * @name: what the service is, for the tab's title until its page has one
 *
 * Shows a service of the worker in a tab (the one open already, if any).
 *
 * Returns: (transfer none): the tab's page
 */
GtkWidget *
studio_window_open_service (StudioWindow *self,
                            StudioRegion *region,
                            StudioWorker *worker,
                            const char   *id,
                            const char   *name)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  if (g_str_equal (id, "jupyterlab"))
    return studio_window_open_jupyter (self, region, worker);
  return show_or_add (self, find_tab (self, worker, "service", id), make_web_page, region, worker, id, name ?: id);
}

GtkWidget *
studio_window_open_terminal (StudioWindow *self,
                             StudioRegion *region,
                             StudioWorker *worker)
{
  GtkWidget *child;

  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  /* Every Terminal click opens a new shell, as in a terminal app. */
  child = GTK_WIDGET (studio_terminal_page_new (region, worker, studio_application_get_settings (_studio_window_get_app (self)),
                                                NULL));
  add_tab (self, child);
  gtk_widget_grab_focus (child);
  return child;
}

/* ---- tabs kept for the next start ------------------------------------------------ */

/* What is open, for the next start: each tab's kind, region, worker, and
 * where it was (the document in front; the shell, which outlives the app
 * for it). */
void
studio_window_save_tabs (StudioWindow *self)
{
  GVariantBuilder tabs;

  g_return_if_fail (STUDIO_IS_WINDOW (self));
  g_variant_builder_init (&tabs, G_VARIANT_TYPE ("a(ssss)"));
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i));
      const char *kind = NULL;
      g_autofree char *where = NULL;

      if (!STUDIO_IS_TAB (child))
        continue;
      where = studio_tab_save (STUDIO_TAB (child), &kind);
      g_variant_builder_add (&tabs, "(ssss)", kind, studio_region_get_id (studio_tab_get_region (STUDIO_TAB (child))),
                             studio_worker_get_name (studio_tab_get_worker (STUDIO_TAB (child))), where);
    }
  g_settings_set_value (studio_application_get_settings (_studio_window_get_app (self)), "open-tabs", g_variant_builder_end (&tabs));
}

/* Opens the tabs kept that can be opened now (their worker is known). */
static void
restore_ready_tabs (StudioWindow *self)
{
  StudioApplication *app = _studio_window_get_app (self);

  for (guint i = 0; app != NULL && self->to_restore != NULL && i < self->to_restore->len;)
    {
      GVariant *tab = g_ptr_array_index (self->to_restore, i);
      const char *kind, *region_id, *worker_name, *where;
      StudioRegion *region;
      StudioWorker *worker;
      GtkWidget *child;

      g_variant_get (tab, "(&s&s&s&s)", &kind, &region_id, &worker_name, &where);
      region = studio_application_find_region (app, region_id);
      worker = region ? studio_region_find_worker (region, worker_name) : NULL;
      if (worker == NULL)
        {
          i++;
          continue;
        }
      self->restoring = TRUE;
      if (g_str_equal (kind, "terminal"))
        {
          child = GTK_WIDGET (studio_terminal_page_new (region, worker, studio_application_get_settings (app),
                                                        *where ? where : NULL));
          add_tab (self, child);
        }
      else if (g_str_equal (kind, "service"))
        {
          g_autofree char *url = studio_service_dup_url_for ("/", where);

          if (url != NULL)
            studio_window_open_service (self, region, worker, where, NULL);
        }
      else if (*where != '\0')
        studio_window_open_jupyter_path (self, region, worker, where);
      else
        studio_window_open_jupyter (self, region, worker);
      self->restoring = FALSE;
      g_ptr_array_remove_index (self->to_restore, i);
    }
}

static gboolean
stop_restoring (gpointer data)
{
  StudioWindow *self = data;

  /* Workers that did not turn up meanwhile are gone. */
  self->restore_timeout = 0;
  g_clear_pointer (&self->to_restore, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/* The tabs open when the app last ended, each opened as soon as its
 * region has listed its worker (for a minute). */
void
_studio_window_restore_tabs (StudioWindow *self)
{
  StudioApplication *app = _studio_window_get_app (self);
  g_autoptr(GVariant) tabs = g_settings_get_value (studio_application_get_settings (app), "open-tabs");
  g_autoptr(GHashTable) watched = g_hash_table_new (NULL, NULL);

  if (g_variant_n_children (tabs) == 0)
    return;
  self->to_restore = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (gsize i = 0; i < g_variant_n_children (tabs); i++)
    {
      GVariant *tab = g_variant_get_child_value (tabs, i);
      const char *kind, *region_id;
      StudioRegion *region;

      g_variant_get (tab, "(&s&s&s&s)", &kind, &region_id, NULL, NULL);
      region = studio_application_find_region (app, region_id);
      if (region == NULL ||
          (!g_str_equal (kind, "jupyter") && !g_str_equal (kind, "terminal") && !g_str_equal (kind, "service")))
        {
          g_variant_unref (tab);
          continue;
        }
      g_ptr_array_add (self->to_restore, tab);
      if (g_hash_table_add (watched, region))
        g_signal_connect_object (studio_region_get_workers (region), "items-changed", G_CALLBACK (restore_ready_tabs),
                                 self, G_CONNECT_SWAPPED);
    }
  self->restore_timeout = g_timeout_add_seconds (60, stop_restoring, self);
  restore_ready_tabs (self);
}

/* The worker's Jupyter at a file of its home (a kept task's output notebook). */
GtkWidget *
studio_window_open_jupyter_path (StudioWindow *self,
                                 StudioRegion *region,
                                 StudioWorker *worker,
                                 const char   *path)
{
  GtkWidget *child = studio_window_open_jupyter (self, region, worker);

  studio_jupyter_page_open_path (STUDIO_JUPYTER_PAGE (child), path);
  return child;
}

static void
window_unsaved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, studio_tab_list_unsaved_finish (STUDIO_TAB (object), result, NULL),
                         (GDestroyNotify) g_strfreev);
}

/* The worker's documents with changes not saved yet, in its open Jupyter
 * tab (none without one). */
void
studio_window_list_unsaved_async (StudioWindow        *self,
                                  StudioWorker        *worker,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  AdwTabPage *page = find_tab (self, worker, "jupyter", NULL);

  g_task_set_source_tag (task, studio_window_list_unsaved_async);
  if (page == NULL)
    {
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      g_object_unref (task);
      return;
    }
  studio_tab_list_unsaved_async (STUDIO_TAB (adw_tab_page_get_child (page)), cancellable, window_unsaved_cb, task);
}

char **
studio_window_list_unsaved_finish (StudioWindow  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
