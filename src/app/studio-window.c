/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "studio-jupyter-page.h"
#include "studio-logs-window.h"
#include "studio-tasks-page.h"
#include "studio-terminal-page.h"
#include "studio-transfers.h"
#include "studio-window-private.h"
#include "studio-workers-page.h"

G_DEFINE_FINAL_TYPE (StudioWindow, studio_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

StudioApplication *
_studio_window_get_app (StudioWindow *self)
{
  return STUDIO_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* The page a tab action is for: the one whose menu is open, else the one shown. */
static AdwTabPage *
target_page (StudioWindow *self)
{
  if (self->menu_page != NULL)
    return self->menu_page;
  return g_strcmp0 (self->view, "tabs") == 0 ? adw_tab_view_get_selected_page (self->tab_view) : NULL;
}

static void
update_tab_actions (StudioWindow *self)
{
  AdwTabPage *page = target_page (self);
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;
  gboolean tab = STUDIO_IS_TAB (child);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-browser",
                                 tab && studio_tab_can_open_in_browser (STUDIO_TAB (child)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-tab", tab);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", page != NULL);
}

void
_studio_window_update_subtitle (StudioWindow *self)
{
  StudioRegion *region = self->workers_page ? studio_workers_page_get_region (self->workers_page) : NULL;
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  /* The workers' view is the selected region's. */
  if (g_strcmp0 (self->view, "workers") == 0)
    adw_window_title_set_subtitle (self->window_title, region ? studio_region_get_name (region) : NULL);
  else if (g_strcmp0 (self->view, "tabs") == 0 && page != NULL)
    adw_window_title_set_subtitle (self->window_title, adw_tab_page_get_title (page));
  else
    adw_window_title_set_subtitle (self->window_title, NULL);
}

/* Shows the workers, the tasks, or the selected tab ("tabs"). */
void
_studio_window_set_view (StudioWindow *self,
          const char   *view)
{
  GtkWidget *child;

  if (g_strcmp0 (view, "tabs") == 0 && adw_tab_view_get_selected_page (self->tab_view) == NULL)
    view = self->last_view;
  if (g_strcmp0 (view, "workers") != 0 && g_strcmp0 (view, "tasks") != 0 && g_strcmp0 (view, "tabs") != 0)
    return;
  if (g_strcmp0 (view, "tabs") != 0 && g_strcmp0 (view, self->last_view) != 0)
    {
      g_free (self->last_view);
      self->last_view = g_strdup (view);
    }
  child = gtk_stack_get_child_by_name (self->views, view);
  if (child != NULL)
    gtk_stack_set_visible_child (self->views, child);
  /* The tab bar's selected tab looks selected only while it is shown. */
  if (g_str_equal (view, "tabs"))
    gtk_widget_remove_css_class (GTK_WIDGET (self->tab_bar), "tab-not-shown");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->tab_bar), "tab-not-shown");
  if (g_strcmp0 (view, self->view) != 0)
    {
      g_free (self->view);
      self->view = g_strdup (view);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
    }
  _studio_window_update_subtitle (self);
  update_tab_actions (self);
}

static void
on_selected_page (StudioWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->tab_bar), adw_tab_view_get_n_pages (self->tab_view) > 0);
  if (self->restoring)
    return;   /* a tab of the last run, selected as the first one: not shown for that */
  _studio_window_set_view (self, adw_tab_view_get_selected_page (self->tab_view) ? "tabs" : self->last_view);
}

/* A click on the tab bar shows the tabs, also on the tab selected already
 * (while the workers or the tasks are shown). */
static void
on_tab_bar_pressed (StudioWindow *self)
{
  if (adw_tab_view_get_selected_page (self->tab_view) != NULL)
    _studio_window_set_view (self, "tabs");
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

  if (page && STUDIO_IS_TAB (adw_tab_page_get_child (page)))
    studio_tab_open_in_browser (STUDIO_TAB (adw_tab_page_get_child (page)));
}

static void
reload_tab_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  AdwTabPage *page = target_page (self);
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  if (STUDIO_IS_TAB (child))
    studio_tab_reload (STUDIO_TAB (child));
}

static void
close_tab_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  AdwTabPage *page = target_page (self);

  if (page != NULL)
    adw_tab_view_close_page (self->tab_view, page);
}

static void
launch_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  _studio_window_set_view (self, "workers");
  gtk_widget_activate_action (GTK_WIDGET (self->workers_page), "workers.launch", NULL);
}

/* The worker an action's (region id, worker name) names, or NULL when it is gone. */
static StudioWorker *
worker_of (StudioWindow  *self,
           GVariant      *param,
           StudioRegion **region)
{
  const char *region_id, *worker_name;

  /* The first two of the action's parameters: (region id, worker name, …). */
  g_variant_get_child (param, 0, "&s", &region_id);
  g_variant_get_child (param, 1, "&s", &worker_name);
  *region = studio_application_find_region (_studio_window_get_app (self), region_id);
  return *region ? studio_region_find_worker (*region, worker_name) : NULL;
}

static void
open_jupyter_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioRegion *region;
  StudioWorker *worker = worker_of (self, param, &region);

  if (worker != NULL)
    studio_window_open_jupyter (self, region, worker);
}

/* (region id, worker name, service id, service name): a tab for the service. */
static void
open_service_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioRegion *region;
  StudioWorker *worker = worker_of (self, param, &region);
  const char *id, *service;

  g_variant_get (param, "(&s&s&s&s)", NULL, NULL, &id, &service);
  if (worker != NULL && studio_worker_get_jupyter_url (worker) != NULL)
    studio_window_open_service (self, region, worker, id, service);
}

/* (region id, worker name, service id): the service in the system browser,
 * signed in as the worker's Jupyter is. */
static void
open_service_in_browser_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioRegion *region;
  StudioWorker *worker = worker_of (self, param, &region);
  const char *base = worker ? studio_worker_get_jupyter_url (worker) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *launch = NULL;
  const char *id;

  g_variant_get (param, "(&s&s&s)", NULL, NULL, &id);
  page = base ? studio_service_dup_url_for (base, id) : NULL;
  if (page == NULL)
    return;
  launch = studio_worker_dup_browser_launch_uri (worker, page, &error);
  if (launch == NULL)
    studio_window_show_error (self, _("Could Not Open the Browser"), error);
  else
    gtk_show_uri (GTK_WINDOW (self), launch, GDK_CURRENT_TIME);
}

/* (heading, message): a failure of something the user asked for, from a tab. */
static void
show_error_action (GtkWidget *widget, const char *name, GVariant *param)
{
  const char *heading, *message;
  g_autoptr(GError) error = NULL;

  g_variant_get (param, "(&s&s)", &heading, &message);
  error = g_error_new_literal (STUDIO_ERROR, STUDIO_ERROR_FAILED, message);
  studio_window_show_error (STUDIO_WINDOW (widget), heading, error);
}

/* (region id, worker name, folder, file URIs): files dropped on a tab, to
 * its worker's folder, as one of the window's transfers. */
static void
upload_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioRegion *region;
  StudioWorker *worker = worker_of (self, param, &region);
  g_autofree const char **uris = NULL;
  const char *folder;
  GSList *files = NULL;

  g_variant_get (param, "(&s&s&s^a&s)", NULL, NULL, &folder, &uris);
  for (guint i = 0; worker != NULL && uris[i] != NULL; i++)
    files = g_slist_prepend (files, g_file_new_for_uri (uris[i]));
  files = g_slist_reverse (files);
  if (files != NULL)
    studio_transfers_upload (self->transfers, region, worker, files, folder);
  g_slist_free_full (files, g_object_unref);
}

typedef struct
{
  StudioWindow *self;
  char *name;
} Starting;

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Starting *starting = user_data;
  g_autoptr(StudioWindow) self = starting->self;
  g_autofree char *name = starting->name;
  g_autoptr(GError) error = NULL;

  g_free (starting);
  if (!studio_region_start_finish (STUDIO_REGION (object), result, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Start %s"), name);

      studio_window_show_error (self, heading, error);
    }
}

/* Start, from a tab whose worker is stopped. */
static void
start_worker_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioRegion *region;
  StudioWorker *worker = worker_of (self, param, &region);

  if (worker != NULL)
    {
      Starting *starting = g_new (Starting, 1);

      starting->self = g_object_ref (self);
      starting->name = g_strdup (studio_worker_get_name (worker));
      studio_region_start_async (region, worker, NULL, started_cb, starting);
    }
}

static gboolean
studio_window_close_request (GtkWindow *window)
{
  StudioWindow *self = STUDIO_WINDOW (window);
  GSettings *settings = studio_application_get_settings (_studio_window_get_app (self));
  int width, height;

  studio_window_save_tabs (self);
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
  StudioApplication *app = _studio_window_get_app (self);
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
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->transfers = studio_transfers_new ();
  adw_header_bar_pack_start (self->header_bar, GTK_WIDGET (self->transfers));

  self->workers_page = studio_workers_page_new (app);
  g_signal_connect_object (self->workers_page, "notify::region", G_CALLBACK (_studio_window_update_subtitle), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->views, GTK_WIDGET (self->workers_page), "workers");
  self->tasks_page = studio_tasks_page_new (app);
  gtk_stack_add_named (self->views, GTK_WIDGET (self->tasks_page), "tasks");
  _studio_window_set_view (self, "workers");
  _studio_window_restore_tabs (self);
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

  g_clear_handle_id (&self->restore_timeout, g_source_remove);
  g_clear_pointer (&self->to_restore, g_ptr_array_unref);
  if (self->shortcuts != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
      gtk_window_destroy (g_steal_pointer (&self->shortcuts));
    }
  G_OBJECT_CLASS (studio_window_parent_class)->dispose (object);
}

static void
studio_window_finalize (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);

  g_free (self->view);
  g_free (self->last_view);
  G_OBJECT_CLASS (studio_window_parent_class)->finalize (object);
}

static void
studio_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW: g_value_set_string (value, STUDIO_WINDOW (object)->view); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW: _studio_window_set_view (STUDIO_WINDOW (object), g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_window_class_init (StudioWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = studio_window_finalize;
  G_OBJECT_CLASS (klass)->get_property = studio_window_get_property;
  G_OBJECT_CLASS (klass)->set_property = studio_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = studio_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, views);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, toast_overlay);

  properties[PROP_VIEW] = g_param_spec_string ("view", NULL, NULL, "workers",
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");
  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL, open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "win.reload-tab", NULL, reload_tab_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.launch", NULL, launch_action);
  gtk_widget_class_install_action (widget_class, "win.open-jupyter", "(ss)", open_jupyter_action);
  gtk_widget_class_install_action (widget_class, "win.start-worker", "(ss)", start_worker_action);
  gtk_widget_class_install_action (widget_class, "win.open-service", "(ssss)", open_service_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", show_error_action);
  gtk_widget_class_install_action (widget_class, "win.upload", "(sssas)", upload_action);
  gtk_widget_class_install_action (widget_class, "win.open-service-in-browser", "(sss)",
                                   open_service_in_browser_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.launch", NULL);
}

static void
studio_window_init (StudioWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  /* Before the template: its switcher asks for the view. */
  self->view = g_strdup ("workers");
  self->last_view = g_strdup ("workers");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->tab_view, "notify::selected-page", G_CALLBACK (on_selected_page), self);
  g_signal_connect (self->tab_view, "setup-menu", G_CALLBACK (on_setup_menu), self);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_tab_bar_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tab_bar), GTK_EVENT_CONTROLLER (click));
}

StudioWindow *
studio_window_new (StudioApplication *app)
{
  StudioWindow *self = g_object_new (STUDIO_TYPE_WINDOW, "application", app, NULL);

  setup (self, app);
  return self;
}

/* What the window shows: "workers", "tasks", or "tabs" (the selected tab). */
const char *
studio_window_get_view (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  return self->view;
}

void
studio_window_show_view (StudioWindow *self,
                         const char   *view)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));
  _studio_window_set_view (self, view);
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
  _studio_window_set_view (self, "tasks");
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

