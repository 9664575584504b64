/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "studio-spinner.h"
#include "studio-worker-details.h"
#include "studio-workers-page.h"

G_BEGIN_DECLS

struct _StudioWorkersPage
{
  AdwBin parent_instance;

  StudioApplication *app;
  GtkListBox *region_list;
  GtkStack *stack;
  GtkSpinner *loading_spinner;   /* while the region loads, and shown */
  GtkColumnView *column_view;
  StudioWorkerDetails *details;
  AdwStatusPage *no_engine_page;
  GtkWidget *sign_in_again_button;
  GtkWidget *remove_region_button;
  GMenuModel *context_menu;
  GtkWidget *context_popover;

  StudioRegion *region;
  GtkSingleSelection *selection;
  StudioWorker *selected;
  gboolean loaded;
  gboolean pick_first;   /* select the first worker once the region has some */
  guint tick_id;
  GCancellable *cancellable;
};

/* studio-worker-columns.c */
void studio_workers_page_add_columns (StudioWorkersPage *self);

/* studio-workers-page-actions.c */
void studio_workers_page_install_actions (GtkWidgetClass    *widget_class);
void studio_workers_page_update_actions  (StudioWorkersPage *self);
void studio_workers_page_popup_menu      (StudioWorkersPage *self,
                                          double             x,
                                          double             y);

G_END_DECLS
