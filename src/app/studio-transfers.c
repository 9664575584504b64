/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's uploads and downloads: a button in the header bar, shown while
 * any runs, whose pie fills as the bytes go (as Files shows its operations),
 * and a popover with one row per transfer: what, how far, Cancel. A toast
 * when one ends, with Show; a dialog when one fails. */
#include <glib/gi18n.h>

#include "studio-transfers.h"
#include "studio-window.h"

struct _StudioTransfers
{
  AdwBin parent_instance;

  GtkMenuButton *button;
  GtkDrawingArea *pie;
  GtkListBox *list;
  GList *transfers;    /* Transfer, oldest first */
  guint refresh_id;
};

G_DEFINE_FINAL_TYPE (StudioTransfers, studio_transfers, ADW_TYPE_BIN)

typedef struct
{
  StudioTransfers *self;   /* NULL once the widget is gone */
  GtkWidget *window;       /* weak: the window whose toast shows the end */
  StudioRegion *region;
  StudioWorker *worker;
  GCancellable *cancellable;
  gboolean upload;
  char *what;              /* "data.csv", "3 items" */
  char *folder;            /* an upload's folder in the home ("" for the home) */
  GFile *destination;      /* a download's */
  guint parts, left;
  GError *error;           /* the first failure */
  guint64 *done, *total;   /* per part */
  GtkWidget *row;
  GtkProgressBar *bar;
  GtkLabel *detail;
} Transfer;

typedef struct
{
  Transfer *transfer;
  guint i;
} Part;

static void
transfer_free (Transfer *t)
{
  g_clear_weak_pointer (&t->window);
  g_clear_object (&t->region);
  g_clear_object (&t->worker);
  g_clear_object (&t->cancellable);
  g_clear_object (&t->destination);
  g_clear_error (&t->error);
  g_free (t->what);
  g_free (t->folder);
  g_free (t->done);
  g_free (t->total);
}

static Transfer *
transfer_ref (Transfer *t)
{
  return g_rc_box_acquire (t);
}

static void
transfer_unref (Transfer *t)
{
  g_rc_box_release_full (t, (GDestroyNotify) transfer_free);
}

static void
sums (Transfer *t,
      guint64  *done,
      guint64  *total)
{
  for (guint i = 0; i < t->parts; i++)
    {
      *done += t->done[i];
      *total += t->total[i];
    }
}

double
studio_transfers_get_fraction (StudioTransfers *self)
{
  guint64 done = 0, total = 0;

  g_return_val_if_fail (STUDIO_IS_TRANSFERS (self), 0);
  for (GList *l = self->transfers; l != NULL; l = l->next)
    sums (l->data, &done, &total);
  return total > 0 ? CLAMP ((double) done / total, 0, 1) : 0;
}

guint
studio_transfers_get_n_running (StudioTransfers *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSFERS (self), 0);
  return g_list_length (self->transfers);
}

static void
refresh_now (StudioTransfers *self)
{
  guint n = g_list_length (self->transfers);
  double fraction = studio_transfers_get_fraction (self);
  g_autofree char *tip = NULL;

  for (GList *l = self->transfers; l != NULL; l = l->next)
    {
      Transfer *t = l->data;
      guint64 done = 0, total = 0;
      g_autofree char *d = NULL, *all = NULL, *text = NULL;

      sums (t, &done, &total);
      d = g_format_size_full (done, G_FORMAT_SIZE_IEC_UNITS);
      all = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
      /* TRANSLATORS: bytes moved so far, of all, e.g. "12.5 MB of 40.0 MB" */
      text = g_strdup_printf (_("%s of %s"), d, all);
      gtk_progress_bar_set_fraction (t->bar, total > 0 ? (double) done / total : 0);
      gtk_label_set_text (t->detail, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u transfer, %.0f%% done", "%u transfers, %.0f%% done", n),
                         n, fraction * 100);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->pie));
}

static gboolean
refresh_cb (gpointer data)
{
  StudioTransfers *self = data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* Progress comes often (every chunk): the labels follow ten times a second. */
static void
queue_refresh (StudioTransfers *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (100, refresh_cb, self);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Part *part = user_data;
  Transfer *t = part->transfer;

  t->done[part->i] = done;
  t->total[part->i] = MAX (total, done);
  if (t->self != NULL)
    queue_refresh (t->self);
}

static void
part_free (Part *part)
{
  transfer_unref (part->transfer);
  g_free (part);
}

static void
show_uploaded (AdwToast *toast,
               Transfer *t)
{
  if (STUDIO_IS_WINDOW (t->window))
    studio_window_open_jupyter_path (STUDIO_WINDOW (t->window), t->region, t->worker, t->folder);
}

static void
show_downloaded (AdwToast *toast,
                 Transfer *t)
{
  g_autoptr(GFile) parent = g_file_get_parent (t->destination);
  g_autofree char *uri = g_file_get_uri (parent ? parent : t->destination);

  gtk_show_uri (GTK_IS_WINDOW (t->window) ? GTK_WINDOW (t->window) : NULL, uri, GDK_CURRENT_TIME);
}

/* The end of a whole transfer: its row goes, and the window says how it went. */
static void
finished (Transfer *t)
{
  StudioTransfers *self = t->self;
  GtkRoot *root;
  AdwToast *toast;
  g_autofree char *title = NULL;

  if (self == NULL)
    return;
  self->transfers = g_list_remove (self->transfers, t);
  gtk_list_box_remove (self->list, t->row);
  refresh_now (self);
  if (self->transfers == NULL)
    gtk_menu_button_popdown (self->button);
  t->self = NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!STUDIO_IS_WINDOW (root))
    {
      transfer_unref (t);
      return;
    }
  g_set_weak_pointer (&t->window, GTK_WIDGET (root));
  if (t->error != NULL && !g_error_matches (t->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      studio_window_show_error (STUDIO_WINDOW (root), t->upload ? _("Could Not Upload") : _("Could Not Download"),
                                t->error);
      transfer_unref (t);
      return;
    }
  if (t->error != NULL)
    title = g_strdup_printf (t->upload ? _("Upload of %s stopped") : _("Download of %s stopped"), t->what);
  else if (t->upload)
    title = g_strdup_printf (_("Uploaded %s to %s"), t->what, studio_worker_get_name (t->worker));
  else
    title = g_strdup_printf (_("Downloaded %s from %s"), t->what, studio_worker_get_name (t->worker));
  toast = adw_toast_new (title);
  if (t->error == NULL)
    {
      adw_toast_set_button_label (toast, _("Show"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (t->upload ? show_uploaded : show_downloaded),
                             transfer_ref (t), (GClosureNotify) (void (*) (void)) transfer_unref, 0);
    }
  studio_window_add_toast (STUDIO_WINDOW (root), toast);
  transfer_unref (t);
}

static void
part_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Transfer *t = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = t->upload ? studio_jupyter_upload_finish (STUDIO_JUPYTER (object), result, &error)
                          : studio_jupyter_download_finish (STUDIO_JUPYTER (object), result, &error);

  if (!ok && t->error == NULL)
    t->error = g_steal_pointer (&error);
  if (--t->left == 0)
    finished (t);
  transfer_unref (t);
}

static void
cancel_clicked (GtkButton *button,
                Transfer  *t)
{
  g_cancellable_cancel (t->cancellable);
}

static Transfer *
transfer_new (StudioTransfers *self,
              StudioRegion    *region,
              StudioWorker    *worker,
              gboolean         upload,
              guint            parts,
              const char      *what)
{
  Transfer *t = g_rc_box_new0 (Transfer);
  GtkWidget *box, *text, *title, *cancel;
  g_autofree char *heading = NULL;

  t->self = self;
  t->region = g_object_ref (region);
  t->worker = g_object_ref (worker);
  t->cancellable = g_cancellable_new ();
  t->upload = upload;
  t->what = g_strdup (what);
  t->parts = t->left = parts;
  t->done = g_new0 (guint64, parts);
  t->total = g_new0 (guint64, parts);

  heading = g_strdup_printf (upload ? _("Uploading %s to %s") : _("Downloading %s from %s"), what,
                             studio_worker_get_name (worker));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (text, TRUE);
  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 36);
  gtk_box_append (GTK_BOX (text), title);
  t->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (t->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (t->bar));
  t->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (t->detail, 0);
  gtk_widget_add_css_class (GTK_WIDGET (t->detail), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (t->detail), "caption");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (t->detail));
  gtk_box_append (GTK_BOX (box), text);
  cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "circular");
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_set_tooltip_text (cancel, _("Cancel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel Transfer"), -1);
  g_signal_connect (cancel, "clicked", G_CALLBACK (cancel_clicked), t);
  gtk_box_append (GTK_BOX (box), cancel);
  t->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (t->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (t->row), box);
  gtk_list_box_append (self->list, t->row);

  self->transfers = g_list_append (self->transfers, t);
  refresh_now (self);
  return t;
}

static Part *
part_new (Transfer *t,
          guint     i)
{
  Part *part = g_new0 (Part, 1);

  part->transfer = transfer_ref (t);
  part->i = i;
  return part;
}

/**
 * studio_transfers_upload:
 * @files: (element-type GFile): local files and folders
 * @folder: a folder of the worker's home ("" for the home itself)
 *
 * Uploads them into @folder (folders with everything in them).
 */
void
studio_transfers_upload (StudioTransfers *self,
                         StudioRegion    *region,
                         StudioWorker    *worker,
                         GSList          *files,
                         const char      *folder)
{
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autofree char *what = NULL;
  guint n = g_slist_length (files), i = 0;
  Transfer *t;

  g_return_if_fail (STUDIO_IS_TRANSFERS (self));
  if (n == 0)
    return;
  jupyter = studio_region_open_jupyter (region, worker);
  what = n == 1 ? g_file_get_basename (files->data)
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
  t = transfer_new (self, region, worker, TRUE, n, what);
  t->folder = g_strdup (folder ? folder : "");
  for (GSList *l = files; l != NULL; l = l->next, i++)
    {
      g_autofree char *name = g_file_get_basename (l->data);
      g_autofree char *path = *t->folder ? g_strconcat (t->folder, "/", name, NULL) : g_strdup (name);

      studio_jupyter_upload_async (jupyter, l->data, path, progress_cb, part_new (t, i), (GDestroyNotify) part_free,
                                   t->cancellable, part_done_cb, transfer_ref (t));
    }
}

/* Copies path of the worker's home (a file or folder) to destination. */
void
studio_transfers_download (StudioTransfers *self,
                           StudioRegion    *region,
                           StudioWorker    *worker,
                           const char      *path,
                           GFile           *destination)
{
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autofree char *what = g_path_get_basename (path);
  Transfer *t;

  g_return_if_fail (STUDIO_IS_TRANSFERS (self));
  jupyter = studio_region_open_jupyter (region, worker);
  t = transfer_new (self, region, worker, FALSE, 1, what);
  t->destination = g_object_ref (destination);
  studio_jupyter_download_async (jupyter, path, destination, progress_cb, part_new (t, 0), (GDestroyNotify) part_free,
                                 t->cancellable, part_done_cb, transfer_ref (t));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GObject       *owner)
{
  StudioFilesDropped dropped = (StudioFilesDropped) g_object_get_data (G_OBJECT (target), "dropped");
  GSList *files = G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) ? g_value_get_boxed (value) : NULL;

  return files != NULL && dropped (owner, files);
}

/**
 * studio_transfers_accept_drops:
 * @widget: where files may be dropped
 * @owner: what takes them, for as long as it lives
 * @dropped: called with them
 * @before_children: whether the drop is taken before @widget's children see
 *   it (a web view would take it otherwise, without folders)
 */
void
studio_transfers_accept_drops (GtkWidget          *widget,
                               GObject            *owner,
                               StudioFilesDropped  dropped,
                               gboolean            before_children)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_object_set_data (G_OBJECT (target), "dropped", (gpointer) dropped);
  if (before_children)
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), owner, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

/* A pie that fills with all transfers' bytes, in the button's colour. */
static void
draw_pie (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        data)
{
  StudioTransfers *self = data;
  double fraction = studio_transfers_get_fraction (self);
  double r = MIN (width, height) / 2.0 - 1, cx = width / 2.0, cy = height / 2.0;
  GdkRGBA color;

  /* GTK 4.8 has no gtk_widget_get_color () yet. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  color.alpha *= 0.25;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_fill (cr);
  color.alpha *= 4;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_move_to (cr, cx, cy);
  cairo_arc (cr, cx, cy, r, -G_PI / 2, -G_PI / 2 + 2 * G_PI * fraction);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
studio_transfers_dispose (GObject *object)
{
  StudioTransfers *self = STUDIO_TRANSFERS (object);

  /* Transfers end with the window: their callbacks find no widget. */
  for (GList *l = self->transfers; l != NULL; l = l->next)
    {
      Transfer *t = l->data;

      t->self = NULL;
      g_cancellable_cancel (t->cancellable);
      transfer_unref (t);
    }
  g_clear_pointer (&self->transfers, g_list_free);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  G_OBJECT_CLASS (studio_transfers_parent_class)->dispose (object);
}

static void
studio_transfers_class_init (StudioTransfersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = studio_transfers_dispose;
}

static void
studio_transfers_init (StudioTransfers *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->pie = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_width (self->pie, 16);
  gtk_drawing_area_set_content_height (self->pie, 16);
  gtk_drawing_area_set_draw_func (self->pie, draw_pie, self, NULL);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->list), 360, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->button, GTK_WIDGET (self->pie));
  gtk_menu_button_set_popover (self->button, popover);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transfers"), -1);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

StudioTransfers *
studio_transfers_new (void)
{
  return g_object_new (STUDIO_TYPE_TRANSFERS, NULL);
}
