/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Launch New Worker: size, name, image, auto-shutdown and startup script. It
 * closes at once on Launch; the worker's row shows the progress. One of AI
 * Studio's own images that This Computer lacks is built here first, with its
 * progress, and the launch follows. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-image-row.h"
#include "studio-launch-dialog.h"

struct _StudioLaunchDialog
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *size_group;
  AdwPreferencesGroup *options_group;
  GPtrArray *option_rows;   /* AdwComboRow, each with its "key" and "values" */
  AdwEntryRow *name_row;
  GtkLabel *name_error;
  StudioImageRow *image_row;
  AdwActionRow *image_build_row;
  GtkProgressBar *image_build_progress;
  GtkButton *image_build_button;
  GtkSpinButton *shutdown_spin;
  GtkTextView *script_view;

  StudioRegion *region;
  GPtrArray *size_checks;
  gboolean valid;
  gboolean hub_defaults;   /* a hub whose profiles are not known yet */
  GtkWidget *default_row;  /* "The Hub's Default", while they are not */
  char *pending_record;    /* the server whose form was read: its empty record goes if the user cancels */
  gboolean reading;
  GCancellable *cancellable;

  gboolean image_missing;         /* one of AI Studio's own, not built here */
  GCancellable *check_cancellable;
  StudioImageBuild *build;        /* while it builds that image */
  GCancellable *build_cancellable;
  gboolean launch_after_build;
};

enum {
  LAUNCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioLaunchDialog, studio_launch_dialog, ADW_TYPE_WINDOW)

static StudioSize *
selected_size (StudioLaunchDialog *self)
{
  GListModel *sizes = studio_region_list_sizes (self->region);

  for (guint i = 0; i < self->size_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->size_checks, i)))
      {
        g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);
        return size;
      }
  return NULL;
}

/* The image reference typed or chosen, "" for none. */
static char *
chosen_image (StudioLaunchDialog *self)
{
  return studio_image_row_dup_image (self->image_row) ?: g_strdup ("");
}

/* The hub's JSON, read defensively: a member that is not a string is none. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  return object ? json_object_get_string_member_with_default (object, name, NULL) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A hub profile's options (KubeSpawner's profile-option selects), as rows. */
static void
update_option_rows (StudioLaunchDialog *self)
{
  StudioSize *size = selected_size (self);
  JsonArray *options = size ? studio_size_get_options (size) : NULL;

  for (guint i = 0; i < self->option_rows->len; i++)
    adw_preferences_group_remove (self->options_group, g_ptr_array_index (self->option_rows, i));
  g_ptr_array_set_size (self->option_rows, 0);

  for (guint i = 0; options && i < json_array_get_length (options); i++)
    {
      JsonObject *option = element_object (options, i);
      JsonArray *choices = member_array (option, "choices");
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
      const char *default_value = member_string (option, "default");
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0;

      for (guint j = 0; choices && j < json_array_get_length (choices); j++)
        {
          JsonObject *choice = element_object (choices, j);

          gtk_string_list_append (labels, member_string (choice, "label") ?: "");
          g_strv_builder_add (values, member_string (choice, "value") ?: "");
          if (g_strcmp0 (member_string (choice, "value"), default_value) == 0)
            selected = j;
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member_string (option, "label") ?: "");
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), "key", g_strdup (member_string (option, "key")), g_free);
      g_object_set_data_full (G_OBJECT (row), "values", g_strv_builder_end (values), (GDestroyNotify) g_strfreev);
      adw_preferences_group_add (self->options_group, row);
      g_ptr_array_add (self->option_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), self->option_rows->len > 0);
}

/* Choose among a profile's options by their labels (for tests and scripts of the window). */
gboolean
studio_launch_dialog_choose_option (StudioLaunchDialog *self,
                                    const char         *key,
                                    const char         *label)
{
  g_return_val_if_fail (STUDIO_IS_LAUNCH_DIALOG (self), FALSE);

  for (guint i = 0; i < self->option_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->option_rows, i);
      GListModel *labels = adw_combo_row_get_model (row);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "key"), key) != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (labels); j++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), j), label) == 0)
          {
            adw_combo_row_set_selected (row, j);
            return TRUE;
          }
    }
  return FALSE;
}

static void
validate (StudioLaunchDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *image = chosen_image (self);
  g_autoptr(GError) error = NULL;
  gboolean name_ok = studio_worker_check_name (name, &error);

  if (name_ok && studio_region_find_worker (self->region, name) != NULL)
    {
      name_ok = FALSE;
      error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_EXISTS, _("A worker named %s already exists."), name);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), !name_ok);
  gtk_label_set_label (self->name_error, error ? error->message : NULL);
  if (name_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");

  self->valid = name_ok && (self->hub_defaults ||
                            ((*image != '\0' || !studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_IMAGES)) &&
                             selected_size (self) != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "launch.launch", self->valid && !self->launch_after_build);
}

StudioLaunchOptions *
studio_launch_dialog_get_options (StudioLaunchDialog *self)
{
  StudioLaunchOptions *options = studio_launch_options_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->script_view);
  GtkTextIter start, end;
  StudioSize *size = selected_size (self);
  g_autofree char *script = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  script = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  options->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  if (studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_IMAGES))
    options->image = chosen_image (self);
  options->size = size ? g_strdup (studio_size_get_id (size)) : NULL;
  options->auto_shutdown_minutes = gtk_spin_button_get_value_as_int (self->shutdown_spin);
  if (*g_strstrip (script) != '\0')
    options->startup_script = g_steal_pointer (&script);
  if (self->option_rows->len > 0)
    {
      g_autoptr(JsonObject) chosen = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < self->option_rows->len; i++)
        {
          AdwComboRow *row = g_ptr_array_index (self->option_rows, i);
          char **values = g_object_get_data (G_OBJECT (row), "values");
          guint selected = adw_combo_row_get_selected (row);

          if (values != NULL && selected < g_strv_length (values))
            json_object_set_string_member (chosen, g_object_get_data (G_OBJECT (row), "key"), values[selected]);
        }
      node = json_node_init_object (json_node_alloc (), chosen);
      options->profile_options = json_to_string (node, FALSE);
    }
  return options;
}

static void
launch_now (StudioLaunchDialog *self)
{
  g_autoptr(StudioLaunchOptions) options = studio_launch_dialog_get_options (self);

  g_clear_pointer (&self->pending_record, g_free);   /* the launch takes the record over */
  g_signal_emit (self, signals[LAUNCH], 0, options);
  gtk_window_close (GTK_WINDOW (self));
}

static void build_size_rows (StudioLaunchDialog *self, const char *preferred);
static void start_build (StudioLaunchDialog *self);
static void on_build_progress (StudioLaunchDialog *self);

static void
profiles_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioLaunchDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) profiles = studio_region_prepare_launch_finish (STUDIO_REGION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  if (profiles == NULL || g_list_model_get_n_items (profiles) == 0)
    {
      /* No profiles to offer (or none readable): launch with the hub's default. */
      launch_now (self);
      return;
    }
  /* The second step: the hub's profiles, before the server starts. */
  self->pending_record = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  self->hub_defaults = FALSE;
  adw_preferences_group_remove (self->size_group, self->default_row);
  self->default_row = NULL;
  build_size_rows (self, NULL);
  update_option_rows (self);
  adw_preferences_group_set_description (self->size_group,
                                         _("This hub offers these profiles. Choose one, then Launch."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);   /* the record is for this name */
  validate (self);
  gtk_widget_grab_focus (g_ptr_array_index (self->size_checks, 0));
}

static void
launch_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioLaunchDialog *self = STUDIO_LAUNCH_DIALOG (widget);

  if (!self->valid || self->reading)
    return;
  if (self->hub_defaults)
    {
      /* Pressing Launch confirms launching this server, so its form may be
       * read now: show the profiles it offers, if any, before it starts. */
      self->reading = TRUE;
      gtk_widget_action_set_enabled (widget, "launch.launch", FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->default_row), _("Reading the hub's profiles…"));
      studio_region_prepare_launch_async (self->region, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                          self->cancellable, profiles_read_cb, g_object_ref (self));
      return;
    }
  if (self->image_missing || self->build != NULL)
    {
      /* Not a failed launch: the image is built, then the worker launches. */
      self->launch_after_build = TRUE;
      gtk_widget_action_set_enabled (widget, "launch.launch", FALSE);
      if (self->build == NULL)
        start_build (self);
      else
        on_build_progress (self);
      return;
    }
  launch_now (self);
}

static gboolean
on_close_request (StudioLaunchDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  if (self->build != NULL)
    {
      /* Closing the dialog stops its build. */
      g_signal_handlers_disconnect_by_data (self->build, self);
      g_clear_object (&self->build);
      g_cancellable_cancel (self->build_cancellable);
      g_clear_object (&self->build_cancellable);
    }
  /* Cancelled at the second step: take away the empty record reading the form made. */
  if (self->pending_record != NULL)
    studio_region_cancel_launch_async (self->region, self->pending_record, NULL, NULL, NULL);
  g_clear_pointer (&self->pending_record, g_free);
  return FALSE;
}

/* ---- one of AI Studio's own images, built here ------------------------ */

static void
show_build_row (StudioLaunchDialog *self,
                const char         *subtitle,
                const char         *button)
{
  gtk_widget_set_visible (GTK_WIDGET (self->image_build_row), TRUE);
  adw_action_row_set_subtitle (self->image_build_row, subtitle);
  gtk_button_set_label (self->image_build_button, button);
}

static void
image_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioLaunchDialog) self = user_data;
  gboolean present = TRUE;

  /* An engine that does not answer: the launch will say so. */
  if (!studio_region_has_image_finish (STUDIO_REGION (object), result, &present, NULL, NULL) ||
      self->build != NULL)
    return;
  self->image_missing = !present;
  gtk_widget_set_visible (GTK_WIDGET (self->image_build_row), !present);
  if (!present)
    show_build_row (self, _("AI Studio builds this image from Debian's packages, once. It takes a few minutes."),
                    _("_Build"));
}

/* Whether the image chosen is one of ours that the region lacks (and builds). */
static void
check_image (StudioLaunchDialog *self)
{
  g_autofree char *image = chosen_image (self);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->image_missing = FALSE;
  if (self->build != NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->image_build_row), FALSE);
  if (!studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_BUILDS_IMAGES) || !studio_image_can_build (image))
    return;
  self->check_cancellable = g_cancellable_new ();
  studio_region_has_image_async (self->region, image, self->check_cancellable, image_checked_cb, g_object_ref (self));
}

static void
on_build_progress (StudioLaunchDialog *self)
{
  const char *text = studio_image_build_get_text (self->build);
  g_autofree char *subtitle = NULL;

  if (self->launch_after_build)
    subtitle = g_strdup_printf (_("%s… Then the worker launches."), text ? text : "");
  else
    subtitle = g_strdup_printf ("%s…", text ? text : "");
  adw_action_row_set_subtitle (self->image_build_row, subtitle);
  gtk_progress_bar_set_fraction (self->image_build_progress, studio_image_build_get_fraction (self->build));
}

static void launch_now (StudioLaunchDialog *self);

static void
image_built_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StudioLaunchDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean built = studio_image_build_run_finish (STUDIO_IMAGE_BUILD (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->build == NULL)
    return;   /* the dialog went */
  g_signal_handlers_disconnect_by_data (object, self);
  g_clear_object (&self->build);
  g_clear_object (&self->build_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->image_build_progress), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->image_row), TRUE);
  if (built)
    {
      self->image_missing = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->image_build_row), FALSE);
      if (self->launch_after_build)
        launch_now (self);
      return;
    }
  self->launch_after_build = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "launch.launch", self->valid);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_build_row (self, _("The build was cancelled. AI Studio builds this image from Debian's packages, "
                              "once. It takes a few minutes."), _("_Build"));
      return;
    }
  show_build_row (self, _("The build failed. Check the network to Debian's package archive, then try again."),
                  _("_Try Again"));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                           _("Could Not Build the Image"),
                                                                           error->message));
    adw_message_dialog_add_response (dialog, "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
start_build (StudioLaunchDialog *self)
{
  g_autofree char *image = chosen_image (self);

  self->build = studio_region_build_image (self->region, image);
  g_return_if_fail (self->build != NULL);
  self->build_cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->build, "notify::text", G_CALLBACK (on_build_progress), self);
  g_signal_connect_swapped (self->build, "notify::fraction", G_CALLBACK (on_build_progress), self);
  gtk_progress_bar_set_fraction (self->image_build_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->image_build_progress), TRUE);
  gtk_button_set_label (self->image_build_button, _("_Cancel"));
  /* The image being built stays the one chosen. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->image_row), FALSE);
  studio_image_build_run_async (self->build, self->build_cancellable, image_built_cb, g_object_ref (self));
  on_build_progress (self);
}

static void
on_image_build_clicked (StudioLaunchDialog *self)
{
  if (self->build != NULL)
    {
      self->launch_after_build = FALSE;
      g_cancellable_cancel (self->build_cancellable);
      return;
    }
  start_build (self);
}

static void
build_size_rows (StudioLaunchDialog *self,
                 const char         *preferred)
{
  GListModel *sizes = studio_region_list_sizes (self->region);
  GtkCheckButton *group = NULL;
  gboolean chosen = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);
      g_autofree char *resources = studio_size_describe_resources (size);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean available = studio_size_get_available (size);

      /* Plain text: a hub's names may hold "&" and "<". */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), studio_size_get_name (size));
      if (*resources == '\0')
        /* A hub's profile: what the hub says of it. */
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), studio_size_get_description (size) ?: "");
      else if (available)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), resources);
      else
        {
          g_autofree char *subtitle = g_strdup_printf ("%s — %s", resources, studio_size_get_unavailable_reason (size));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      group = group ? group : GTK_CHECK_BUTTON (check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, available);
      gtk_widget_set_sensitive (check, available);   /* so that assistive tools read it unavailable too */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      studio_size_get_name (size), -1);
      adw_preferences_group_add (self->size_group, row);
      g_ptr_array_add (self->size_checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (validate), self);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_option_rows), self);

      if (available && !chosen && studio_size_matches (size, preferred))
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          chosen = TRUE;
        }
    }

  /* The preferred size may not fit here: take the first one that does. */
  for (guint i = 0; !chosen && i < self->size_checks->len; i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);

      if (studio_size_get_available (size))
        {
          gtk_check_button_set_active (g_ptr_array_index (self->size_checks, i), TRUE);
          chosen = TRUE;
        }
    }
}

/* Whether Launch is possible: a valid, free name, an image and a size. */
gboolean
studio_launch_dialog_can_launch (StudioLaunchDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_LAUNCH_DIALOG (self), FALSE);
  return self->valid;
}

void
studio_launch_dialog_set_name (StudioLaunchDialog *self,
                               const char         *name)
{
  g_return_if_fail (STUDIO_IS_LAUNCH_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

void
studio_launch_dialog_select_size (StudioLaunchDialog *self,
                                  const char         *size_id)
{
  GListModel *sizes;

  g_return_if_fail (STUDIO_IS_LAUNCH_DIALOG (self));
  sizes = studio_region_list_sizes (self->region);
  for (guint i = 0; i < self->size_checks->len; i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);
      if (studio_size_matches (size, size_id) && studio_size_get_available (size))
        gtk_check_button_set_active (g_ptr_array_index (self->size_checks, i), TRUE);
    }
}

static void
studio_launch_dialog_dispose (GObject *object)
{
  StudioLaunchDialog *self = STUDIO_LAUNCH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->build != NULL)
    g_signal_handlers_disconnect_by_data (self->build, self);
  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build);
  g_clear_object (&self->build_cancellable);
  g_clear_pointer (&self->pending_record, g_free);
  g_clear_object (&self->region);
  g_clear_pointer (&self->size_checks, g_ptr_array_unref);
  g_clear_pointer (&self->option_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (studio_launch_dialog_parent_class)->dispose (object);
}

static void
studio_launch_dialog_class_init (StudioLaunchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_launch_dialog_dispose;

  signals[LAUNCH] = g_signal_new ("launch", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, STUDIO_TYPE_LAUNCH_OPTIONS);

  g_type_ensure (STUDIO_TYPE_IMAGE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-launch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, size_group);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, image_row);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, image_build_row);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, image_build_progress);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, image_build_button);
  gtk_widget_class_bind_template_callback (widget_class, on_image_build_clicked);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, shutdown_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioLaunchDialog, script_view);

  gtk_widget_class_install_action (widget_class, "launch.launch", NULL, launch_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "launch.launch", NULL);
}

static void
studio_launch_dialog_init (StudioLaunchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->size_checks = g_ptr_array_new ();
  self->option_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
}

StudioLaunchDialog *
studio_launch_dialog_new (StudioRegion *region,
                          GSettings    *settings)
{
  StudioLaunchDialog *self = g_object_new (STUDIO_TYPE_LAUNCH_DIALOG, NULL);
  g_autofree char *size = g_settings_get_string (settings, "default-size");
  g_autofree char *image = g_settings_get_string (settings, "default-image");
  g_autofree char *name = studio_region_suggest_name (region, "worker");

  self->region = g_object_ref (region);
  build_size_rows (self, size);
  {
    /* A hub decides images (the image row hides itself) and idle shutdown
     * itself; its sizes are its profiles, perhaps known only once a launch
     * begins. */
    gboolean script = studio_region_can (region, STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT);
    gboolean idle = studio_region_can (region, STUDIO_REGION_CAPABILITIES_AUTO_SHUTDOWN);

      if (studio_region_can (region, STUDIO_REGION_CAPABILITIES_SIZES_PER_LAUNCH) &&
          g_list_model_get_n_items (studio_region_list_sizes (region)) == 0)
        {
          self->hub_defaults = TRUE;
          self->default_row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->default_row), _("The Hub's Default"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->default_row),
                                       _("If the hub offers profiles, they show here when you press Launch, "
                                         "before the worker starts"));
          adw_preferences_group_add (self->size_group, self->default_row);
        }
      gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->shutdown_spin), ADW_TYPE_ACTION_ROW), idle);
      gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->script_view), ADW_TYPE_PREFERENCES_GROUP),
                              script);
  }
  studio_image_row_set_region (self->image_row, region);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->image_row), image);
  gtk_spin_button_set_value (self->shutdown_spin, g_settings_get_uint (settings, "auto-shutdown-minutes"));
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->image_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->image_row, "changed", G_CALLBACK (check_image), self);
  validate (self);
  check_image (self);
  return self;
}
