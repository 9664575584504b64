/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cloud Workers: regions on the left, the selected region's workers on the right. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-window.h"
#include "studio-workers-page-private.h"


enum {
  TICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_REGION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioWorkersPage, studio_workers_page, ADW_TYPE_BIN)

static void
update_stack (StudioWorkersPage *self)
{
  const char *name;

  if (self->region == NULL || !self->loaded)
    name = "loading";
  else if (!studio_region_get_available (self->region))
    {
      g_autofree char *title = NULL;
      g_autofree char *description = studio_region_describe_unavailable (self->region, &title);

      adw_status_page_set_title (self->no_engine_page, title);
      adw_status_page_set_description (self->no_engine_page, description);
      name = "no-engine";
    }
  else if (g_list_model_get_n_items (studio_region_get_workers (self->region)) == 0)
    name = "empty";
  else
    name = "workers";
  gtk_stack_set_visible_child_name (self->stack, name);
  studio_spinner_set_busy (self->loading_spinner, g_str_equal (name, "loading"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workers.launch",
                                 self->region != NULL && studio_region_get_available (self->region));
  {
    gboolean sign_in = self->region != NULL &&
                       studio_region_get_sign_in_methods (self->region) != STUDIO_SIGN_IN_NONE;
    gboolean removable = self->region != NULL &&
                         studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_REMOVABLE);

    gtk_widget_set_visible (self->sign_in_again_button, sign_in);
    gtk_widget_set_visible (self->remove_region_button, removable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "workers.remove-region", removable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "workers.sign-in-again", sign_in);
  }
}

static void
on_selected_state (StudioWorkersPage *self)
{
  studio_workers_page_update_actions (self);
}

static void
on_selection_changed (StudioWorkersPage *self)
{
  StudioWorker *worker = gtk_single_selection_get_selected_item (self->selection);

  if (self->selected == worker)
    return;
  if (self->selected != NULL)
    g_signal_handlers_disconnect_by_data (self->selected, self);
  g_set_object (&self->selected, worker);
  studio_worker_details_set_worker (self->details, self->region, worker);
  if (worker != NULL)
    g_signal_connect_swapped (worker, "notify::state", G_CALLBACK (on_selected_state), self);
  studio_workers_page_update_actions (self);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StudioWorkersPage) self = user_data;

  /* A failure shows as the region's state (the no-engine page). */
  studio_region_refresh_finish (STUDIO_REGION (object), result, NULL);
  if (self->region == STUDIO_REGION (object))
    {
      self->loaded = TRUE;
      update_stack (self);
    }
}

static void
pick_first (StudioWorkersPage *self)
{
  if (!self->pick_first || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  self->pick_first = FALSE;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
set_region (StudioWorkersPage *self,
            StudioRegion      *region)
{
  if (self->region == region)
    return;
  if (self->region != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->region, self);
      g_signal_handlers_disconnect_by_data (studio_region_get_workers (self->region), self);
    }
  g_set_object (&self->region, region);
  self->loaded = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);

  gtk_single_selection_set_model (self->selection, studio_region_get_workers (region));
  /* The first worker is selected as the region shows; not one that moves up
   * when the selected one goes (terminate), where a Stop one click away would
   * act on it. */
  self->pick_first = TRUE;
  pick_first (self);
  g_signal_connect_swapped (studio_region_get_workers (region), "items-changed", G_CALLBACK (update_stack), self);
  g_signal_connect_swapped (studio_region_get_workers (region), "items-changed", G_CALLBACK (pick_first), self);
  g_signal_connect_swapped (region, "notify::available", G_CALLBACK (update_stack), self);
  g_signal_connect_swapped (region, "notify::status", G_CALLBACK (update_stack), self);
  update_stack (self);
  studio_region_refresh_async (region, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
on_region_selected (GtkListBox        *list,
                    GtkListBoxRow     *row,
                    StudioWorkersPage *self)
{
  g_autoptr(StudioRegion) region = NULL;

  if (row == NULL)
    return;
  region = g_list_model_get_item (G_LIST_MODEL (studio_application_get_regions (self->app)),
                                  gtk_list_box_row_get_index (row));
  set_region (self, region);
}

static void
update_region_subtitle (StudioRegion *region,
                        GParamSpec   *pspec,
                        AdwActionRow *row)
{
  if (studio_region_get_available (region))
    adw_action_row_set_subtitle (row, studio_region_get_status (region));
  else
    adw_action_row_set_subtitle (row, studio_region_get_status (region) ? _("Not available") : _("Connecting…"));
}

static GtkWidget *
create_region_row (gpointer item,
                   gpointer user_data)
{
  StudioRegion *region = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (studio_region_get_icon_name (region));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), studio_region_get_name (region));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  /* Short: the page explains a failure at length. */
  g_signal_connect_object (region, "notify::status", G_CALLBACK (update_region_subtitle), row, 0);
  g_signal_connect_object (region, "notify::available", G_CALLBACK (update_region_subtitle), row, 0);
  update_region_subtitle (region, NULL, ADW_ACTION_ROW (row));
  gtk_widget_add_css_class (row, "region-status");
  return row;
}

/* Every second: ages and countdowns move on. (Looking again at regions and
 * warning of idle shutdowns is the application's StudioWatcher's, for every
 * region, whichever is shown.) */
static gboolean
tick (gpointer user_data)
{
  StudioWorkersPage *self = user_data;

  g_signal_emit (self, signals[TICK], 0);
  return G_SOURCE_CONTINUE;
}

static void
on_right_click (GtkGestureClick   *gesture,
                int                n_press,
                double             x,
                double             y,
                StudioWorkersPage *self)
{
  studio_workers_page_popup_menu (self, x, y);
}

static void
studio_workers_page_dispose (GObject *object)
{
  StudioWorkersPage *self = STUDIO_WORKERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->selected != NULL)
    g_signal_handlers_disconnect_by_data (self->selected, self);
  if (self->region != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->region, self);
      g_signal_handlers_disconnect_by_data (studio_region_get_workers (self->region), self);
    }
  g_clear_pointer (&self->context_popover, gtk_widget_unparent);
  g_clear_object (&self->selected);
  g_clear_object (&self->region);
  g_clear_object (&self->selection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (studio_workers_page_parent_class)->dispose (object);
}

static void
studio_workers_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_REGION: g_value_set_object (value, STUDIO_WORKERS_PAGE (object)->region); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_workers_page_class_init (StudioWorkersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_workers_page_dispose;
  object_class->get_property = studio_workers_page_get_property;

  /**
   * StudioWorkersPage:region:
   *
   * The region whose workers the page shows (the window's subtitle names it).
   */
  properties[PROP_REGION] = g_param_spec_object ("region", NULL, NULL, STUDIO_TYPE_REGION,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TICK] = g_signal_new ("tick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (STUDIO_TYPE_WORKER_DETAILS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-workers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, region_list);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, details);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, no_engine_page);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, sign_in_again_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, remove_region_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWorkersPage, context_menu);

  studio_workers_page_install_actions (widget_class);
}

static void
studio_workers_page_init (StudioWorkersPage *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  studio_spinner_set_busy (self->loading_spinner, TRUE);   /* the page shown first */

  self->cancellable = g_cancellable_new ();
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  /* Files dropped on the list go to the selected worker, as on its details. */
  studio_worker_details_accept_drops (self->details, GTK_WIDGET (self->column_view));
  studio_workers_page_add_columns (self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  self->context_popover = gtk_popover_menu_new_from_model (self->context_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
  gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self->column_view));

  self->tick_id = g_timeout_add_seconds (1, tick, self);
  studio_workers_page_update_actions (self);
}

StudioWorkersPage *
studio_workers_page_new (StudioApplication *app)
{
  StudioWorkersPage *self = g_object_new (STUDIO_TYPE_WORKERS_PAGE, NULL);
  GListModel *regions = G_LIST_MODEL (studio_application_get_regions (app));

  self->app = app;
  gtk_list_box_bind_model (self->region_list, regions, create_region_row, NULL, NULL);
  g_signal_connect (self->region_list, "row-selected", G_CALLBACK (on_region_selected), self);
  if (g_list_model_get_n_items (regions) > 0)
    gtk_list_box_select_row (self->region_list, gtk_list_box_get_row_at_index (self->region_list, 0));
  return self;
}

StudioRegion *
studio_workers_page_get_region (StudioWorkersPage *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKERS_PAGE (self), NULL);
  return self->region;
}

StudioWorker *
studio_workers_page_get_selected (StudioWorkersPage *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKERS_PAGE (self), NULL);
  return self->selected;
}

gboolean
studio_workers_page_select_region (StudioWorkersPage *self,
                                   StudioRegion      *region)
{
  GListModel *regions;

  g_return_val_if_fail (STUDIO_IS_WORKERS_PAGE (self), FALSE);
  regions = G_LIST_MODEL (studio_application_get_regions (self->app));
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(StudioRegion) item = g_list_model_get_item (regions, i);

      if (item == region)
        {
          gtk_list_box_select_row (self->region_list, gtk_list_box_get_row_at_index (self->region_list, i));
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
studio_workers_page_select_worker (StudioWorkersPage *self,
                                   StudioWorker      *worker)
{
  guint position;

  g_return_val_if_fail (STUDIO_IS_WORKERS_PAGE (self), FALSE);
  if (self->region == NULL ||
      !g_list_store_find (G_LIST_STORE (studio_region_get_workers (self->region)), worker, &position))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

GtkColumnView *
studio_workers_page_get_column_view (StudioWorkersPage *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKERS_PAGE (self), NULL);
  return self->column_view;
}

const char *
studio_workers_page_get_visible_page (StudioWorkersPage *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKERS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
