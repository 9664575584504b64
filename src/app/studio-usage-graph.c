/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A graph of the last ten minutes of one figure (a worker's CPU or memory),
 * drawn with the style's colours so that dark and high-contrast styles
 * work, with its scale (the top's value) and its span (ten minutes ago to
 * now) written on it; its accessible description says the current value. */
#include <glib/gi18n.h>

#include "studio-usage-graph.h"

#define SAMPLES 300   /* ten minutes, one every two seconds */

struct _StudioUsageGraph
{
  GtkWidget parent_instance;

  double values[SAMPLES];  /* a ring, newest at head - 1; < 0: none */
  guint head;
  double max;              /* the top of the scale */
  char *max_text;          /* and what it is, in words ("100 %", "2.0 GiB") */
};

G_DEFINE_FINAL_TYPE (StudioUsageGraph, studio_usage_graph, GTK_TYPE_WIDGET)

static void
studio_usage_graph_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  StudioUsageGraph *self = STUDIO_USAGE_GRAPH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color, line, fill, grid;
  cairo_t *cr;
  gboolean started = FALSE;

  /* GTK 4.8 has no gtk_widget_get_color () yet. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  /* The line in the style's accent colour where it has one. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &line))
    line = color;
  G_GNUC_END_IGNORE_DEPRECATIONS
  fill = line;
  fill.alpha = 0.15;
  grid = color;
  grid.alpha = 0.12;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The frame and the half line. */
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_move_to (cr, 0, height / 2 + 0.5);
  cairo_line_to (cr, width, height / 2 + 0.5);
  cairo_stroke (cr);

  /* The newest sample at the right edge. */
  for (guint i = 0; i < SAMPLES; i++)
    {
      double v = self->values[(self->head + i) % SAMPLES];
      double x = (double) i * (width - 1) / (SAMPLES - 1);
      double y;

      if (v < 0)
        continue;
      y = height - 1 - CLAMP (v / self->max, 0, 1) * (height - 2);
      if (!started)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      started = TRUE;
    }
  if (started)
    {
      cairo_path_t *path = cairo_copy_path (cr);

      gdk_cairo_set_source_rgba (cr, &line);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      /* The area below the line, lighter. */
      cairo_append_path (cr, path);
      cairo_line_to (cr, width - 1, height - 1);
      {
        guint first = 0;
        while (first < SAMPLES && self->values[(self->head + first) % SAMPLES] < 0)
          first++;
        cairo_line_to (cr, (double) first * (width - 1) / (SAMPLES - 1), height - 1);
      }
      cairo_close_path (cr);
      gdk_cairo_set_source_rgba (cr, &fill);
      cairo_fill (cr);
      cairo_path_destroy (path);
    }
  cairo_destroy (cr);

  /* The scale at the top, the span along the bottom, small and dim. */
  {
    GdkRGBA dim = color;
    const char *texts[] = { self->max_text, _("10 min ago"), _("now") };

    dim.alpha = 0.6;
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(PangoLayout) layout = NULL;
        PangoAttrList *attrs;
        int text_width, text_height;
        float x, y;

        if (texts[i] == NULL)
          continue;
        layout = gtk_widget_create_pango_layout (widget, texts[i]);
        attrs = pango_attr_list_new ();
        pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
        pango_layout_set_attributes (layout, attrs);
        pango_attr_list_unref (attrs);
        pango_layout_get_pixel_size (layout, &text_width, &text_height);
        x = i == 2 ? width - text_width - 4 : 4;
        y = i == 0 ? 2 : height - text_height - 2;
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
        gtk_snapshot_append_layout (snapshot, layout, &dim);
        gtk_snapshot_restore (snapshot);
      }
  }
}

static void
studio_usage_graph_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  /* Tall enough to read a change of a few percent, with its labels. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 88;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 104;
}

static void
studio_usage_graph_finalize (GObject *object)
{
  g_free (STUDIO_USAGE_GRAPH (object)->max_text);
  G_OBJECT_CLASS (studio_usage_graph_parent_class)->finalize (object);
}

static void
studio_usage_graph_class_init (StudioUsageGraphClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = studio_usage_graph_finalize;
  widget_class->snapshot = studio_usage_graph_snapshot;
  widget_class->measure = studio_usage_graph_measure;
  gtk_widget_class_set_css_name (widget_class, "usage-graph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
studio_usage_graph_init (StudioUsageGraph *self)
{
  for (guint i = 0; i < SAMPLES; i++)
    self->values[i] = -1;
  self->max = 100;
}

StudioUsageGraph *
studio_usage_graph_new (const char *label)
{
  StudioUsageGraph *self = g_object_new (STUDIO_TYPE_USAGE_GRAPH, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return self;
}

/* A new sample (below 0: not known), on a scale up to max (max_text: that
 * top in words, written on the graph); description is what a screen
 * reader says of it. */
void
studio_usage_graph_add (StudioUsageGraph *self,
                        double            value,
                        double            max,
                        const char       *max_text,
                        const char       *description)
{
  g_return_if_fail (STUDIO_IS_USAGE_GRAPH (self));

  g_free (self->max_text);
  self->max_text = g_strdup (max_text);
  self->values[self->head] = value;
  self->head = (self->head + 1) % SAMPLES;
  self->max = max > 0 ? max : 1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
studio_usage_graph_get_n_samples (StudioUsageGraph *self)
{
  guint n = 0;

  for (guint i = 0; i < SAMPLES; i++)
    n += self->values[i] >= 0;
  return n;
}
