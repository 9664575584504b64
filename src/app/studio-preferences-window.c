/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "studio-image-row.h"
#include "studio-preferences-window.h"

struct _StudioPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *size_row;
  StudioImageRow *image_row;
  GtkSpinButton *shutdown_spin;
  GtkSpinButton *token_days_spin;
  GtkSpinButton *font_scale_spin;

  GSettings *settings;
  GListModel *sizes;
};

G_DEFINE_FINAL_TYPE (StudioPreferencesWindow, studio_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_size_selected (StudioPreferencesWindow *self)
{
  g_autoptr(StudioSize) size = g_list_model_get_item (self->sizes, adw_combo_row_get_selected (self->size_row));

  if (size != NULL)
    g_settings_set_string (self->settings, "default-size", studio_size_get_id (size));
}

static void
on_image_applied (StudioPreferencesWindow *self)
{
  g_autofree char *image = studio_image_row_dup_image (self->image_row);

  if (image != NULL)
    g_settings_set_string (self->settings, "default-image", image);
}

static void
studio_preferences_window_dispose (GObject *object)
{
  StudioPreferencesWindow *self = STUDIO_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->sizes);
  G_OBJECT_CLASS (studio_preferences_window_parent_class)->dispose (object);
}

static void
studio_preferences_window_class_init (StudioPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_preferences_window_dispose;
  g_type_ensure (STUDIO_TYPE_IMAGE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, size_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, image_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, shutdown_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, token_days_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, font_scale_spin);
}

static void
studio_preferences_window_init (StudioPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StudioPreferencesWindow *
studio_preferences_window_new (StudioApplication *app)
{
  StudioPreferencesWindow *self = g_object_new (STUDIO_TYPE_PREFERENCES_WINDOW, NULL);
  g_autoptr(StudioRegion) region = g_list_model_get_item (G_LIST_MODEL (studio_application_get_regions (app)), 0);
  g_autofree char *size = NULL;
  g_autofree char *image = NULL;
  g_autoptr(GtkExpression) name = gtk_property_expression_new (STUDIO_TYPE_SIZE, NULL, "name");

  self->settings = g_object_ref (studio_application_get_settings (app));
  self->sizes = g_object_ref (studio_region_list_sizes (region));

  adw_combo_row_set_expression (self->size_row, name);
  adw_combo_row_set_model (self->size_row, self->sizes);
  size = g_settings_get_string (self->settings, "default-size");
  for (guint i = 0; i < g_list_model_get_n_items (self->sizes); i++)
    {
      g_autoptr(StudioSize) s = g_list_model_get_item (self->sizes, i);
      if (studio_size_matches (s, size))
        adw_combo_row_set_selected (self->size_row, i);
    }
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (on_size_selected), self);

  image = g_settings_get_string (self->settings, "default-image");
  gtk_editable_set_text (GTK_EDITABLE (self->image_row), image);
  studio_image_row_set_region (self->image_row, region);
  g_signal_connect_swapped (self->image_row, "apply", G_CALLBACK (on_image_applied), self);

  g_settings_bind (self->settings, "auto-shutdown-minutes", gtk_spin_button_get_adjustment (self->shutdown_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "hub-token-lifetime-days", gtk_spin_button_get_adjustment (self->token_days_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "terminal-font-scale", gtk_spin_button_get_adjustment (self->font_scale_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  return self;
}
