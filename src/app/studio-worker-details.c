/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The selected worker's details, below the workers list: what it uses (CPU
 * and memory over the last ten minutes) and what runs on it (kernels with
 * their notebooks, terminals), each with Shut Down, and what it serves
 * (studio-worker-services.c). Looked at again every two
 * seconds while shown, never counting as activity (core reads with
 * no_track_activity=1). */
#include <glib/gi18n.h>

#include "studio-usage-graph.h"
#include "studio-window.h"
#include "studio-worker-details.h"
#include "studio-worker-services.h"

#define POLL_SECONDS 2

struct _StudioWorkerDetails
{
  AdwBin parent_instance;

  GtkLabel *title;
  GtkWidget *shut_down_all;
  GtkLabel *cpu_label;
  GtkLabel *memory_label;
  StudioUsageGraph *cpu_graph;
  StudioUsageGraph *memory_graph;
  GtkListBox *list;
  StudioWorkerServices *services;

  StudioRegion *region;
  StudioWorker *worker;
  JsonObject *running;        /* what the last look found */
  char *shown;                /* what the rows show, to rebuild them only on a change */
  GCancellable *cancellable;
  guint poll_id;
  gboolean looking;
};

G_DEFINE_FINAL_TYPE (StudioWorkerDetails, studio_worker_details, ADW_TYPE_BIN)

static void look (StudioWorkerDetails *self);

/* A kernel row's menu: interrupt, restart. */
static GtkWidget *
kernel_menu_button (const char *id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) interrupt = g_menu_item_new (_("_Interrupt Kernel"), NULL);
  g_autoptr(GMenuItem) restart = g_menu_item_new (_("_Restart Kernel…"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target_value (interrupt, "details.interrupt", g_variant_new_string (id));
  g_menu_item_set_action_and_target_value (restart, "details.restart", g_variant_new_string (id));
  g_menu_append_item (menu, interrupt);
  g_menu_append_item (menu, restart);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("More Kernel Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Kernel Actions"), -1);
  return button;
}

/* What the rows would show; a menu open in one counts as a change never
 * made (the rows stay until it closes). */
static gboolean
rows_current (StudioWorkerDetails *self,
              char               **key)
{
  JsonArray *kernels = self->running ? json_object_get_array_member (self->running, "kernels") : NULL;
  GString *s = g_string_new (NULL);

  for (guint i = 0; kernels != NULL && i < json_array_get_length (kernels); i++)
    {
      JsonObject *k = json_array_get_object_element (kernels, i);
      g_string_append_printf (s, "%s|%s|%s|%s|%" G_GINT64_FORMAT "\n", json_object_get_string_member (k, "id"),
                              json_object_get_string_member_with_default (k, "path", NULL) ?: "",
                              json_object_get_string_member (k, "display_name"),
                              json_object_get_string_member (k, "state"),
                              json_object_get_int_member_with_default (k, "connections", 0));
    }
  {
    JsonArray *terminals = self->running ? json_object_get_array_member (self->running, "terminals") : NULL;
    for (guint i = 0; terminals != NULL && i < json_array_get_length (terminals); i++)
      g_string_append_printf (s, "t|%s\n",
                              json_object_get_string_member (json_array_get_object_element (terminals, i), "name"));
  }
  *key = g_string_free (s, FALSE);
  if (self->shown != NULL && g_str_equal (*key, self->shown))
    return TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *menu = g_object_get_data (G_OBJECT (row), "menu");
      GtkPopover *popover = menu ? gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)) : NULL;

      if (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover)))
        return TRUE;
    }
  return FALSE;
}

static void
show_running (StudioWorkerDetails *self)
{
  JsonArray *kernels = self->running ? json_object_get_array_member (self->running, "kernels") : NULL;
  JsonArray *terminals = self->running ? json_object_get_array_member (self->running, "terminals") : NULL;
  GtkWidget *child;
  g_autofree char *key = NULL;
  guint n = 0;

  if (rows_current (self, &key))
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&key);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; kernels != NULL && i < json_array_get_length (kernels); i++)
    {
      JsonObject *k = json_array_get_object_element (kernels, i);
      const char *path = json_object_get_string_member_with_default (k, "path", NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Shut Down"));
      GtkWidget *menu;
      g_autofree char *subtitle = NULL;
      gint64 connections = json_object_get_int_member_with_default (k, "connections", 0);

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s kernel · %s · %" G_GINT64_FORMAT " connection",
                                               "%s kernel · %s · %" G_GINT64_FORMAT " connections", connections),
                                  json_object_get_string_member (k, "display_name"),
                                  json_object_get_string_member (k, "state"), connections);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), path ? path : _("Kernel without a notebook"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (path ? "text-x-generic-symbolic"
                                                                                          : "system-run-symbolic"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "details.shut-down");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", json_object_get_string_member (k, "id"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      menu = kernel_menu_button (json_object_get_string_member (k, "id"));
      g_object_set_data (G_OBJECT (row), "menu", menu);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
      if (path != NULL)
        {
          /* A notebook row opens it in the worker's Jupyter tab. */
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);
        }
      gtk_list_box_append (self->list, row);
      n++;
    }
  for (guint i = 0; terminals != NULL && i < json_array_get_length (terminals); i++)
    {
      JsonObject *t = json_array_get_object_element (terminals, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Shut Down"));
      g_autofree char *title = g_strdup_printf (_("Terminal %s"), json_object_get_string_member (t, "name"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("utilities-terminal-symbolic"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "details.shut-down");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", json_object_get_string_member (t, "name"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->list, row);
      n++;
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No kernels or terminals run on this worker"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.shut-down-all", n > 0);
}

static void
stats_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StudioWorkerDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stats = studio_region_stats_finish (STUDIO_REGION (object), result, &error);
  JsonNode *cpu, *memory, *limit;
  g_autofree char *cpu_text = NULL;
  g_autofree char *memory_text = NULL;

  if (stats == NULL)
    return;
  cpu = json_object_get_member (stats, "cpu_percent");
  memory = json_object_get_member (stats, "memory_bytes");
  limit = json_object_get_member (stats, "memory_limit_bytes");
  if (cpu != NULL && !JSON_NODE_HOLDS_NULL (cpu))
    {
      double value = json_node_get_double (cpu);
      g_autofree char *top = g_strdup_printf (_("%.0f %%"), MAX (100, value));

      cpu_text = g_strdup_printf (_("CPU %.0f%%"), value);
      studio_usage_graph_add (self->cpu_graph, value, MAX (100, value), top, cpu_text);
    }
  else
    {
      cpu_text = g_strdup (json_object_get_string_member_with_default (stats, "note", NULL) ? _("CPU: not available")
                                                                                              : _("CPU"));
      studio_usage_graph_add (self->cpu_graph, -1, 100, NULL, cpu_text);
    }
  if (memory != NULL && !JSON_NODE_HOLDS_NULL (memory))
    {
      gint64 used = json_node_get_int (memory);
      gint64 top = limit && !JSON_NODE_HOLDS_NULL (limit) ? json_node_get_int (limit) : used * 2;
      g_autofree char *used_text = g_format_size_full (used, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *top_text = g_format_size_full (top, G_FORMAT_SIZE_IEC_UNITS);

      memory_text = g_strdup_printf (_("Memory %s of %s"), used_text, top_text);
      studio_usage_graph_add (self->memory_graph, used, top, top_text, memory_text);
    }
  else
    {
      memory_text = g_strdup (_("Memory: not available"));
      studio_usage_graph_add (self->memory_graph, -1, 1, NULL, memory_text);
    }
  gtk_label_set_text (self->cpu_label, cpu_text);
  gtk_label_set_text (self->memory_label, memory_text);
}

static void
running_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StudioWorkerDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *running = studio_jupyter_list_running_finish (STUDIO_JUPYTER (object), result, &error);

  self->looking = FALSE;
  if (running == NULL)
    return;
  g_clear_pointer (&self->running, json_object_unref);
  self->running = running;
  show_running (self);
}

static gboolean
ready (StudioWorkerDetails *self)
{
  return self->worker != NULL && studio_worker_get_state (self->worker) == STUDIO_WORKER_STATE_READY;
}

static void
look (StudioWorkerDetails *self)
{
  g_autoptr(StudioJupyter) jupyter = NULL;

  if (!ready (self) || self->looking)
    return;
  self->looking = TRUE;
  jupyter = studio_region_open_jupyter (self->region, self->worker);
  studio_jupyter_list_running_async (jupyter, self->cancellable, running_cb, g_object_ref (self));
  studio_region_stats_async (self->region, self->worker, self->cancellable, stats_cb, g_object_ref (self));
  studio_worker_services_look (self->services);
}

static gboolean
poll_cb (gpointer user_data)
{
  look (user_data);
  return G_SOURCE_CONTINUE;
}

/* Polls only while shown. */
static void
update_polling (StudioWorkerDetails *self)
{
  gboolean want = gtk_widget_get_mapped (GTK_WIDGET (self)) && ready (self);

  if (want && self->poll_id == 0)
    {
      self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
      look (self);
    }
  else if (!want)
    g_clear_handle_id (&self->poll_id, g_source_remove);
}

static void
shut_down_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StudioWorkerDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_jupyter_shut_down_finish (STUDIO_JUPYTER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      if (STUDIO_IS_WINDOW (root))
        studio_window_show_error (STUDIO_WINDOW (root), _("Could Not Shut It Down"), error);
    }
  self->looking = FALSE;
  look (self);
}

static void
shut_down (StudioWorkerDetails *self,
           const char          *id)
{
  g_autoptr(StudioJupyter) jupyter = NULL;
  const char *ids[] = { id, NULL };

  if (!ready (self) || self->running == NULL)
    return;
  jupyter = studio_region_open_jupyter (self->region, self->worker);
  studio_jupyter_shut_down_async (jupyter, self->running, id ? ids : NULL, self->cancellable, shut_down_cb,
                                  g_object_ref (self));
}

/* The notebooks whose state goes with these kernels (NULL: all), one per line. */
static char *
notebooks_of (StudioWorkerDetails *self,
              const char          *id)
{
  JsonArray *kernels = self->running ? json_object_get_array_member (self->running, "kernels") : NULL;
  GString *s = g_string_new (NULL);

  for (guint i = 0; kernels != NULL && i < json_array_get_length (kernels); i++)
    {
      JsonObject *k = json_array_get_object_element (kernels, i);
      const char *path = json_object_get_string_member_with_default (k, "path", NULL);

      if (path != NULL && (id == NULL || g_strcmp0 (json_object_get_string_member (k, "id"), id) == 0))
        g_string_append_printf (s, "%s%s", s->len ? "\n" : "", path);
    }
  if (s->len == 0)
    return (g_string_free (s, TRUE), NULL);
  return g_string_free (s, FALSE);
}

typedef void (*KernelFunc) (StudioWorkerDetails *self,
                            const char          *id);

static void
confirmed (AdwMessageDialog *dialog,
           const char       *response,
           gpointer          user_data)
{
  StudioWorkerDetails *self = g_object_get_data (G_OBJECT (dialog), "details");
  KernelFunc then = (KernelFunc) g_object_get_data (G_OBJECT (dialog), "then");

  if (g_strcmp0 (response, "go") == 0)
    then (self, g_object_get_data (G_OBJECT (dialog), "id"));
}

/* Asks first when a notebook loses its state (naming it), then does it. */
static void
confirm_then (StudioWorkerDetails *self,
              const char          *id,
              const char          *heading,
              const char          *body_format,
              const char          *verb,
              KernelFunc           then)
{
  g_autofree char *notebooks = notebooks_of (self, id);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (notebooks == NULL)
    {
      then (self, id);
      return;
    }
  body = g_strdup_printf (body_format, notebooks);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "go", verb, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "details", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (dialog), "then", (gpointer) then);
  g_signal_connect (dialog, "response", G_CALLBACK (confirmed), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
shut_down_action (GtkWidget *widget, const char *name, GVariant *param)
{
  confirm_then (STUDIO_WORKER_DETAILS (widget), g_variant_get_string (param, NULL), _("Shut Down Kernel?"),
                _("The notebook %s loses its state: its variables, and outputs not saved."), _("_Shut Down"),
                shut_down);
}

static void
shut_down_all_action (GtkWidget *widget, const char *name, GVariant *param)
{
  confirm_then (STUDIO_WORKER_DETAILS (widget), NULL, _("Shut Down All Kernels and Terminals?"),
                _("These notebooks lose their state (their variables, and outputs not saved):\n%s"),
                _("_Shut Down All"), shut_down);
}

static void
kernel_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StudioWorkerDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean restart = g_task_get_source_tag (G_TASK (result)) == studio_jupyter_restart_kernel_async;
  gboolean ok = restart ? studio_jupyter_restart_kernel_finish (STUDIO_JUPYTER (object), result, &error)
                        : studio_jupyter_interrupt_kernel_finish (STUDIO_JUPYTER (object), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!ok && STUDIO_IS_WINDOW (root))
    studio_window_show_error (STUDIO_WINDOW (root), restart ? _("Could Not Restart the Kernel")
                                                            : _("Could Not Interrupt the Kernel"), error);
  else if (ok && STUDIO_IS_WINDOW (root))
    studio_window_add_toast (STUDIO_WINDOW (root), adw_toast_new (restart ? _("Kernel restarted")
                                                                           : _("Kernel interrupted")));
  self->looking = FALSE;
  look (self);
}

static void
kernel_call (StudioWorkerDetails *self,
             const char          *id,
             gboolean             restart_it)
{
  g_autoptr(StudioJupyter) jupyter = NULL;

  if (!ready (self))
    return;
  jupyter = studio_region_open_jupyter (self->region, self->worker);
  (restart_it ? studio_jupyter_restart_kernel_async : studio_jupyter_interrupt_kernel_async)
    (jupyter, id, self->cancellable, kernel_done_cb, g_object_ref (self));
}

static void
restart (StudioWorkerDetails *self,
         const char          *id)
{
  kernel_call (self, id, TRUE);
}

static void
interrupt_action (GtkWidget *widget, const char *name, GVariant *param)
{
  kernel_call (STUDIO_WORKER_DETAILS (widget), g_variant_get_string (param, NULL), FALSE);
}

static void
restart_action (GtkWidget *widget, const char *name, GVariant *param)
{
  confirm_then (STUDIO_WORKER_DETAILS (widget), g_variant_get_string (param, NULL), _("Restart Kernel?"),
                _("The notebook %s loses its variables; its saved cells and outputs stay."), _("_Restart"),
                restart);
}

static void
on_row_activated (GtkListBox          *list,
                  GtkListBoxRow       *row,
                  StudioWorkerDetails *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (path != NULL && STUDIO_IS_WINDOW (root) && ready (self))
    studio_window_open_jupyter_path (STUDIO_WINDOW (root), self->region, self->worker, path);
}

/* ---- files in and out --------------------------------------------------------------- */

static StudioTransfers *
transfers (StudioWorkerDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return STUDIO_IS_WINDOW (root) ? studio_window_get_transfers (STUDIO_WINDOW (root)) : NULL;
}

/**
 * studio_worker_details_upload:
 * @self: the details of a ready worker
 * @files: (element-type GFile): local files and folders
 *
 * Uploads them to the worker's home (folders with everything in them), as
 * one of the window's transfers.
 */
void
studio_worker_details_upload (StudioWorkerDetails *self,
                              GSList              *files)
{
  if (ready (self) && transfers (self) != NULL)
    studio_transfers_upload (transfers (self), self->region, self->worker, files, "");
}

static gboolean
files_dropped (GObject *owner,
               GSList  *files)
{
  StudioWorkerDetails *self = STUDIO_WORKER_DETAILS (owner);

  if (!ready (self))
    return FALSE;
  studio_worker_details_upload (self, files);
  return TRUE;
}

/* Drops of files on widget (the details, the workers list) go to the worker. */
void
studio_worker_details_accept_drops (StudioWorkerDetails *self,
                                    GtkWidget           *widget)
{
  studio_transfers_accept_drops (widget, G_OBJECT (self), files_dropped, FALSE);
}


typedef struct
{
  StudioWorkerDetails *self;
  GtkEntry *entry;
  GtkFileChooserNative *chooser;
} Download;

/**
 * studio_worker_details_download:
 * @self: the details of a ready worker
 * @path: a file or folder in the worker's home
 * @destination: the local file or folder to make
 *
 * Copies it from the worker, as one of the window's transfers.
 */
void
studio_worker_details_download (StudioWorkerDetails *self,
                                const char          *path,
                                GFile               *destination)
{
  if (ready (self) && transfers (self) != NULL)
    studio_transfers_download (transfers (self), self->region, self->worker, path, destination);
}

static void
download_folder_cb (GtkNativeDialog *chooser,
                    int              response,
                    Download        *d)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  const char *path = gtk_editable_get_text (GTK_EDITABLE (d->entry));

  if (response == GTK_RESPONSE_ACCEPT && folder != NULL && *path != '\0')
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr(GFile) destination = g_file_get_child (folder, base);

      studio_worker_details_download (d->self, path, destination);
    }
  g_object_unref (d->chooser);
  g_object_unref (d->self);
  g_free (d);
}

static void
download_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Download         *d)
{
  if (g_strcmp0 (response, "download") != 0)
    {
      g_object_unref (d->self);
      g_free (d);
      return;
    }
  d->chooser = gtk_file_chooser_native_new (_("Download Into"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (d->self))),
                                            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Download Here"), _("_Cancel"));
  g_signal_connect (d->chooser, "response", G_CALLBACK (download_folder_cb), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (d->chooser));
}

static void
download_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkerDetails *self = STUDIO_WORKER_DETAILS (widget);
  GtkWidget *dialog;
  Download *d;

  if (!ready (self))
    return;
  d = g_new0 (Download, 1);
  d->self = g_object_ref (self);
  d->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (d->entry, _("e.g. my/results.csv"));
  gtk_entry_set_activates_default (d->entry, TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Download from the Worker"),
                                   _("A file or folder in the worker's home:"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (d->entry));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "download", _("_Download…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "download", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "download");
  g_signal_connect (dialog, "response", G_CALLBACK (download_response), d);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
studio_worker_details_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (studio_worker_details_parent_class)->map (widget);
  update_polling (STUDIO_WORKER_DETAILS (widget));
}

static void
studio_worker_details_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (studio_worker_details_parent_class)->unmap (widget);
  update_polling (STUDIO_WORKER_DETAILS (widget));
}

static void
studio_worker_details_dispose (GObject *object)
{
  StudioWorkerDetails *self = STUDIO_WORKER_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->region);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->running, json_object_unref);
  g_clear_pointer (&self->shown, g_free);
  G_OBJECT_CLASS (studio_worker_details_parent_class)->dispose (object);
}

static void
studio_worker_details_class_init (StudioWorkerDetailsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_worker_details_dispose;
  widget_class->map = studio_worker_details_map;
  widget_class->unmap = studio_worker_details_unmap;
  gtk_widget_class_install_action (widget_class, "details.shut-down", "s", shut_down_action);
  gtk_widget_class_install_action (widget_class, "details.shut-down-all", NULL, shut_down_all_action);
  gtk_widget_class_install_action (widget_class, "details.interrupt", "s", interrupt_action);
  gtk_widget_class_install_action (widget_class, "details.restart", "s", restart_action);
  gtk_widget_class_install_action (widget_class, "details.download", NULL, download_action);
}

static GtkWidget *
graph_box (GtkLabel        **label,
           StudioUsageGraph **graph,
           const char       *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  *label = GTK_LABEL (gtk_label_new (name));
  gtk_label_set_xalign (*label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (*label), "caption");
  *graph = studio_usage_graph_new (name);
  gtk_widget_set_hexpand (GTK_WIDGET (*graph), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*graph));
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static void
studio_worker_details_init (StudioWorkerDetails *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *graphs = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  self->shut_down_all = gtk_button_new_with_mnemonic (_("Shut Down _All"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->shut_down_all), "details.shut-down-all");
  gtk_widget_set_tooltip_text (self->shut_down_all, _("Shut down every kernel and terminal of this worker"));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title));
  {
    GtkWidget *download = gtk_button_new_with_mnemonic (_("_Download…"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (download), "details.download");
    gtk_widget_set_tooltip_text (download, _("Copy a file or folder from the worker to this computer "
                                             "(drop files here to upload them)"));
    gtk_box_append (GTK_BOX (header), download);
  }
  gtk_box_append (GTK_BOX (header), self->shut_down_all);

  gtk_box_append (GTK_BOX (graphs), graph_box (&self->cpu_label, &self->cpu_graph, _("CPU")));
  gtk_box_append (GTK_BOX (graphs), graph_box (&self->memory_label, &self->memory_graph, _("Memory")));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kernels and terminals"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), graphs);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  self->services = STUDIO_WORKER_SERVICES (studio_worker_services_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->services));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  adw_bin_set_child (ADW_BIN (self), scroller);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.shut-down-all", FALSE);
  studio_worker_details_accept_drops (self, GTK_WIDGET (self));
}

StudioWorkerDetails *
studio_worker_details_new (void)
{
  return g_object_new (STUDIO_TYPE_WORKER_DETAILS, NULL);
}

static void
on_worker_state (StudioWorkerDetails *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), ready (self));
  update_polling (self);
}

/* The worker to show (NULL: none); the pane shows only for a ready one. */
void
studio_worker_details_set_worker (StudioWorkerDetails *self,
                                  StudioRegion        *region,
                                  StudioWorker        *worker)
{
  g_return_if_fail (STUDIO_IS_WORKER_DETAILS (self));

  if (self->worker == worker)
    return;
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->looking = FALSE;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_set_object (&self->region, region);
  g_set_object (&self->worker, worker);
  g_clear_pointer (&self->running, json_object_unref);
  g_clear_pointer (&self->shown, g_free);
  /* A new worker, new graphs. */
  {
    GtkWidget *graphs = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->cpu_graph)));
    GtkWidget *old_cpu = gtk_widget_get_parent (GTK_WIDGET (self->cpu_graph));
    GtkWidget *old_memory = gtk_widget_get_parent (GTK_WIDGET (self->memory_graph));

    gtk_box_remove (GTK_BOX (graphs), old_cpu);
    gtk_box_remove (GTK_BOX (graphs), old_memory);
    gtk_box_append (GTK_BOX (graphs), graph_box (&self->cpu_label, &self->cpu_graph, _("CPU")));
    gtk_box_append (GTK_BOX (graphs), graph_box (&self->memory_label, &self->memory_graph, _("Memory")));
  }
  if (worker != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Running on %s"), studio_worker_get_name (worker));

      gtk_label_set_text (self->title, title);
      g_signal_connect_swapped (worker, "notify::state", G_CALLBACK (on_worker_state), self);
    }
  studio_worker_services_set_worker (self->services, region, worker);
  show_running (self);
  on_worker_state (self);
}

GtkListBox *
studio_worker_details_get_list (StudioWorkerDetails *self)
{
  return self->list;
}

/* What the worker serves, as its rows show it (tests). */
GListModel *
studio_worker_details_get_services (StudioWorkerDetails *self)
{
  return studio_worker_services_get_shown (self->services);
}

guint
studio_worker_details_get_n_samples (StudioWorkerDetails *self)
{
  return studio_usage_graph_get_n_samples (self->cpu_graph);
}
