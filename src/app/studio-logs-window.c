/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A worker's logs: selectable, searchable, reloadable. */
#include <glib/gi18n.h>

#include "studio-logs-window.h"

struct _StudioLogsWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkToggleButton *search_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkTextView *text_view;

  StudioRegion *region;
  StudioWorker *worker;
  GCancellable *cancellable;
  GtkTextTag *match_tag;
  GtkTextMark *last_match;
};

G_DEFINE_FINAL_TYPE (StudioLogsWindow, studio_logs_window, ADW_TYPE_WINDOW)

static void
logs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StudioLogsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *logs = studio_region_logs_finish (STUDIO_REGION (object), result, &error);
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  buffer = gtk_text_view_get_buffer (self->text_view);
  if (logs == NULL)
    gtk_text_buffer_set_text (buffer, error->message, -1);
  else
    gtk_text_buffer_set_text (buffer, *logs ? logs : _("The worker has not written anything yet."), -1);

  /* The newest lines are what people look for first. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer), 0, FALSE, 0, 0);
  studio_logs_window_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
reload_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioLogsWindow *self = STUDIO_LOGS_WINDOW (widget);

  studio_region_logs_async (self->region, self->worker, self->cancellable, logs_cb, g_object_ref (self));
}

/* Highlights every match and moves to the first; returns how many. */
guint
studio_logs_window_search (StudioLogsWindow *self,
                           const char       *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end, match_start, match_end;
  guint count = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->match_tag, &start, &end);
  if (text == NULL || *text == '\0')
    return 0;

  while (gtk_text_iter_forward_search (&start, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &match_start, &match_end, NULL))
    {
      gtk_text_buffer_apply_tag (buffer, self->match_tag, &match_start, &match_end);
      if (count++ == 0)
        {
          gtk_text_buffer_select_range (buffer, &match_start, &match_end);
          gtk_text_view_scroll_to_iter (self->text_view, &match_start, 0.1, FALSE, 0, 0);
        }
      start = match_end;
    }
  return count;
}

static void
find_next (StudioLogsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter from, match_start, match_end;

  if (*text == '\0')
    return;
  gtk_text_buffer_get_selection_bounds (buffer, NULL, &from);
  if (!gtk_text_iter_forward_search (&from, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &match_start, &match_end, NULL))
    {
      gtk_text_buffer_get_start_iter (buffer, &from);
      if (!gtk_text_iter_forward_search (&from, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &match_start, &match_end, NULL))
        return;
    }
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_iter (self->text_view, &match_start, 0.1, FALSE, 0, 0);
}

static void
on_search_changed (StudioLogsWindow *self)
{
  studio_logs_window_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

char *
studio_logs_window_get_text (StudioLogsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioLogsWindow *self = STUDIO_LOGS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
studio_logs_window_dispose (GObject *object)
{
  StudioLogsWindow *self = STUDIO_LOGS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->region);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (studio_logs_window_parent_class)->dispose (object);
}

static void
studio_logs_window_class_init (StudioLogsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_logs_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-logs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioLogsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StudioLogsWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, StudioLogsWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioLogsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioLogsWindow, text_view);

  gtk_widget_class_install_action (widget_class, "logs.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "logs.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "logs.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "logs.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
studio_logs_window_init (StudioLogsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->match_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->text_view), "match",
                                                "background", "#f8e45c", "foreground", "#000000", NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (find_next), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (find_next), self);
}

StudioLogsWindow *
studio_logs_window_new (StudioRegion *region,
                        StudioWorker *worker)
{
  StudioLogsWindow *self = g_object_new (STUDIO_TYPE_LOGS_WINDOW, NULL);
  g_autofree char *title = g_strdup_printf (_("Logs of %s"), studio_worker_get_name (worker));

  self->region = g_object_ref (region);
  self->worker = g_object_ref (worker);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, _("Startup script and Jupyter"));
  reload_action (GTK_WIDGET (self), NULL, NULL);
  return self;
}
