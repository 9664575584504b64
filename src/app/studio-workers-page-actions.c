/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the user does to workers: the toolbar, the context menu and shortcuts
 * all go through these widget actions. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-add-region-dialog.h"
#include "studio-launch-dialog.h"
#include "studio-window.h"
#include "studio-workers-page-private.h"

static StudioWindow *
get_window (StudioWorkersPage *self)
{
  return STUDIO_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self), STUDIO_TYPE_WINDOW));
}

void
studio_workers_page_update_actions (StudioWorkersPage *self)
{
  StudioWorker *worker = self->selected;
  StudioWorkerState state = worker ? studio_worker_get_state (worker) : STUDIO_WORKER_STATE_FAILED;
  gboolean have = worker != NULL;
  gboolean ready = have && state == STUDIO_WORKER_STATE_READY;
  gboolean created = have && studio_worker_get_id (worker) != NULL;
  gboolean busy = have && studio_worker_state_is_busy (state);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "workers.start", created && !busy &&
                                 (state == STUDIO_WORKER_STATE_STOPPED || state == STUDIO_WORKER_STATE_FAILED));
  gtk_widget_action_set_enabled (widget, "workers.stop", created && (ready || state == STUDIO_WORKER_STATE_LAUNCHING));
  gtk_widget_action_set_enabled (widget, "workers.terminate", created && state != STUDIO_WORKER_STATE_TERMINATING);
  gtk_widget_action_set_enabled (widget, "workers.replicate", created && !busy);
  gtk_widget_action_set_enabled (widget, "workers.jupyter", ready);
  gtk_widget_action_set_enabled (widget, "workers.terminal", ready);
  /* A hub does not share its servers' logs. */
  gtk_widget_action_set_enabled (widget, "workers.logs",
                                 created && studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_LOGS));
  gtk_widget_action_set_enabled (widget, "workers.context-menu", have);
}

/* ---- launch ------------------------------------------------------------ */

static void
report_launch (StudioWorkersPage *self,
               StudioRegion      *region,
               StudioWorker      *worker,
               const GError      *error)
{
  StudioWindow *window = get_window (self);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || window == NULL)
    return;
  if (worker == NULL)
    {
      /* The row stays, failed, when there is something to look at (logs). */
      studio_window_show_error (window, _("The Worker Could Not Be Launched"), error);
      return;
    }

  title = g_strdup_printf (_("%s is ready"), studio_worker_get_name (worker));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open Jupyter"));
  adw_toast_set_action_name (toast, "win.open-jupyter");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", studio_region_get_id (region),
                                                           studio_worker_get_name (worker)));
  studio_window_add_toast (window, toast);
  studio_application_notify_ready (self->app, worker);
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StudioWorkersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) worker = studio_region_launch_finish (STUDIO_REGION (object), result, &error);

  report_launch (self, STUDIO_REGION (object), worker, error);
}

static void
replicated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StudioWorkersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) worker = studio_region_replicate_finish (STUDIO_REGION (object), result, &error);

  report_launch (self, STUDIO_REGION (object), worker, error);
}

static void
follow_launch (StudioWorkersPage *self,
               StudioWorker      *worker)
{
  if (worker != NULL)
    studio_workers_page_select_worker (self, worker);
}

static void
on_launch_requested (StudioLaunchDialog  *dialog,
                     StudioLaunchOptions *options,
                     StudioWorkersPage   *self)
{
  StudioWorker *worker;

  worker = studio_region_launch_async (self->region, options, self->cancellable, launched_cb, g_object_ref (self));
  follow_launch (self, worker);
}

static void
launch_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);
  StudioLaunchDialog *dialog;

  if (self->region == NULL)
    return;
  dialog = studio_launch_dialog_new (self->region, studio_application_get_settings (self->app));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (get_window (self)));
  g_signal_connect_object (dialog, "launch", G_CALLBACK (on_launch_requested), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- stop, start, terminate ---------------------------------------------------- */

typedef struct
{
  StudioWorkersPage *self;
  StudioWorkerAction action;
  char *name;
} ActData;

static void
acted_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  ActData *data = user_data;
  g_autoptr(StudioWorkersPage) self = data->self;
  g_autofree char *name = data->name;
  StudioWorkerAction action = data->action;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  StudioWindow *window;
  gboolean ok;

  g_free (data);
  switch (action)
    {
    case STUDIO_WORKER_ACTION_STOP:
      ok = studio_region_stop_finish (STUDIO_REGION (object), result, &error);
      heading = g_strdup_printf (_("Could Not Stop %s"), name);
      break;
    case STUDIO_WORKER_ACTION_START:
      ok = studio_region_start_finish (STUDIO_REGION (object), result, &error);
      heading = g_strdup_printf (_("Could Not Start %s"), name);
      break;
    default:
      ok = studio_region_terminate_finish (STUDIO_REGION (object), result, &error);
      heading = g_strdup_printf (_("Could Not Terminate %s"), name);
      break;
    }
  window = get_window (self);
  if (!ok && window != NULL)
    studio_window_show_error (window, heading, error);
}

static void
run_action (StudioWorkersPage  *self,
            StudioWorker       *worker,
            StudioWorkerAction  action)
{
  ActData *data;

  if (worker == NULL)
    return;
  data = g_new0 (ActData, 1);
  data->self = g_object_ref (self);
  data->action = action;
  data->name = g_strdup (studio_worker_get_name (worker));
  switch (action)
    {
    case STUDIO_WORKER_ACTION_STOP:
      studio_region_stop_async (self->region, worker, self->cancellable, acted_cb, data);
      break;
    case STUDIO_WORKER_ACTION_START:
      studio_region_start_async (self->region, worker, self->cancellable, acted_cb, data);
      break;
    case STUDIO_WORKER_ACTION_TERMINATE:
      studio_region_terminate_async (self->region, worker, self->cancellable, acted_cb, data);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
start_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_action (STUDIO_WORKERS_PAGE (widget), STUDIO_WORKERS_PAGE (widget)->selected, STUDIO_WORKER_ACTION_START);
}

static void keep_then_terminate (StudioWorkersPage *self,
                                 StudioWorker      *worker,
                                 GListModel        *losses);

/* The action a question asked about, once the user says go ahead. */
static void
confirmed_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    StudioWorkersPage *self)
{
  if (g_strcmp0 (response, g_object_get_data (G_OBJECT (dialog), "response")) == 0)
    run_action (self, g_object_get_data (G_OBJECT (dialog), "worker"),
                GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "action")));
  else if (g_strcmp0 (response, "keep") == 0)
    keep_then_terminate (self, g_object_get_data (G_OBJECT (dialog), "worker"),
                         g_object_get_data (G_OBJECT (dialog), "losses"));
}

/* Asks before @action on @worker: Cancel by default, the action (@response,
 * its button @label) in red. */
static AdwMessageDialog *
ask_then_act (StudioWorkersPage  *self,
              StudioWorker       *worker,
              StudioWorkerAction  action,
              const char         *heading,
              const char         *body,
              const char         *response,
              const char         *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "worker", g_object_ref (worker), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "action", GINT_TO_POINTER (action));
  g_object_set_data (G_OBJECT (dialog), "response", (gpointer) response);   /* a literal */
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmed_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Stop asks first when it would lose something: a kernel running code
 * (stopping ends that run) or a document open in the worker's Jupyter tab
 * with changes not saved yet. Otherwise, or when the worker cannot say, it
 * stops at once, as asked. */
typedef struct
{
  StudioWorkersPage *self;
  StudioWorker *worker;
  char *busy;          /* the kernels running code, in words; "" for none */
} StopCheck;

static void
stop_check_free (StopCheck *check)
{
  g_object_unref (check->self);
  g_object_unref (check->worker);
  g_free (check->busy);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StopCheck, stop_check_free)

static void
unsaved_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(StopCheck) check = user_data;
  StudioWorkersPage *self = check->self;
  StudioWorker *worker = check->worker;
  const char *busy = check->busy;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unsaved = studio_window_list_unsaved_finish (STUDIO_WINDOW (object), result, &error);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if ((busy == NULL || *busy == '\0') && (unsaved == NULL || unsaved[0] == NULL))
    {
      run_action (self, worker, STUDIO_WORKER_ACTION_STOP);
      return;
    }
  if (busy != NULL && *busy != '\0')
    g_string_append_printf (body, _("Code is still running in %s. Stopping the worker ends that run, and what it "
                                    "has not saved is lost."), busy);
  if (unsaved != NULL && unsaved[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", unsaved);

      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append_printf (body, ngettext ("%s has changes that are not saved: save it in the Jupyter tab first, "
                                              "or they are lost.",
                                              "%s have changes that are not saved: save them in the Jupyter tab "
                                              "first, or they are lost.", g_strv_length (unsaved)), names);
    }
  heading = g_strdup_printf (_("Stop %s?"), studio_worker_get_name (worker));
  ask_then_act (self, worker, STUDIO_WORKER_ACTION_STOP, heading, body->str, "stop", _("_Stop"));
}

static void
stop_checked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StudioWorkersPage) self = user_data;
  StudioWorker *worker = g_object_get_data (object, "worker");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) running = studio_jupyter_list_running_finish (STUDIO_JUPYTER (object), result, &error);
  JsonArray *kernels = running && json_object_has_member (running, "kernels")
    ? json_object_get_array_member (running, "kernels") : NULL;
  g_autoptr(GString) busy = g_string_new (NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  for (guint i = 0; kernels != NULL && i < json_array_get_length (kernels); i++)
    {
      JsonObject *kernel = json_array_get_object_element (kernels, i);
      const char *path = json_object_get_string_member_with_default (kernel, "path", NULL);

      if (g_strcmp0 (json_object_get_string_member_with_default (kernel, "state", NULL), "busy") != 0)
        continue;
      if (busy->len > 0)
        g_string_append (busy, ", ");
      if (path != NULL)
        g_string_append (busy, path);
      else
        /* TRANSLATORS: a kernel no notebook holds, by its kind ("Python 3 (ipykernel)") */
        g_string_append_printf (busy, _("a %s kernel"),
                                json_object_get_string_member_with_default (kernel, "display_name", ""));
    }
  /* Then the worker's tab, for what it has not saved. */
  {
    StopCheck *check = g_new0 (StopCheck, 1);

    check->self = g_object_ref (self);
    check->worker = g_object_ref (worker);
    check->busy = g_string_free (g_steal_pointer (&busy), FALSE);
    studio_window_list_unsaved_async (get_window (self), worker, self->cancellable, unsaved_checked_cb, check);
  }
}

static void
stop_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);
  g_autoptr(StudioJupyter) jupyter = NULL;

  if (self->selected == NULL || studio_worker_get_state (self->selected) != STUDIO_WORKER_STATE_READY)
    {
      run_action (self, self->selected, STUDIO_WORKER_ACTION_STOP);
      return;
    }
  jupyter = studio_region_open_jupyter (self->region, self->selected);
  g_object_set_data_full (G_OBJECT (jupyter), "worker", g_object_ref (self->selected), g_object_unref);
  studio_jupyter_list_running_async (jupyter, self->cancellable, stop_checked_cb, g_object_ref (self));
}

/* Terminate asks first, and lists what would be lost with the worker: its
 * files outside the folders the region keeps, newest first, with a way to
 * keep them (copied to ~/my) before it goes on. */
typedef struct
{
  StudioWorkersPage *self;
  StudioWorker *worker;
} WorkerCall;

static GtkWidget *
losses_list (GListModel *losses,
             gboolean    more)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Files That Would Be Lost"), -1);
  for (guint i = 0; i < g_list_model_get_n_items (losses); i++)
    {
      g_autoptr(GFileInfo) info = g_list_model_get_item (losses, i);
      g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
      g_autoptr(GDateTime) local = modified ? g_date_time_to_local (modified) : NULL;
      g_autofree char *size = g_format_size_full (g_file_info_get_size (info), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *when = local == NULL ? NULL
        : g_date_time_format (local, g_date_time_get_year (local) == g_date_time_get_year (now) ? "%-e %b %H:%M"
                                                                                           : "%-e %b %Y");
      g_autofree char *subtitle = when ? g_strdup_printf ("%s · %s", size, when) : g_strdup (size);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_file_info_get_display_name (info));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  if (more)
    {
      GtkWidget *label = gtk_label_new (_("There are more than these; AI Studio stopped looking here."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
ask_terminate (StudioWorkersPage *self,
               StudioWorker      *worker,
               GListModel        *losses,
               gboolean           more)
{
  g_autofree char *heading = g_strdup_printf (_("Terminate %s?"), studio_worker_get_name (worker));
  g_autofree char *cost = studio_region_describe_terminate (self->region, worker);
  g_autofree char *body = NULL;
  guint n = losses ? g_list_model_get_n_items (losses) : 0;
  AdwMessageDialog *dialog;

  if (n > 0)
    {
      guint64 total = 0;
      g_autofree char *size = NULL;
      g_autofree char *count = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFileInfo) info = g_list_model_get_item (losses, i);

          total += g_file_info_get_size (info);
        }
      size = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n), n);
      /* TRANSLATORS: what Terminate costs; then "3 files", and their size ("12.0 KiB") */
      body = g_strdup_printf (_("%s\n\nLost with it unless copied to ~/my first: %s, %s, the newest first."),
                              cost, count, size);
    }
  dialog = ask_then_act (self, worker, STUDIO_WORKER_ACTION_TERMINATE, heading, body ? body : cost, "terminate",
                         _("_Terminate"));
  if (n > 0)
    {
      g_autofree char *keep = g_strdup_printf (_("_Copy to ~/my/%s, Then Terminate"), studio_worker_get_name (worker));

      adw_message_dialog_add_response (dialog, "keep", keep);
      adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_extra_child (dialog, losses_list (losses, more));
      g_object_set_data_full (G_OBJECT (dialog), "losses", g_object_ref (losses), g_object_unref);
    }
}

static void
losses_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WorkerCall *check = user_data;
  g_autoptr(StudioWorkersPage) self = check->self;
  g_autoptr(StudioWorker) worker = check->worker;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) losses = NULL;
  gboolean more = FALSE;

  g_free (check);
  losses = studio_region_list_losses_finish (STUDIO_REGION (object), result, &more, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || get_window (self) == NULL)
    return;
  /* Not listed (the worker went meanwhile): the question says what Terminate costs all the same. */
  if (error != NULL)
    g_debug ("What %s would lose is not known: %s", studio_worker_get_name (worker), error->message);
  ask_terminate (self, worker, losses, more);
}

static void
terminate_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);
  WorkerCall *check;

  if (self->selected == NULL)
    return;
  if (studio_worker_get_state (self->selected) != STUDIO_WORKER_STATE_READY)
    {
      ask_terminate (self, self->selected, NULL, FALSE);
      return;
    }
  check = g_new0 (WorkerCall, 1);
  check->self = g_object_ref (self);
  check->worker = g_object_ref (self->selected);
  studio_region_list_losses_async (self->region, self->selected, self->cancellable, losses_listed_cb, check);
}

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  WorkerCall *data = user_data;
  g_autoptr(StudioWorkersPage) self = data->self;
  g_autoptr(StudioWorker) worker = data->worker;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  StudioWindow *window = get_window (self);

  g_free (data);
  folder = studio_region_keep_losses_finish (STUDIO_REGION (object), result, &error);
  if (folder == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("%s Was Not Terminated"), studio_worker_get_name (worker));

      /* Nothing is terminated while its files are not safe. */
      if (window != NULL)
        studio_window_show_error (window, heading, error);
      return;
    }
  if (window != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Files kept in ~/%s"), folder);

      studio_window_add_toast (window, adw_toast_new (title));
    }
  run_action (self, worker, STUDIO_WORKER_ACTION_TERMINATE);
}

static void
keep_then_terminate (StudioWorkersPage *self,
                     StudioWorker      *worker,
                     GListModel        *losses)
{
  WorkerCall *data = g_new0 (WorkerCall, 1);

  data->self = g_object_ref (self);
  data->worker = g_object_ref (worker);
  studio_region_keep_losses_async (self->region, worker, losses, self->cancellable, kept_cb, data);
}

/* ---- replicate ---------------------------------------------------------------- */

static void
replicate_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    StudioWorkersPage *self)
{
  StudioWorker *worker = g_object_get_data (G_OBJECT (dialog), "worker");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  StudioWorker *copy;

  if (g_strcmp0 (response, "replicate") != 0 || worker == NULL)
    return;
  copy = studio_region_replicate_async (self->region, worker, gtk_editable_get_text (entry),
                                        self->cancellable, replicated_cb, g_object_ref (self));
  follow_launch (self, copy);
}

static void
validate_replica_name (GtkEditable *entry,
                       AdwMessageDialog *dialog)
{
  StudioWorkersPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  const char *name = gtk_editable_get_text (entry);
  gboolean ok = studio_worker_check_name (name, NULL) && studio_region_find_worker (self->region, name) == NULL;

  adw_message_dialog_set_response_enabled (dialog, "replicate", ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
replicate_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);
  g_autofree char *heading = NULL;
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  GtkWidget *dialog, *entry;

  if (self->selected == NULL)
    return;
  heading = g_strdup_printf (_("Replicate %s?"), studio_worker_get_name (self->selected));
  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading,
                                   !studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_COPIES_DISKS)
                                   ? _("A new worker starts with the same options. Files on this worker's "
                                       "own disk are not copied: a hub cannot copy a server.")
                                   : _("A new worker starts from a copy of this worker's disk, with the same "
                                       "size, startup script and auto-shutdown. ~/my and ~/shared are shared "
                                       "by all workers, not copied."));
  entry = gtk_entry_new ();
  base = g_strdup_printf ("%s-copy", studio_worker_get_name (self->selected));
  suggested = studio_region_suggest_name (self->region, base);
  gtk_editable_set_text (GTK_EDITABLE (entry), suggested);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the copy"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replicate", _("_Replicate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replicate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "replicate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "worker", g_object_ref (self->selected), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "page", self);
  g_signal_connect (entry, "changed", G_CALLBACK (validate_replica_name), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replicate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- tabs, logs, refresh ---------------------------------------------------------- */

static void
jupyter_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);

  if (self->selected != NULL)
    studio_window_open_jupyter (get_window (self), self->region, self->selected);
}

static void
terminal_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);

  if (self->selected != NULL)
    studio_window_open_terminal (get_window (self), self->region, self->selected);
}

static void
logs_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);

  if (self->selected != NULL)
    studio_window_show_logs (get_window (self), self->region, self->selected);
}

static void
refresh_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);

  if (self->region != NULL)
    studio_region_refresh_async (self->region, self->cancellable, NULL, NULL);
}

static void
on_region_added (StudioAddRegionDialog *dialog,
                 StudioRegion          *region,
                 StudioWorkersPage     *self)
{
  g_autofree char *title = g_strdup_printf (_("Region %s added"), studio_region_get_name (region));

  studio_workers_page_select_region (self, region);
  studio_window_add_toast (get_window (self), adw_toast_new (title));
}

static void
add_region_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);
  StudioAddRegionDialog *dialog = studio_add_region_dialog_new (self->app);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (get_window (self)));
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_region_added), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_in_again_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);
  StudioAddRegionDialog *dialog;

  if (studio_region_get_sign_in_methods (self->region) == STUDIO_SIGN_IN_NONE)
    return;
  dialog = studio_add_region_dialog_new (self->app);
  studio_add_region_dialog_set_replacing (dialog, self->region);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (get_window (self)));
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_region_added), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
region_removed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StudioWorkersPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_regions_remove_finish (STUDIO_REGIONS (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    studio_window_show_error (get_window (self), _("The Region Could Not Be Removed"), error);
}

static void
remove_region_response (AdwMessageDialog  *dialog,
                        const char        *response,
                        StudioWorkersPage *self)
{
  StudioRegion *region = g_object_get_data (G_OBJECT (dialog), "region");
  StudioRegions *regions = studio_application_get_regions (self->app);

  if (g_strcmp0 (response, "remove") != 0 || region == NULL)
    return;
  /* Show This Computer first, so the removed region's page goes quietly. */
  {
    g_autoptr(StudioRegion) first = g_list_model_get_item (G_LIST_MODEL (regions), 0);
    studio_workers_page_select_region (self, first);
  }
  studio_application_forget_region_web_data (self->app, studio_region_get_id (region));
  studio_regions_remove_async (regions, region, NULL, region_removed_cb, g_object_ref (self));
}

static void
remove_region_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_REMOVABLE))
    return;
  heading = g_strdup_printf (_("Remove Region %s?"), studio_region_get_name (self->region));
  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading,
                                   _("AI Studio forgets this hub and its token. Your servers on the hub are "
                                     "not touched; add the region again to see them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "region", g_object_ref (self->region), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_region_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
studio_workers_page_popup_menu (StudioWorkersPage *self,
                                double             x,
                                double             y)
{
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  if (self->selected == NULL)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover), &at);
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
}

static void
context_menu_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (widget);

  studio_workers_page_popup_menu (self, 24, 48);
}

void
studio_workers_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "workers.launch", NULL, launch_action);
  gtk_widget_class_install_action (widget_class, "workers.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "workers.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "workers.terminate", NULL, terminate_action);
  gtk_widget_class_install_action (widget_class, "workers.replicate", NULL, replicate_action);
  gtk_widget_class_install_action (widget_class, "workers.jupyter", NULL, jupyter_action);
  gtk_widget_class_install_action (widget_class, "workers.terminal", NULL, terminal_action);
  gtk_widget_class_install_action (widget_class, "workers.logs", NULL, logs_action);
  gtk_widget_class_install_action (widget_class, "workers.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "workers.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "workers.add-region", NULL, add_region_action);
  gtk_widget_class_install_action (widget_class, "workers.sign-in-again", NULL, sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "workers.remove-region", NULL, remove_region_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "workers.launch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "workers.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "workers.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "workers.replicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "workers.terminate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "workers.jupyter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "workers.terminal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "workers.logs", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "workers.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "workers.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "workers.context-menu", NULL);
}
