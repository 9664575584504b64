/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "studio-jupyter-page.h"
#include "studio-logs-window.h"
#include "studio-tasks-page.h"
#include "studio-terminal-page.h"
#include "studio-transfers.h"
#include "studio-window.h"
#include "studio-workers-page.h"

struct _StudioWindow
{
  AdwApplicationWindow parent_instance;

  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  GtkMenuButton *tab_menu_button;
  AdwTabBar *tab_bar;
  AdwTabView *tab_view;
  AdwToastOverlay *toast_overlay;

  StudioWorkersPage *workers_page;
  StudioTasksPage *tasks_page;
  StudioTransfers *transfers;
  AdwTabPage *menu_page;   /* the page whose context menu is open */
  GtkWindow *shortcuts;    /* built when first shown */
};

G_DEFINE_FINAL_TYPE (StudioWindow, studio_window, ADW_TYPE_APPLICATION_WINDOW)

static StudioApplication *
get_app (StudioWindow *self)
{
  return STUDIO_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* The page a tab action is for: the one whose menu is open, else the selected one. */
static AdwTabPage *
target_page (StudioWindow *self)
{
  return self->menu_page ? self->menu_page : adw_tab_view_get_selected_page (self->tab_view);
}

static void
update_tab_actions (StudioWindow *self)
{
  AdwTabPage *page = target_page (self);
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;
  gboolean web = STUDIO_IS_JUPYTER_PAGE (child);
  gboolean term = STUDIO_IS_TERMINAL_PAGE (child);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-browser", web);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-tab", web || term);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", page && !adw_tab_page_get_pinned (page));

  child = adw_tab_view_get_selected_page (self->tab_view)
    ? adw_tab_page_get_child (adw_tab_view_get_selected_page (self->tab_view)) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->tab_menu_button),
                          STUDIO_IS_JUPYTER_PAGE (child) || STUDIO_IS_TERMINAL_PAGE (child));
}

static void
on_selected_page (StudioWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  StudioRegion *region = self->workers_page ? studio_workers_page_get_region (self->workers_page) : NULL;

  /* The workers' page is the selected region's (the tab says "Cloud Workers"). */
  if (page != NULL && adw_tab_page_get_child (page) == GTK_WIDGET (self->workers_page) && region != NULL)
    adw_window_title_set_subtitle (self->window_title, studio_region_get_name (region));
  else
    adw_window_title_set_subtitle (self->window_title, page ? adw_tab_page_get_title (page) : NULL);
  update_tab_actions (self);
}

static void
on_setup_menu (AdwTabView *view,
               AdwTabPage *page,
               StudioWindow *self)
{
  self->menu_page = page;
  update_tab_actions (self);
}

static void
open_in_browser_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  AdwTabPage *page = target_page (self);

  if (page && STUDIO_IS_JUPYTER_PAGE (adw_tab_page_get_child (page)))
    studio_jupyter_page_open_in_browser (STUDIO_JUPYTER_PAGE (adw_tab_page_get_child (page)));
}

static void
reload_tab_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  AdwTabPage *page = target_page (self);
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  if (STUDIO_IS_JUPYTER_PAGE (child))
    studio_jupyter_page_reload (STUDIO_JUPYTER_PAGE (child));
  else if (STUDIO_IS_TERMINAL_PAGE (child))
    studio_terminal_page_reconnect (STUDIO_TERMINAL_PAGE (child));
}

static void
close_tab_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  AdwTabPage *page = target_page (self);

  if (page && !adw_tab_page_get_pinned (page))
    adw_tab_view_close_page (self->tab_view, page);
}

static void
launch_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  adw_tab_view_set_selected_page (self->tab_view, adw_tab_view_get_page (self->tab_view, GTK_WIDGET (self->workers_page)));
  gtk_widget_activate_action (GTK_WIDGET (self->workers_page), "workers.launch", NULL);
}

static void
open_jupyter_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  const char *region_name, *worker_name;
  StudioRegion *region;
  StudioWorker *worker;

  g_variant_get (param, "(&s&s)", &region_name, &worker_name);
  region = studio_application_find_region (get_app (self), region_name);
  worker = region ? studio_region_find_worker (region, worker_name) : NULL;
  if (worker != NULL)
    studio_window_open_jupyter (self, region, worker);
}

static gboolean
studio_window_close_request (GtkWindow *window)
{
  StudioWindow *self = STUDIO_WINDOW (window);
  GSettings *settings = studio_application_get_settings (get_app (self));
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (studio_window_parent_class)->close_request (window);
}

/* After the first frame: This Computer's web session (cookies, the favicon
 * database) made ready, so that the first Jupyter tab only loads its page. */
static gboolean
warm_web_session (gpointer data)
{
  StudioWindow *self = data;
  StudioApplication *app = get_app (self);
  StudioRegion *local = app ? studio_application_find_region (app, "local") : NULL;

  if (local != NULL)
    studio_application_get_network_session (app, local);
  return G_SOURCE_REMOVE;
}

/* After construction: GtkWindow knows its application only then. */
static void
setup (StudioWindow      *self,
       StudioApplication *app)
{
  GSettings *settings = studio_application_get_settings (app);
  g_autoptr(GIcon) icon = NULL;
  AdwTabPage *page;

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->transfers = studio_transfers_new ();
  adw_header_bar_pack_start (self->header_bar, GTK_WIDGET (self->transfers));

  self->workers_page = studio_workers_page_new (app);
  g_signal_connect_object (self->workers_page, "notify::region", G_CALLBACK (on_selected_page), self,
                           G_CONNECT_SWAPPED);
  page = adw_tab_view_append_pinned (self->tab_view, GTK_WIDGET (self->workers_page));
  adw_tab_page_set_title (page, _("Cloud Workers"));
  icon = g_themed_icon_new ("network-server-symbolic");
  adw_tab_page_set_icon (page, icon);

  self->tasks_page = studio_tasks_page_new (app);
  page = adw_tab_view_append_pinned (self->tab_view, GTK_WIDGET (self->tasks_page));
  adw_tab_page_set_title (page, _("Tasks"));
  g_clear_object (&icon);
  icon = g_themed_icon_new ("system-run-symbolic");
  adw_tab_page_set_icon (page, icon);
  adw_tab_view_set_selected_page (self->tab_view, adw_tab_view_get_page (self->tab_view,
                                                                        GTK_WIDGET (self->workers_page)));
  on_selected_page (self);
  g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, warm_web_session, g_object_ref (self), g_object_unref);
}

/* The keyboard shortcuts, built when first asked for: GtkApplication would
 * build them with every window, 4% of the instructions to the first frame. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/aistudio/Studio/ui/help-overlay.ui");

      self->shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts, TRUE);
      gtk_window_set_destroy_with_parent (self->shortcuts, TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
    }
  gtk_window_present (self->shortcuts);
}

static void
studio_window_dispose (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);

  if (self->shortcuts != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
      gtk_window_destroy (g_steal_pointer (&self->shortcuts));
    }
  G_OBJECT_CLASS (studio_window_parent_class)->dispose (object);
}

static void
studio_window_class_init (StudioWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = studio_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, tab_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL, open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "win.reload-tab", NULL, reload_tab_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.launch", NULL, launch_action);
  gtk_widget_class_install_action (widget_class, "win.open-jupyter", "(ss)", open_jupyter_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.launch", NULL);
}

static void
studio_window_init (StudioWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->tab_view, "notify::selected-page", G_CALLBACK (on_selected_page), self);
  g_signal_connect (self->tab_view, "setup-menu", G_CALLBACK (on_setup_menu), self);
}

StudioWindow *
studio_window_new (StudioApplication *app)
{
  StudioWindow *self = g_object_new (STUDIO_TYPE_WINDOW, "application", app, NULL);

  setup (self, app);
  return self;
}

AdwTabView *
studio_window_get_tab_view (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  return self->tab_view;
}

GtkWidget *
studio_window_get_workers_page (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->workers_page);
}

/* An open tab of this type on this worker, to select instead of opening another. */
static AdwTabPage *
find_tab (StudioWindow *self,
          GType         type,
          StudioWorker *worker)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          g_object_get_data (G_OBJECT (child), "worker") == (gpointer) worker)
        return page;
    }
  return NULL;
}

static AdwTabPage *
add_tab (StudioWindow *self,
         GtkWidget    *child,
         StudioWorker *worker)
{
  AdwTabPage *page;

  g_object_set_data (G_OBJECT (child), "worker", worker);
  page = adw_tab_view_append (self->tab_view, child);
  g_object_bind_property (child, "title", page, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (child, "loading", page, "loading", G_BINDING_SYNC_CREATE);
  g_object_bind_property (child, "icon", page, "icon", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (child, "notify::title", G_CALLBACK (on_selected_page), self, G_CONNECT_SWAPPED);
  adw_tab_view_set_selected_page (self->tab_view, page);
  return page;
}

GtkWidget *
studio_window_open_jupyter (StudioWindow *self,
                            StudioRegion *region,
                            StudioWorker *worker)
{
  AdwTabPage *page;
  GtkWidget *child;

  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  page = find_tab (self, STUDIO_TYPE_JUPYTER_PAGE, worker);
  if (page != NULL)
    {
      adw_tab_view_set_selected_page (self->tab_view, page);
      return adw_tab_page_get_child (page);
    }
  child = GTK_WIDGET (studio_jupyter_page_new (studio_application_get_network_session (get_app (self), region),
                                               region, worker));
  add_tab (self, child, worker);
  return child;
}

GtkWidget *
studio_window_open_terminal (StudioWindow *self,
                             StudioRegion *region,
                             StudioWorker *worker)
{
  GtkWidget *child;

  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  /* Every Terminal click opens a new shell, as in a terminal app. */
  child = GTK_WIDGET (studio_terminal_page_new (region, worker,
                                                studio_application_get_settings (get_app (self))));
  add_tab (self, child, worker);
  gtk_widget_grab_focus (child);
  return child;
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

/* The window's uploads and downloads. */
StudioTransfers *
studio_window_get_transfers (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  return self->transfers;
}

GtkWidget *
studio_window_get_tasks_page (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->tasks_page);
}

void
studio_window_show_task (StudioWindow *self,
                         const char   *id)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));
  adw_tab_view_set_selected_page (self->tab_view, adw_tab_view_get_page (self->tab_view, GTK_WIDGET (self->tasks_page)));
  studio_tasks_page_select_task (self->tasks_page, id);
}

void
studio_window_show_logs (StudioWindow *self,
                         StudioRegion *region,
                         StudioWorker *worker)
{
  GtkWindow *logs = GTK_WINDOW (studio_logs_window_new (region, worker));

  gtk_window_set_transient_for (logs, GTK_WINDOW (self));
  gtk_window_present (logs);
}

void
studio_window_add_toast (StudioWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* For failures of something the user asked for: they read it, then close it. */
void
studio_window_show_error (StudioWindow *self,
                          const char   *heading,
                          const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (STUDIO_IS_WINDOW (self));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
window_unsaved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, studio_jupyter_page_list_unsaved_finish (STUDIO_JUPYTER_PAGE (object), result, NULL),
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
  AdwTabPage *page = find_tab (self, STUDIO_TYPE_JUPYTER_PAGE, worker);

  g_task_set_source_tag (task, studio_window_list_unsaved_async);
  if (page == NULL)
    {
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      g_object_unref (task);
      return;
    }
  studio_jupyter_page_list_unsaved_async (STUDIO_JUPYTER_PAGE (adw_tab_page_get_child (page)), cancellable,
                                          window_unsaved_cb, task);
}

char **
studio_window_list_unsaved_finish (StudioWindow  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
