/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A shell on a worker: a VteTerminal wired to a Jupyter terminal. When the
 * channel drops, the text stays, the page reattaches to the same shell by
 * itself (after 1, 2, then every 4 s, for half a minute: a tunnel that
 * comes back, a network that returns), and a banner says so and offers
 * Reconnect. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-terminal-page.h"
#include "studio-worker-state-page.h"

#define PCRE2_CASELESS  0x00000008u
#define PCRE2_MULTILINE 0x00000400u
#define PCRE2_UTF       0x00080000u

struct _StudioTerminalPage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkRevealer *banner;
  GtkLabel *banner_label;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkScrolledWindow *scroller;

  VteTerminal *terminal;
  StudioWorkerStatePage *state_page;
  StudioTerminalChannel *channel;
  StudioRegion *region;
  StudioWorker *worker;
  gboolean size_pending;  /* a look at the size, after the next frame */
  GSettings *settings;
  GCancellable *cancellable;
  char *title;
  GIcon *icon;
  gboolean connecting;
  glong sent_rows, sent_columns;
  guint retry_id;
  guint retries;         /* automatic ones since the connection was lost */
  char *shell;           /* a shell of the worker to attach to first (a restored tab's) */
  gboolean keep_shell;   /* the app ends: the shell stays, for the next start's tab */
};

#define MAX_RETRIES 9

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LOADING,
  PROP_ICON,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void studio_terminal_page_tab_init (StudioTabInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioTerminalPage, studio_terminal_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (STUDIO_TYPE_TAB, studio_terminal_page_tab_init))

static void
set_connecting (StudioTerminalPage *self,
                gboolean            connecting)
{
  if (self->connecting == connecting)
    return;
  self->connecting = connecting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_banner (StudioTerminalPage *self,
             const char         *text)
{
  gtk_label_set_label (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner, text != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "terminal.reconnect", text != NULL);
}

static void
on_output (StudioTerminalChannel *channel,
           GBytes                *bytes,
           StudioTerminalPage    *self)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  vte_terminal_feed (self->terminal, data, len);
}

static void
on_commit (VteTerminal        *terminal,
           const char         *text,
           guint               size,
           StudioTerminalPage *self)
{
  if (studio_terminal_page_get_connected (self))
    studio_terminal_channel_send (self->channel, text, size);
}

static void drop_channel (StudioTerminalPage *self);

static gboolean
retry_tick (gpointer user_data)
{
  StudioTerminalPage *self = user_data;

  self->retry_id = 0;
  studio_terminal_page_reconnect (self);
  return G_SOURCE_REMOVE;
}

/* Tries again by itself for a while; FALSE once it has given up. */
static gboolean
schedule_retry (StudioTerminalPage *self)
{
  if (self->retries >= MAX_RETRIES || self->retry_id != 0)
    return self->retry_id != 0;
  self->retries++;
  self->retry_id = g_timeout_add (self->retries == 1 ? 1000 : self->retries == 2 ? 2000 : 4000, retry_tick, self);
  return TRUE;
}

static void
on_closed (StudioTerminalChannel *channel,
           gboolean               ended,
           StudioTerminalPage    *self)
{
  if (ended)
    {
      /* That shell cannot come back: Reconnect starts a new one. */
      drop_channel (self);
      show_banner (self, _("The shell on the worker has ended. Reconnect opens a new one."));
    }
  else if (studio_worker_state_page_get_phase (self->state_page) == STUDIO_WORKER_PHASE_RUNNING)
    {
      self->retries = 0;
      schedule_retry (self);
      show_banner (self, _("The connection to the worker was lost; reconnecting to its shell…"));
    }
  /* else the worker went away: its page says so, and the shell comes back with it. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

/* The worker follows the terminal's size: looked at after each layout of
 * the page (a window resized, a font scaled), so that an idle terminal
 * leaves the frame clock idle. */
static void
send_size_if_changed (StudioTerminalPage *self)
{
  glong rows, columns;

  if (self->terminal == NULL || !studio_terminal_page_get_connected (self))
    return;
  rows = vte_terminal_get_row_count (self->terminal);
  columns = vte_terminal_get_column_count (self->terminal);
  if (rows != self->sent_rows || columns != self->sent_columns)
    {
      self->sent_rows = rows;
      self->sent_columns = columns;
      studio_terminal_channel_set_size (self->channel, rows, columns);
    }
}

/* Letters of another size (a zoom) change the rows and columns without a
 * new layout of the page: look once, after the next frame's layout. */
static void
after_frame (GdkFrameClock      *clock,
             StudioTerminalPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_frame, self);
  self->size_pending = FALSE;
  send_size_if_changed (self);
}

static void
on_char_size_changed (StudioTerminalPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->terminal));

  if (clock == NULL || self->size_pending)
    return;
  self->size_pending = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_frame), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->terminal));
}

static void
studio_terminal_page_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  GTK_WIDGET_CLASS (studio_terminal_page_parent_class)->size_allocate (widget, width, height, baseline);
  send_size_if_changed (STUDIO_TERMINAL_PAGE (widget));
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StudioTerminalPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_terminal_channel_connect_finish (STUDIO_TERMINAL_CHANNEL (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_connecting (self, FALSE);
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
        {
          /* That shell is gone (the worker restarted): carry on in a new one, and say so. */
          static const char notice[] = "\r\n\033[1m[The previous shell has ended; this is a new one.]\033[0m\r\n";

          drop_channel (self);
          vte_terminal_feed (self->terminal, notice, -1);
          studio_terminal_page_reconnect (self);
          return;
        }
      if (self->retries > 0 && schedule_retry (self))
        return;   /* the banner still says it is reconnecting */
      show_banner (self, error->message);
      return;
    }
  set_connecting (self, FALSE);
  self->retries = 0;
  show_banner (self, NULL);
  /* The size at once, before anything is typed (a busy machine may draw
   * the next frame late); each layout follows changes from here on. */
  self->sent_rows = vte_terminal_get_row_count (self->terminal);
  self->sent_columns = vte_terminal_get_column_count (self->terminal);
  studio_terminal_channel_set_size (self->channel, self->sent_rows, self->sent_columns);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
drop_channel (StudioTerminalPage *self)
{
  if (self->channel == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->channel, self);
  g_clear_object (&self->channel);
}

static void
ensure_channel (StudioTerminalPage *self)
{
  g_autoptr(StudioJupyter) jupyter = NULL;

  if (self->channel != NULL)
    return;
  jupyter = studio_region_open_jupyter (self->region, self->worker);
  self->channel = studio_terminal_channel_new (jupyter, self->shell);
  g_clear_pointer (&self->shell, g_free);   /* once: after that, the channel's own */
  g_signal_connect (self->channel, "output", G_CALLBACK (on_output), self);
  g_signal_connect (self->channel, "closed", G_CALLBACK (on_closed), self);
}

/* Reattaches to the same shell when it still exists, or starts a new one. */
void
studio_terminal_page_reconnect (StudioTerminalPage *self)
{
  g_return_if_fail (STUDIO_IS_TERMINAL_PAGE (self));

  if (self->connecting || studio_terminal_page_get_connected (self))
    return;
  ensure_channel (self);
  set_connecting (self, TRUE);
  studio_terminal_channel_connect_async (self->channel, self->cancellable, connected_cb, g_object_ref (self));
}

VteTerminal *
studio_terminal_page_get_terminal (StudioTerminalPage *self)
{
  g_return_val_if_fail (STUDIO_IS_TERMINAL_PAGE (self), NULL);
  return self->terminal;
}

StudioTerminalChannel *
studio_terminal_page_get_channel (StudioTerminalPage *self)
{
  g_return_val_if_fail (STUDIO_IS_TERMINAL_PAGE (self), NULL);
  return self->channel;
}

gboolean
studio_terminal_page_get_connected (StudioTerminalPage *self)
{
  g_return_val_if_fail (STUDIO_IS_TERMINAL_PAGE (self), FALSE);
  return self->channel != NULL && studio_terminal_channel_get_connected (self->channel);
}

/* ---- copy, paste, zoom, search --------------------------------------------- */

static void
copy_action (GtkWidget *widget, const char *name, GVariant *param)
{
  vte_terminal_copy_clipboard_format (STUDIO_TERMINAL_PAGE (widget)->terminal, VTE_FORMAT_TEXT);
}

static void
paste_action (GtkWidget *widget, const char *name, GVariant *param)
{
  vte_terminal_paste_clipboard (STUDIO_TERMINAL_PAGE (widget)->terminal);
}

static void
zoom (StudioTerminalPage *self,
      double              factor)
{
  double scale = factor == 0 ? 1.0 : CLAMP (vte_terminal_get_font_scale (self->terminal) * factor, 0.5, 4.0);

  vte_terminal_set_font_scale (self->terminal, scale);
  g_settings_set_double (self->settings, "terminal-font-scale", scale);
}

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom (STUDIO_TERMINAL_PAGE (widget), 1.1);
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom (STUDIO_TERMINAL_PAGE (widget), 1 / 1.1);
}

static void
zoom_reset_action (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom (STUDIO_TERMINAL_PAGE (widget), 0);
}

static void
on_search_changed (StudioTerminalPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *pattern = g_regex_escape_string (text, -1);
  g_autoptr(VteRegex) regex = NULL;

  if (*text != '\0')
    regex = vte_regex_new_for_search (pattern, -1, PCRE2_UTF | PCRE2_MULTILINE | PCRE2_CASELESS, NULL);
  vte_terminal_search_set_regex (self->terminal, regex, 0);
  vte_terminal_search_set_wrap_around (self->terminal, TRUE);
  if (regex != NULL)
    vte_terminal_search_find_previous (self->terminal);
}

static void
find_next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  vte_terminal_search_find_next (STUDIO_TERMINAL_PAGE (widget)->terminal);
}

static void
find_previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  vte_terminal_search_find_previous (STUDIO_TERMINAL_PAGE (widget)->terminal);
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioTerminalPage *self = STUDIO_TERMINAL_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_stopped (StudioTerminalPage *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->terminal));
}

static void
reconnect_action (GtkWidget *widget, const char *name, GVariant *param)
{
  studio_terminal_page_reconnect (STUDIO_TERMINAL_PAGE (widget));
}

/* ---- GObject ----------------------------------------------------------------- */

static gboolean
studio_terminal_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (STUDIO_TERMINAL_PAGE (widget)->terminal));
}

static void
studio_terminal_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioTerminalPage *self = STUDIO_TERMINAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_LOADING: g_value_set_boolean (value, self->connecting); break;
    case PROP_ICON: g_value_set_object (value, self->icon); break;
    case PROP_CONNECTED: g_value_set_boolean (value, studio_terminal_page_get_connected (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_terminal_page_dispose (GObject *object)
{
  StudioTerminalPage *self = STUDIO_TERMINAL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->channel != NULL)
    {
      /* Closing the tab ends its shell, as closing a terminal window does;
       * the app ending keeps it for the tab the next start restores. */
      g_signal_handlers_disconnect_by_data (self->channel, self);
      if (studio_terminal_channel_get_terminal_name (self->channel) != NULL && !self->keep_shell)
        studio_terminal_channel_terminate_async (self->channel, NULL, NULL, NULL);
      g_clear_object (&self->channel);
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->region);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);
  g_clear_object (&self->icon);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->shell, g_free);
  G_OBJECT_CLASS (studio_terminal_page_parent_class)->dispose (object);
}

static void
studio_terminal_page_class_init (StudioTerminalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_terminal_page_dispose;
  object_class->get_property = studio_terminal_page_get_property;
  widget_class->grab_focus = studio_terminal_page_grab_focus;
  widget_class->size_allocate = studio_terminal_page_size_allocate;

  /* A tab's (studio-tab.h), and its own. */
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");
  g_object_class_override_property (object_class, PROP_ICON, "icon");
  properties[PROP_TITLE] = g_object_class_find_property (object_class, "title");
  properties[PROP_LOADING] = g_object_class_find_property (object_class, "loading");
  properties[PROP_ICON] = g_object_class_find_property (object_class, "icon");
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_CONNECTED, properties[PROP_CONNECTED]);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-terminal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioTerminalPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioTerminalPage, banner);
  gtk_widget_class_bind_template_child (widget_class, StudioTerminalPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTerminalPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioTerminalPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioTerminalPage, scroller);

  gtk_widget_class_install_action (widget_class, "terminal.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "terminal.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "terminal.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "terminal.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "terminal.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "terminal.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "terminal.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "terminal.find-previous", NULL, find_previous_action);
  gtk_widget_class_install_action (widget_class, "terminal.reconnect", NULL, reconnect_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "terminal.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "terminal.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "terminal.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "terminal.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "terminal.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "terminal.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "terminal.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "terminal.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "terminal.find-previous", NULL);
}

static void
studio_terminal_page_init (StudioTerminalPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->terminal = VTE_TERMINAL (vte_terminal_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->terminal), TRUE);
  vte_terminal_set_scrollback_lines (self->terminal, 10000);
  vte_terminal_set_scroll_on_keystroke (self->terminal, TRUE);
  vte_terminal_set_mouse_autohide (self->terminal, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->terminal), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Terminal"), -1);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->terminal));
  g_signal_connect (self->terminal, "commit", G_CALLBACK (on_commit), self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (vte_terminal_search_find_previous), self->terminal);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_search_stopped), self);
  self->icon = g_themed_icon_new ("utilities-terminal-symbolic");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "terminal.reconnect", FALSE);
}

/* The tab follows its worker: its own page while the worker is not there
 * (the text kept behind it), and the shell again once it is back (the same
 * one when it still runs, else a new one, which the text says). */
static void
on_phase (StudioTerminalPage *self)
{
  if (studio_worker_state_page_get_phase (self->state_page) != STUDIO_WORKER_PHASE_RUNNING)
    {
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->state_page));
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->retries = MAX_RETRIES;   /* no tries of its own until the worker is back */
      show_banner (self, NULL);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "terminal");
  self->retries = 0;
  studio_terminal_page_reconnect (self);
}

/* @shell: (nullable): the name of a shell of the worker to attach to (a
 * restored tab's); a new one when it is gone, or for %NULL */
StudioTerminalPage *
studio_terminal_page_new (StudioRegion *region,
                          StudioWorker *worker,
                          GSettings    *settings,
                          const char   *shell)
{
  StudioTerminalPage *self = g_object_new (STUDIO_TYPE_TERMINAL_PAGE, NULL);

  self->shell = g_strdup (shell);
  self->region = g_object_ref (region);
  self->worker = g_object_ref (worker);
  self->settings = g_object_ref (settings);
  self->title = g_strdup_printf (_("%s · Terminal"), studio_worker_get_name (worker));
  vte_terminal_set_font_scale (self->terminal, g_settings_get_double (settings, "terminal-font-scale"));
  g_signal_connect_swapped (self->terminal, "char-size-changed", G_CALLBACK (on_char_size_changed), self);
  self->state_page = studio_worker_state_page_new (region, worker);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->state_page), "state");
  g_signal_connect_object (self->state_page, "notify::phase", G_CALLBACK (on_phase), self, G_CONNECT_SWAPPED);
  on_phase (self);
  return self;
}

/* The name of the worker's shell this tab shows, or NULL before it has one. */
const char *
studio_terminal_page_get_shell (StudioTerminalPage *self)
{
  g_return_val_if_fail (STUDIO_IS_TERMINAL_PAGE (self), NULL);
  if (self->channel != NULL && studio_terminal_channel_get_terminal_name (self->channel) != NULL)
    return studio_terminal_channel_get_terminal_name (self->channel);
  return self->shell;
}

/* The app ends with this tab open: its shell outlives it, for the tab the
 * next start restores. */
void
studio_terminal_page_keep_shell (StudioTerminalPage *self)
{
  g_return_if_fail (STUDIO_IS_TERMINAL_PAGE (self));
  self->keep_shell = TRUE;
}

/* ---- a tab of the window (studio-tab.h) ------------------------------------------- */

static StudioRegion *
tab_get_region (StudioTab *tab)
{
  return STUDIO_TERMINAL_PAGE (tab)->region;
}

static StudioWorker *
tab_get_worker (StudioTab *tab)
{
  return STUDIO_TERMINAL_PAGE (tab)->worker;
}

/* A terminal on this shell. */
static gboolean
tab_is (StudioTab  *tab,
        const char *kind,
        const char *id)
{
  return g_strcmp0 (kind, "terminal") == 0 && id != NULL &&
         g_strcmp0 (id, studio_terminal_page_get_shell (STUDIO_TERMINAL_PAGE (tab))) == 0;
}

/* Its shell outlives the app for the tab the next start opens. */
static char *
tab_save (StudioTab   *tab,
          const char **kind)
{
  StudioTerminalPage *self = STUDIO_TERMINAL_PAGE (tab);

  studio_terminal_page_keep_shell (self);
  *kind = "terminal";
  return g_strdup (studio_terminal_page_get_shell (self) ?: "");
}

static void
tab_reload (StudioTab *tab)
{
  studio_terminal_page_reconnect (STUDIO_TERMINAL_PAGE (tab));
}

static void
studio_terminal_page_tab_init (StudioTabInterface *iface)
{
  iface->get_region = tab_get_region;
  iface->get_worker = tab_get_worker;
  iface->is = tab_is;
  iface->save = tab_save;
  iface->reload = tab_reload;
}
