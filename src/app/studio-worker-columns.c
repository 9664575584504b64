/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The worker list's columns: each cell follows the properties of its worker
 * that it shows (a change of another leaves it alone), and the time-based
 * ones (age, idle countdown) follow the page's tick. Cells are light: a
 * list of hundreds binds a few hundred rows at a time. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-workers-page-private.h"

typedef GtkWidget *(*CellCreate) (void);
typedef void       (*CellUpdate) (StudioWorkersPage *page,
                                  GtkWidget         *cell,
                                  StudioWorker      *worker);

typedef struct
{
  StudioWorkersPage *page;
  CellCreate create;
  CellUpdate update;
  const char * const *shows;   /* the worker's properties the cell shows */
  gboolean ticks;
} Column;

static gboolean
on_query_tooltip (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  const char *tip = g_object_get_data (G_OBJECT (cell), "tip");

  if (tip == NULL || *tip == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, tip);
  return TRUE;
}

/* A cell's tooltip, read when it is about to show: setting a widget's
 * tooltip text at each bind cost a tenth of a long list's first frame. */
static void
set_tip (GtkWidget  *cell,
         const char *tip)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (cell), "tip"), tip) != 0)
    g_object_set_data_full (G_OBJECT (cell), "tip", g_strdup (tip), g_free);
}

static void
refresh_cell (GtkWidget *cell)
{
  Column *column = g_object_get_data (G_OBJECT (cell), "column");
  StudioWorker *worker = g_object_get_data (G_OBJECT (cell), "worker");

  if (worker != NULL)
    column->update (column->page, cell, worker);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          Column                   *column)
{
  GtkWidget *cell = column->create ();

  g_object_set_data (G_OBJECT (cell), "column", column);
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  StudioWorker *worker = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (cell), "worker", worker);
  for (guint i = 0; column->shows[i] != NULL; i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", column->shows[i], NULL);
      g_signal_connect_object (worker, signal, G_CALLBACK (refresh_cell), cell, G_CONNECT_SWAPPED);
    }
  if (column->ticks)
    g_signal_connect_object (column->page, "tick", G_CALLBACK (refresh_cell), cell, G_CONNECT_SWAPPED);
  refresh_cell (cell);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  StudioWorker *worker = gtk_list_item_get_item (item);

  g_signal_handlers_disconnect_by_data (worker, cell);
  if (column->ticks)
    g_signal_handlers_disconnect_by_data (column->page, cell);
  g_object_set_data (G_OBJECT (cell), "worker", NULL);
}

static void
add_column (StudioWorkersPage  *self,
            const char         *title,
            CellCreate          create,
            CellUpdate          update,
            const char * const *shows,
            gboolean            ticks,
            gboolean            expand,
            int                 fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  Column *column = g_new0 (Column, 1);
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  column->page = self;
  column->create = create;
  column->update = update;
  column->shows = shows;
  column->ticks = ticks;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), column);
  g_object_set_data_full (G_OBJECT (factory), "column", column, g_free);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (self->column_view, view_column);
}

static GtkWidget *
create_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
update_name (StudioWorkersPage *page, GtkWidget *cell, StudioWorker *worker)
{
  gtk_label_set_label (GTK_LABEL (cell), studio_worker_get_name (worker));
}

/* ---- state: a spinner or progress bar while busy, with the current step ---- */

/* A label in a box; the spinner and the bar join it the first time the
 * worker is busy (most never are while shown). */
static GtkWidget *
create_state (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = create_label ();

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), "label", label);
  return box;
}

/* The busy parts: a spinner before the label, a bar below it. */
static void
add_busy_parts (GtkWidget *box)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "label");
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *bar = gtk_progress_bar_new ();

  g_object_ref (label);
  gtk_box_remove (GTK_BOX (box), label);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (box), 4);
  gtk_box_append (GTK_BOX (line), spinner);
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), bar);
  g_object_unref (label);
  g_object_set_data (G_OBJECT (box), "spinner", spinner);
  g_object_set_data (G_OBJECT (box), "bar", bar);
}

static void
update_state (StudioWorkersPage *page, GtkWidget *cell, StudioWorker *worker)
{
  GtkWidget *spinner = g_object_get_data (G_OBJECT (cell), "spinner");
  GtkWidget *label = g_object_get_data (G_OBJECT (cell), "label");
  GtkWidget *bar = g_object_get_data (G_OBJECT (cell), "bar");
  StudioWorkerState state = studio_worker_get_state (worker);
  const char *step = studio_worker_get_progress_text (worker);
  double fraction = studio_worker_get_progress_fraction (worker);
  gboolean busy = studio_worker_state_is_busy (state);
  g_autofree char *text = NULL;

  if (busy && step != NULL)
    text = g_strdup_printf ("%s: %s", studio_worker_state_get_label (state), step);
  else
    text = g_strdup (studio_worker_state_get_label (state));

  gtk_label_set_label (GTK_LABEL (label), text);
  set_tip (cell, state == STUDIO_WORKER_STATE_FAILED ? studio_worker_get_message (worker) : text);
  if (busy && spinner == NULL)
    {
      add_busy_parts (cell);
      spinner = g_object_get_data (G_OBJECT (cell), "spinner");
      bar = g_object_get_data (G_OBJECT (cell), "bar");
    }
  if (spinner != NULL)
    {
      studio_spinner_set_busy (GTK_SPINNER (spinner), busy && fraction < 0);
      gtk_widget_set_visible (spinner, busy && fraction < 0);
      gtk_widget_set_visible (bar, busy && fraction >= 0);
      if (fraction >= 0)
        gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fraction);
    }

  gtk_widget_remove_css_class (label, "worker-state-failed");
  gtk_widget_remove_css_class (label, "worker-state-ready");
  if (state == STUDIO_WORKER_STATE_FAILED)
    gtk_widget_add_css_class (label, "worker-state-failed");
  else if (state == STUDIO_WORKER_STATE_READY)
    gtk_widget_add_css_class (label, "worker-state-ready");

  /* Screen readers hear the worker and its state together. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update_size (StudioWorkersPage *page, GtkWidget *cell, StudioWorker *worker)
{
  StudioSize *size = page->region ? studio_region_find_size (page->region, studio_worker_get_size (worker)) : NULL;

  if (size != NULL)
    {
      g_autofree char *resources = studio_size_describe_resources (size);
      gtk_label_set_label (GTK_LABEL (cell), studio_size_get_name (size));
      set_tip (cell, resources);
    }
  else if (g_strcmp0 (studio_worker_get_size (worker), "default") == 0)
    gtk_label_set_label (GTK_LABEL (cell), _("Default"));
  else
    gtk_label_set_label (GTK_LABEL (cell), studio_worker_get_size (worker) ?: "—");
}

static GtkWidget *
create_image_label (void)
{
  GtkWidget *label = create_label ();

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  return label;
}

static void
update_image (StudioWorkersPage *page, GtkWidget *cell, StudioWorker *worker)
{
  gtk_label_set_label (GTK_LABEL (cell), studio_worker_get_image (worker));
  set_tip (cell, studio_worker_get_image (worker));
}

static void
update_age (StudioWorkersPage *page, GtkWidget *cell, StudioWorker *worker)
{
  GDateTime *created = studio_worker_get_created (worker);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  gint64 minutes;

  if (created == NULL)
    {
      gtk_label_set_label (GTK_LABEL (cell), "—");
      return;
    }
  minutes = MAX (0, g_date_time_difference (now, created) / G_TIME_SPAN_MINUTE);
  if (minutes < 1)
    text = g_strdup (_("Just now"));
  else if (minutes < 60)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes), (int) minutes);
  else if (minutes < 48 * 60)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", minutes / 60), (int) (minutes / 60));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", minutes / 1440), (int) (minutes / 1440));
  gtk_label_set_label (GTK_LABEL (cell), text);
}

static void
update_shutdown (StudioWorkersPage *page, GtkWidget *cell, StudioWorker *worker)
{
  gint64 left = studio_worker_get_seconds_left (worker);
  g_autofree char *text = NULL;

  if (!studio_region_can (page->region, STUDIO_REGION_CAPABILITIES_AUTO_SHUTDOWN))
    text = g_strdup ("—");   /* a hub's own idle culler decides */
  else if (studio_worker_get_auto_shutdown_minutes (worker) == 0)
    text = g_strdup (_("Off"));
  else if (left < 0)
    text = g_strdup ("—");
  else if (left == 0 && studio_worker_get_busy_kernels (worker) > 0)
    {
      /* Short, for the column; the tooltip says the rest. */
      gtk_label_set_label (GTK_LABEL (cell), _("Busy kernel"));
      set_tip (cell, _("Idle time is up, but a kernel is running work, so the worker "
                                           "keeps running until it finishes"));
      return;
    }
  else if (left == 0)
    text = g_strdup (_("Shutting down"));
  else if (left >= 3600)
    text = g_strdup_printf ("%d:%02d:%02d", (int) (left / 3600), (int) (left / 60 % 60), (int) (left % 60));
  else
    text = g_strdup_printf ("%d:%02d", (int) (left / 60), (int) (left % 60));
  gtk_label_set_label (GTK_LABEL (cell), text);
  set_tip (cell, _("Time left before the worker stops itself for being idle"));
}

void
studio_workers_page_add_columns (StudioWorkersPage *self)
{
  static const char * const name[] = { "name", NULL };
  static const char * const state[] = { "state", "progress-text", "progress-fraction", "message", NULL };
  static const char * const size[] = { "size", NULL };
  static const char * const image[] = { "image", NULL };
  static const char * const age[] = { "created", NULL };
  static const char * const shutdown[] = { "state", "last-activity", "auto-shutdown-minutes", "busy-kernels", NULL };

  add_column (self, _("Name"), create_label, update_name, name, FALSE, TRUE, -1);
  add_column (self, _("State"), create_state, update_state, state, FALSE, TRUE, -1);
  add_column (self, _("Size"), create_label, update_size, size, FALSE, FALSE, 100);
  add_column (self, _("Image"), create_image_label, update_image, image, FALSE, TRUE, -1);
  add_column (self, _("Age"), create_label, update_age, age, TRUE, FALSE, 110);
  add_column (self, _("Shuts Down In"), create_label, update_shutdown, shutdown, TRUE, FALSE, 130);
}
