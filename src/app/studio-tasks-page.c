/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Tasks tab: the user's tasks (StudioTasks, kept current by core), and
 * the selected one's state and output in a read-only terminal that follows
 * it live, with what can be done to it. */
#include <glib/gi18n.h>
#include <vte/vte.h>

#include "studio-run-task-dialog.h"
#include "studio-tasks-page.h"
#include "studio-window.h"

struct _StudioTasksPage
{
  AdwBin parent_instance;

  GtkStack *list_stack;
  GtkListView *list_view;
  GtkStack *details_stack;
  GtkLabel *title_label;
  GtkLabel *path_label;
  GtkLabel *state_label;
  GtkWidget *cancel_button;
  GtkWidget *notebook_button;
  GtkWidget *jupyter_button;
  GtkWidget *terminal_button;
  GtkScrolledWindow *output_scroller;
  VteTerminal *output;

  StudioApplication *app;
  StudioTasks *tasks;
  GtkSingleSelection *selection;
  StudioTask *shown;          /* the selected task, its output in the terminal */
  guint tick_id;              /* durations of running tasks, once a second */
};

G_DEFINE_FINAL_TYPE (StudioTasksPage, studio_tasks_page, ADW_TYPE_BIN)

static StudioWindow *
get_window (StudioTasksPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return STUDIO_IS_WINDOW (root) ? STUDIO_WINDOW (root) : NULL;
}

/* When the task started (or was asked for, before it runs): the time of day
 * today, with the date before. */
static char *
started_text (StudioTask *task)
{
  GDateTime *when = studio_task_get_started (task) ? studio_task_get_started (task) : studio_task_get_created (task);
  g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (local == NULL)
    return NULL;
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%R");
  /* TRANSLATORS: a task's start on another day, as g_date_time_format() takes it */
  return g_date_time_format (local, _("%b %-e, %R"));
}

/* "Failed, exit status 3 · started 09:00 · ran 4.0 s · This Computer · task-1a2b3c4d kept" */
static char *
describe (StudioTask *task)
{
  StudioTaskState state = studio_task_get_state (task);
  g_autoptr(GString) s = g_string_new (studio_task_state_get_label (state));
  g_autofree char *duration = studio_task_dup_duration_text (task);
  g_autofree char *started = started_text (task);
  StudioRegion *region = studio_task_get_region (task);

  if (studio_task_get_exit_status (task) > 0)
    g_string_append_printf (s, _(", exit status %d"), studio_task_get_exit_status (task));
  if (started != NULL)
    g_string_append_printf (s, _(" · started %s"), started);
  if (duration != NULL)
    g_string_append_printf (s, studio_task_state_is_final (state) ? _(" · ran %s") : _(" · running %s"), duration);
  g_string_append_printf (s, " · %s", region ? studio_region_get_name (region) : studio_task_get_region_id (task));
  if (studio_task_get_kept (task) && studio_task_get_worker_name (task) != NULL)
    g_string_append_printf (s, _(" · %s kept"), studio_task_get_worker_name (task));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
state_icon (StudioTaskState state)
{
  switch (state)
    {
    case STUDIO_TASK_STATE_SUCCEEDED: return "emblem-ok-symbolic";
    case STUDIO_TASK_STATE_FAILED: return "dialog-error-symbolic";
    case STUDIO_TASK_STATE_CANCELLED: return "process-stop-symbolic";
    case STUDIO_TASK_STATE_TIMED_OUT: return "alarm-symbolic";
    case STUDIO_TASK_STATE_LAUNCHING:
    case STUDIO_TASK_STATE_UPLOADING:
    case STUDIO_TASK_STATE_RUNNING:
    default: return "media-playback-start-symbolic";
    }
}

/* ---- rows ------------------------------------------------------------------------ */

static void
update_row (GtkListItem *item)
{
  StudioTask *task = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkImage *icon = g_object_get_data (G_OBJECT (box), "icon");
  GtkLabel *title = g_object_get_data (G_OBJECT (box), "title");
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (box), "subtitle");
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  StudioTaskState state;

  if (task == NULL)
    return;
  state = studio_task_get_state (task);
  base = g_path_get_basename (studio_task_get_file (task));
  text = describe (task);
  gtk_image_set_from_icon_name (icon, state_icon (state));
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
  if (state == STUDIO_TASK_STATE_SUCCEEDED)
    gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
  else if (state == STUDIO_TASK_STATE_FAILED || state == STUDIO_TASK_STATE_TIMED_OUT)
    gtk_widget_add_css_class (GTK_WIDGET (icon), "error");
  gtk_label_set_text (title, base);
  gtk_label_set_text (subtitle, text);
  label = g_strdup_printf ("%s, %s", base, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  StudioTask *task = gtk_list_item_get_item (item);

  update_row (item);
  /* A task's notifies come a few at a time: state, exit status, kept. */
  g_signal_connect_object (task, "notify", G_CALLBACK (update_row), item, G_CONNECT_SWAPPED);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  StudioTask *task = gtk_list_item_get_item (item);

  if (task != NULL)
    g_signal_handlers_disconnect_by_data (task, item);
}

/* ---- the selected task ------------------------------------------------------------- */

/* Output as a terminal wants it: a line feed also returns the carriage. */
static void
feed (StudioTasksPage *self,
      const char      *data,
      gsize            len)
{
  g_autoptr(GString) s = g_string_sized_new (len + len / 16);

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
        g_string_append_c (s, '\r');
      g_string_append_c (s, data[i]);
    }
  vte_terminal_feed (self->output, s->str, s->len);
}

static void
on_output (StudioTask      *task,
           GBytes          *bytes,
           StudioTasksPage *self)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  feed (self, data, len);
}

static void
update_actions (StudioTasksPage *self)
{
  StudioTask *task = self->shown;
  StudioTaskState state = task ? studio_task_get_state (task) : STUDIO_TASK_STATE_FAILED;
  StudioRegion *region = task ? studio_task_get_region (task) : NULL;
  StudioWorker *worker = region && task && studio_task_get_worker_name (task)
    ? studio_region_find_worker (region, studio_task_get_worker_name (task)) : NULL;
  gboolean ready = worker != NULL && studio_worker_get_state (worker) == STUDIO_WORKER_STATE_READY &&
                   (studio_task_get_kept (task) || !studio_task_state_is_final (state));
  gboolean final = task != NULL && studio_task_state_is_final (state);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.cancel", task != NULL && !final);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.open-notebook",
                                 task != NULL && studio_task_get_output_notebook (task) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.jupyter", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.terminal", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.run-again", task != NULL && region != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.remove", final);
  /* What does not apply to this task is not shown at all. */
  gtk_widget_set_visible (self->cancel_button, task != NULL && !final);
  gtk_widget_set_visible (self->notebook_button, task != NULL && studio_task_get_output_notebook (task) != NULL);
  gtk_widget_set_visible (self->jupyter_button, ready);
  gtk_widget_set_visible (self->terminal_button, ready);
}

static void
update_details (StudioTasksPage *self)
{
  g_autofree char *text = NULL;
  const char *message;

  if (self->shown == NULL)
    return;
  text = describe (self->shown);
  message = studio_task_get_message (self->shown);
  if (message != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", text, message);
      gtk_label_set_text (self->state_label, both);
    }
  else
    gtk_label_set_text (self->state_label, text);
  update_actions (self);
}

static void
show_task (StudioTasksPage *self,
           StudioTask      *task)
{
  if (self->shown == task)
    return;
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_set_object (&self->shown, task);
  vte_terminal_reset (self->output, TRUE, TRUE);
  vte_terminal_feed (self->output, "\033[H\033[2J\033[3J", -1);
  if (task == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "none");
      update_actions (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->details_stack, "task");
  {
    g_autofree char *base = g_path_get_basename (studio_task_get_file (task));
    g_autofree char *dir = g_path_get_dirname (studio_task_get_file (task));

    gtk_label_set_text (self->title_label, base);
    gtk_label_set_text (self->path_label, dir);
  }
  /* A log, not a prompt: no cursor. */
  vte_terminal_feed (self->output, "\033[?25l", -1);
  /* What is kept so far, then what comes. */
  {
    g_autofree char *path = studio_task_dup_log_path (task);
    g_autofree char *data = NULL;
    gsize len = 0;

    if (g_file_get_contents (path, &data, &len, NULL))
      feed (self, data, len);
    else if (!studio_task_get_capture (task))
      feed (self, _("(This task's output is not kept: it shows here only while the task runs.)\n"), -1);
  }
  g_signal_connect (task, "output", G_CALLBACK (on_output), self);
  g_signal_connect_swapped (task, "notify", G_CALLBACK (update_details), self);
  update_details (self);
}

static void
on_selection (StudioTasksPage *self)
{
  show_task (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_items_changed (StudioTasksPage *self)
{
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->tasks)) ? "list" : "empty");
}

static gboolean
tick (gpointer user_data)
{
  StudioTasksPage *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  /* Running tasks' durations move on: their rows and details again. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      if (studio_task_get_state (task) == STUDIO_TASK_STATE_RUNNING)
        g_object_notify (G_OBJECT (task), "state");
    }
  return G_SOURCE_CONTINUE;
}

/* ---- actions ----------------------------------------------------------------------- */

static void
show_error (StudioTasksPage *self,
            const char      *heading,
            const GError    *error)
{
  StudioWindow *window = get_window (self);

  if (window != NULL)
    studio_window_show_error (window, heading, error);
}

static void
on_run (StudioRunTaskDialog *dialog,
        StudioTask          *task,
        StudioTasksPage     *self)
{
  studio_tasks_run (self->tasks, task);
  if (get_window (self) != NULL)
    studio_window_show_task (get_window (self), studio_task_get_id (task));
  else
    studio_tasks_page_select_task (self, studio_task_get_id (task));
}

static void
open_dialog (StudioTasksPage *self,
             StudioTask      *like)
{
  StudioRunTaskDialog *dialog = studio_run_task_dialog_new (studio_application_get_regions (self->app),
                                                            studio_application_get_settings (self->app), like);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "run", G_CALLBACK (on_run), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_dialog (STUDIO_TASKS_PAGE (widget), NULL);
}

static void
run_again_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioTasksPage *self = STUDIO_TASKS_PAGE (widget);

  if (self->shown != NULL)
    open_dialog (self, self->shown);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StudioTasksPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_task_cancel_finish (STUDIO_TASK (object), result, &error))
    show_error (self, _("Could Not Cancel the Task"), error);
}

static void
cancel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioTasksPage *self = STUDIO_TASKS_PAGE (widget);

  if (self->shown != NULL)
    studio_task_cancel_async (self->shown, NULL, cancelled_cb, g_object_ref (self));
}

static StudioWorker *
kept_worker (StudioTasksPage *self,
             StudioRegion   **region)
{
  *region = self->shown ? studio_task_get_region (self->shown) : NULL;
  if (*region == NULL || studio_task_get_worker_name (self->shown) == NULL)
    return NULL;
  return studio_region_find_worker (*region, studio_task_get_worker_name (self->shown));
}

static void
jupyter_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioTasksPage *self = STUDIO_TASKS_PAGE (widget);
  StudioRegion *region;
  StudioWorker *worker = kept_worker (self, &region);

  if (worker != NULL && get_window (self) != NULL)
    studio_window_open_jupyter (get_window (self), region, worker);
}

static void
terminal_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioTasksPage *self = STUDIO_TASKS_PAGE (widget);
  StudioRegion *region;
  StudioWorker *worker = kept_worker (self, &region);

  if (worker != NULL && get_window (self) != NULL)
    studio_window_open_terminal (get_window (self), region, worker);
}

static void
open_notebook_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioTasksPage *self = STUDIO_TASKS_PAGE (widget);
  StudioRegion *region;
  StudioWorker *worker = kept_worker (self, &region);
  const char *local = self->shown ? studio_task_get_output_notebook (self->shown) : NULL;

  if (local == NULL)
    return;
  if (worker != NULL && studio_worker_get_state (worker) == STUDIO_WORKER_STATE_READY && get_window (self) != NULL)
    {
      /* On the kept worker, next to what it ran. */
      g_autofree char *base = g_path_get_basename (local);
      g_autofree char *path = g_build_filename ("task", base, NULL);

      studio_window_open_jupyter_path (get_window (self), region, worker, path);
      return;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path (local);
    g_autofree char *uri = g_file_get_uri (file);

    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
  }
}

static void
remove_response (AdwMessageDialog *dialog,
                 const char       *response,
                 StudioTasksPage  *self)
{
  g_autoptr(GError) error = NULL;
  StudioTask *task = g_object_get_data (G_OBJECT (dialog), "task");

  if (g_strcmp0 (response, "remove") != 0 || task == NULL)
    return;
  if (!studio_task_remove (task, &error))
    show_error (self, _("Could Not Remove the Task"), error);
  else
    studio_tasks_reload (self->tasks);
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioTasksPage *self = STUDIO_TASKS_PAGE (widget);
  g_autofree char *base = NULL;
  GtkWidget *dialog;

  if (self->shown == NULL)
    return;
  base = g_path_get_basename (studio_task_get_file (self->shown));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Remove Task?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The record of %s, its output and its output notebook are deleted from this "
                                    "computer. Its worker is not touched."), base);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "task", g_object_ref (self->shown), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the widget -------------------------------------------------------------------- */

static void
studio_tasks_page_dispose (GObject *object)
{
  StudioTasksPage *self = STUDIO_TASKS_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  if (self->tasks != NULL)
    g_signal_handlers_disconnect_by_data (self->tasks, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tasks);
  G_OBJECT_CLASS (studio_tasks_page_parent_class)->dispose (object);
}

static void
studio_tasks_page_class_init (StudioTasksPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_tasks_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-tasks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, notebook_button);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, jupyter_button);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, terminal_button);
  gtk_widget_class_bind_template_child (widget_class, StudioTasksPage, output_scroller);

  gtk_widget_class_install_action (widget_class, "tasks.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "tasks.run-again", NULL, run_again_action);
  gtk_widget_class_install_action (widget_class, "tasks.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "tasks.open-notebook", NULL, open_notebook_action);
  gtk_widget_class_install_action (widget_class, "tasks.jupyter", NULL, jupyter_action);
  gtk_widget_class_install_action (widget_class, "tasks.terminal", NULL, terminal_action);
  gtk_widget_class_install_action (widget_class, "tasks.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "tasks.run", NULL);
}

static void
studio_tasks_page_init (StudioTasksPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->output = VTE_TERMINAL (vte_terminal_new ());
  vte_terminal_set_input_enabled (self->output, FALSE);
  vte_terminal_set_scrollback_lines (self->output, 100000);
  vte_terminal_set_cursor_blink_mode (self->output, VTE_CURSOR_BLINK_OFF);
  gtk_widget_set_vexpand (GTK_WIDGET (self->output), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->output), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Task Output"), -1);
  gtk_scrolled_window_set_child (self->output_scroller, GTK_WIDGET (self->output));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  update_actions (self);
}

StudioTasksPage *
studio_tasks_page_new (StudioApplication *app)
{
  StudioTasksPage *self = g_object_new (STUDIO_TYPE_TASKS_PAGE, NULL);

  self->app = app;
  self->tasks = g_object_ref (studio_application_get_tasks (app));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tasks)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection), self);
  g_signal_connect_swapped (self->tasks, "items-changed", G_CALLBACK (on_items_changed), self);
  on_items_changed (self);
  self->tick_id = g_timeout_add_seconds (1, tick, self);
  return self;
}

/**
 * studio_tasks_page_select_task:
 * @self: the page
 * @id: a task's id
 *
 * Selects the task, showing its output.
 */
void
studio_tasks_page_select_task (StudioTasksPage *self,
                               const char      *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      if (g_str_equal (studio_task_get_id (task), id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

GtkWidget *
studio_tasks_page_get_output (StudioTasksPage *self)
{
  return GTK_WIDGET (self->output);
}
