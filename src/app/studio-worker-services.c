/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the selected worker serves, in its details: JupyterLab, VS Code, and
 * each port a program of it listens on (a web app started in its terminal, a
 * dashboard), each with Open (a tab) and Open in Browser, through the
 * window's actions. Looked at when the details look (every few seconds while
 * shown, never counting as activity); a port that starts listening
 * meanwhile is offered in a toast. A worker of an image without AI Studio's
 * server extension says that services need one of AI Studio's images, and
 * is not asked again. */
#include <glib/gi18n.h>

#include "studio-window.h"
#include "studio-worker-services.h"

struct _StudioWorkerServices
{
  GtkBox parent_instance;

  GtkListBox *list;
  GtkLabel *note;

  StudioRegion *region;
  StudioWorker *worker;
  GListModel *shown;          /* the services the rows show */
  GHashTable *known_ports;    /* ports seen on this worker: a new one is offered once */
  gboolean first_look;        /* the next look is the first on this worker: nothing is "new" */
  GCancellable *cancellable;
  gboolean looking;
  gboolean unsupported;       /* its image has no AI Studio extension */
};

G_DEFINE_FINAL_TYPE (StudioWorkerServices, studio_worker_services, GTK_TYPE_BOX)

static GtkWidget *
action_button (const char *label,
               const char *icon,
               const char *tooltip,
               const char *action,
               GVariant   *target)
{
  GtkWidget *button = label ? gtk_button_new_with_mnemonic (label) : gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  if (label == NULL)
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
service_row (StudioWorkerServices *self,
             StudioService        *service)
{
  const char *region_id = studio_region_get_id (self->region);
  const char *worker = studio_worker_get_name (self->worker);
  const char *name = studio_service_get_name (service);
  const char *id = studio_service_get_id (service);
  guint port = studio_service_get_port (service);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = port ? g_strdup_printf (_("Port %u"), port)
                                   : g_strdup (g_str_equal (id, "vscode") ? _("Started when opened")
                                                                         : _("The worker's notebooks and files"));
  g_autofree char *open_tip = g_strdup_printf (_("Open %s in a Tab"), name);
  g_autofree char *browser_tip = g_strdup_printf (_("Open %s in the Browser"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (port ? "network-server-symbolic"
                                                                : g_str_equal (id, "vscode") ? "text-editor-symbolic"
                                                                                            : "text-x-generic-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             action_button (NULL, "adw-external-link-symbolic", browser_tip, "win.open-service-in-browser",
                                            g_variant_new ("(sss)", region_id, worker, id)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             action_button (_("_Open"), NULL, open_tip, "win.open-service",
                                            g_variant_new ("(ssss)", region_id, worker, id, name)));
  return row;
}

/* A port that started listening while the worker's details are shown. */
static void
offer (StudioWorkerServices *self,
       StudioService        *service)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!STUDIO_IS_WINDOW (root))
    return;
  title = g_strdup_printf (_("%s serves %s on port %u"), studio_worker_get_name (self->worker),
                           studio_service_get_name (service), studio_service_get_port (service));
  toast = adw_toast_new (title);
  /* Now, while it matters, not behind toasts shown before. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-service");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ssss)", studio_region_get_id (self->region),
                                                          studio_worker_get_name (self->worker),
                                                          studio_service_get_id (service),
                                                          studio_service_get_name (service)));
  studio_window_add_toast (STUDIO_WINDOW (root), toast);
}

/* The same services as the rows show (names and ports)? */
static gboolean
same_services (GListModel *a,
               GListModel *b)
{
  guint n = a ? g_list_model_get_n_items (a) : 0;

  if (b == NULL || n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioService) x = g_list_model_get_item (a, i);
      g_autoptr(StudioService) y = g_list_model_get_item (b, i);

      if (studio_service_get_port (x) != studio_service_get_port (y) ||
          g_strcmp0 (studio_service_get_name (x), studio_service_get_name (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
show (StudioWorkerServices *self,
      GListModel           *services)
{
  GtkWidget *row;

  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(StudioService) service = g_list_model_get_item (services, i);
      guint port = studio_service_get_port (service);

      if (port == 0 || !g_hash_table_add (self->known_ports, GUINT_TO_POINTER (port)) || self->first_look)
        continue;
      offer (self, service);
    }
  self->first_look = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  if (same_services (self->shown, services))
    return;
  g_set_object (&self->shown, services);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, row);
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(StudioService) service = g_list_model_get_item (services, i);
      gtk_list_box_append (self->list, service_row (self, service));
    }
}

static void
services_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  StudioWorkerServices *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) services = studio_jupyter_list_services_finish (STUDIO_JUPYTER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->looking = FALSE;
  if (services != NULL)
    show (self, services);
  else if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    {
      /* Not one of AI Studio's images: said once, not asked again. */
      self->unsupported = TRUE;
      gtk_label_set_label (self->note, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
    }
}

/**
 * studio_worker_services_look:
 * @self: the services' list
 *
 * Asks the worker what it serves (the details call it as they look).
 */
void
studio_worker_services_look (StudioWorkerServices *self)
{
  g_autoptr(StudioJupyter) jupyter = NULL;

  g_return_if_fail (STUDIO_IS_WORKER_SERVICES (self));
  if (self->worker == NULL || self->looking || self->unsupported)
    return;
  self->looking = TRUE;
  jupyter = studio_region_open_jupyter (self->region, self->worker);
  studio_jupyter_list_services_async (jupyter, self->cancellable, services_cb, self);
}

/**
 * studio_worker_services_set_worker:
 * @self: the services' list
 * @region: (nullable): the worker's region
 * @worker: (nullable): the worker whose services to show
 */
void
studio_worker_services_set_worker (StudioWorkerServices *self,
                                   StudioRegion         *region,
                                   StudioWorker         *worker)
{
  GtkWidget *row;

  g_return_if_fail (STUDIO_IS_WORKER_SERVICES (self));
  if (self->worker == worker)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->looking = FALSE;
  self->unsupported = FALSE;
  g_set_object (&self->region, region);
  g_set_object (&self->worker, worker);
  g_clear_object (&self->shown);
  g_hash_table_remove_all (self->known_ports);
  self->first_look = TRUE;
  /* Shown once the worker has said. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->list), TRUE);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, row);
}

/* The services the rows show (tests). */
GListModel *
studio_worker_services_get_shown (StudioWorkerServices *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKER_SERVICES (self), NULL);
  return self->shown;
}

static void
studio_worker_services_dispose (GObject *object)
{
  StudioWorkerServices *self = STUDIO_WORKER_SERVICES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->region);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->known_ports, g_hash_table_unref);
  G_OBJECT_CLASS (studio_worker_services_parent_class)->dispose (object);
}

static void
studio_worker_services_class_init (StudioWorkerServicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_worker_services_dispose;
}

static void
studio_worker_services_init (StudioWorkerServices *self)
{
  GtkWidget *heading = gtk_label_new (_("Services"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->known_ports = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  self->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->note, 0);
  gtk_label_set_wrap (self->note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Services"), -1);
  gtk_box_append (GTK_BOX (self), heading);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->note));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
studio_worker_services_new (void)
{
  return g_object_new (STUDIO_TYPE_WORKER_SERVICES, NULL);
}
