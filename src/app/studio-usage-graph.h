/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_USAGE_GRAPH (studio_usage_graph_get_type ())
G_DECLARE_FINAL_TYPE (StudioUsageGraph, studio_usage_graph, STUDIO, USAGE_GRAPH, GtkWidget)

StudioUsageGraph *studio_usage_graph_new           (const char       *label);
void              studio_usage_graph_add           (StudioUsageGraph *self,
                                                    double            value,
                                                    double            max,
                                                    const char       *max_text,
                                                    const char       *description);
guint             studio_usage_graph_get_n_samples (StudioUsageGraph *self);

G_END_DECLS
