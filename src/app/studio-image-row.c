/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one image picker of Launch, Run Task and Preferences: an entry for any
 * reference, and a menu of the region's known images, each with what it is
 * for and where it stands in that region (there already and how big, built
 * there first, or downloaded at its first launch), asked afresh each time
 * the menu opens. The image in the entry is marked in the menu. */
#include <glib/gi18n.h>

#include "studio-image-row.h"

struct _StudioImageRow
{
  AdwEntryRow parent_instance;

  StudioRegion *region;
  GtkMenuButton *menu_button;
  GtkListBox *list;
  GCancellable *cancellable;   /* the states asked for the menu's rows */
};

enum {
  PROP_0,
  PROP_REGION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioImageRow, studio_image_row, ADW_TYPE_ENTRY_ROW)

static const char *
image_of (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* What the image is for, then where it stands (once the region said). */
static void
describe (AdwActionRow *row,
          const char   *where)
{
  const char *description = studio_image_get_description (image_of (GTK_WIDGET (row)));
  g_autofree char *subtitle = NULL;

  if (description != NULL && where != NULL)
    subtitle = g_strdup_printf ("%s\n%s", description, where);
  adw_action_row_set_subtitle (row, subtitle ? subtitle : description ? description : where ? where : "");
}

static void
state_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  gboolean present = FALSE;
  guint64 size = 0;
  g_autofree char *where = NULL;

  /* Cancelled, or the region did not say: the row keeps what the image is for. */
  if (!studio_region_has_image_finish (STUDIO_REGION (object), result, &present, &size, NULL))
    return;
  where = studio_region_describe_image (STUDIO_REGION (object), image_of (GTK_WIDGET (row)), present, size);
  describe (row, where);
}

/* The image in the entry gets the mark; the others none. */
static void
mark_chosen (StudioImageRow *self)
{
  g_autofree char *image = studio_image_row_dup_image (self);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "mark"), g_strcmp0 (image, image_of (row)) == 0);
}

static void
on_menu_shown (StudioImageRow *self)
{
  mark_chosen (self);
  if (self->region == NULL || !studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_BUILDS_IMAGES))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    studio_region_has_image_async (self->region, image_of (row), self->cancellable, state_cb, g_object_ref (row));
}

static void
on_image_chosen (StudioImageRow *self,
                 GtkListBoxRow  *row)
{
  gtk_editable_set_text (GTK_EDITABLE (self), image_of (GTK_WIDGET (row)));
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  gtk_menu_button_popdown (self->menu_button);
  /* A choice from the menu needs no Apply (Preferences'): it is applied. */
  if (adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (self)))
    g_signal_emit_by_name (self, "apply");
}

static void
rebuild (StudioImageRow *self)
{
  const char * const *images = self->region ? studio_region_list_images (self->region) : NULL;
  GtkWidget *row;

  g_cancellable_cancel (self->cancellable);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, row);
  for (guint i = 0; images != NULL && images[i] != NULL; i++)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), images[i]);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      describe (ADW_ACTION_ROW (row), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chosen"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
      g_object_set_data (G_OBJECT (row), "mark", mark);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->list, row);
    }
  /* A region without images to choose from (a hub decides them itself). */
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->region == NULL || studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_IMAGES));
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), images != NULL && images[0] != NULL);
}

/**
 * studio_image_row_set_region:
 * @self: an image row
 * @region: (nullable): where the image would run
 *
 * Offers @region's known images; the row hides itself for a region that
 * decides its images itself.
 */
void
studio_image_row_set_region (StudioImageRow *self,
                             StudioRegion   *region)
{
  g_return_if_fail (STUDIO_IS_IMAGE_ROW (self));

  if (g_set_object (&self->region, region))
    {
      rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
    }
}

StudioRegion *
studio_image_row_get_region (StudioImageRow *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_ROW (self), NULL);
  return self->region;
}

/**
 * studio_image_row_dup_image:
 * @self: an image row
 *
 * Returns: (transfer full) (nullable): the reference typed or chosen, without
 *   spaces around it; %NULL when there is none
 */
char *
studio_image_row_dup_image (StudioImageRow *self)
{
  g_autofree char *image = NULL;

  g_return_val_if_fail (STUDIO_IS_IMAGE_ROW (self), NULL);
  image = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  return *image != '\0' ? g_steal_pointer (&image) : NULL;
}

/* The menu's list and its opening, for tests that look at what it says. */
GtkListBox *
studio_image_row_get_list (StudioImageRow *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_ROW (self), NULL);
  return self->list;
}

void
studio_image_row_popup (StudioImageRow *self)
{
  g_return_if_fail (STUDIO_IS_IMAGE_ROW (self));
  gtk_menu_button_popup (self->menu_button);
}

void
studio_image_row_popdown (StudioImageRow *self)
{
  g_return_if_fail (STUDIO_IS_IMAGE_ROW (self));
  gtk_menu_button_popdown (self->menu_button);
}

static void
studio_image_row_dispose (GObject *object)
{
  StudioImageRow *self = STUDIO_IMAGE_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->region);
  G_OBJECT_CLASS (studio_image_row_parent_class)->dispose (object);
}

static void
studio_image_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StudioImageRow *self = STUDIO_IMAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_REGION: g_value_set_object (value, self->region); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StudioImageRow *self = STUDIO_IMAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_REGION: studio_image_row_set_region (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_row_class_init (StudioImageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_image_row_dispose;
  object_class->get_property = studio_image_row_get_property;
  object_class->set_property = studio_image_row_set_property;

  properties[PROP_REGION] = g_param_spec_object ("region", NULL, NULL, STUDIO_TYPE_REGION,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_image_row_init (StudioImageRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_image_chosen), self);
  /* Narrow enough that what each image is for wraps under its name, wide
   * enough for a reference on one line. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 440);
  gtk_widget_set_size_request (scrolled, 440, -1);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_menu_shown), self);

  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-list-symbolic");
  gtk_menu_button_set_popover (self->menu_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->menu_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Known Images"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Known Images"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->menu_button));
}
