/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Run Task: a file, the folder that goes with it, the notebook's parameters
 * (read from its cell tagged "parameters", editable), the worker's region,
 * size, image and startup script, and what becomes of the worker. Run emits
 * ::run with the task, not started; the Tasks tab runs it. */
#include <glib/gi18n.h>

#include "studio-image-row.h"
#include "studio-run-task-dialog.h"

struct _StudioRunTaskDialog
{
  AdwWindow parent_instance;

  AdwActionRow *file_row;
  AdwActionRow *files_row;
  AdwPreferencesGroup *params_group;
  AdwComboRow *region_row;
  AdwComboRow *size_row;
  StudioImageRow *image_row;
  AdwActionRow *script_row;
  AdwComboRow *policy_row;
  GtkSpinButton *timeout_spin;

  StudioRegions *regions;
  char *default_size;         /* Preferences' default, as Launch starts from */
  GPtrArray *region_ids;      /* of region_row's items */
  GPtrArray *size_ids;        /* of size_row's items; NULL: the region's default */
  GPtrArray *param_rows;      /* AdwEntryRow, each with its "name" */
  char *file;
  char *files_dir;
  char *script;               /* the startup script's text */
  GtkFileChooserNative *chooser;
};

enum {
  RUN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioRunTaskDialog, studio_run_task_dialog, ADW_TYPE_WINDOW)

static StudioRegion *
selected_region (StudioRunTaskDialog *self)
{
  guint i = adw_combo_row_get_selected (self->region_row);

  if (i >= self->region_ids->len)
    return NULL;
  return studio_regions_lookup (self->regions, g_ptr_array_index (self->region_ids, i));
}

static void
update_sizes (StudioRunTaskDialog *self)
{
  g_autoptr(StudioRegion) region = selected_region (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *sizes = region ? studio_region_list_sizes (region) : NULL;
  guint preferred = G_MAXUINT;  /* the size Launch starts from */
  guint fallback = 0;           /* the one the region calls its default */

  g_ptr_array_set_size (self->size_ids, 0);
  for (guint i = 0; sizes != NULL && i < g_list_model_get_n_items (sizes); i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);

      gtk_string_list_append (names, studio_size_get_name (size));
      g_ptr_array_add (self->size_ids, g_strdup (studio_size_get_id (size)));
      if (studio_size_matches (size, self->default_size) && studio_size_get_available (size))
        preferred = i;
      if (studio_size_get_is_default (size))
        fallback = i;
    }
  if (self->size_ids->len == 0)
    {
      gtk_string_list_append (names, _("The region's default"));
      g_ptr_array_add (self->size_ids, NULL);
    }
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->size_row, preferred != G_MAXUINT ? preferred : fallback);
  gtk_widget_set_sensitive (GTK_WIDGET (self->script_row),
                            region != NULL && studio_region_can (region, STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT));
  studio_image_row_set_region (self->image_row, region);
}

static void
update_valid (StudioRunTaskDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.run", self->file != NULL && self->region_ids->len > 0);
}

/* The notebook's parameters as rows, their values as written. */
static void
update_params (StudioRunTaskDialog *self,
               JsonObject          *values)
{
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GList) names = NULL;

  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
  if (self->file != NULL && g_str_has_suffix (self->file, ".ipynb"))
    params = studio_task_read_notebook_parameters (self->file, NULL);
  if (params == NULL)
    params = json_object_new ();
  /* Values given before for names the cell does not have (papermill injects them all). */
  if (values != NULL)
    {
      g_autoptr(GList) given = json_object_get_members (values);
      for (GList *l = given; l != NULL; l = l->next)
        if (!json_object_has_member (params, l->data))
          json_object_set_string_member (params, l->data, "");
    }
  names = json_object_get_members (params);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      GtkWidget *row = adw_entry_row_new ();
      JsonNode *given = values ? json_object_get_member (values, name) : NULL;
      g_autofree char *text = NULL;

      if (given != NULL && JSON_NODE_HOLDS_VALUE (given) && json_node_get_value_type (given) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (given));
      else if (given != NULL && JSON_NODE_HOLDS_VALUE (given) && json_node_get_value_type (given) == G_TYPE_BOOLEAN)
        text = g_strdup (json_node_get_boolean (given) ? "True" : "False");
      else if (given != NULL && JSON_NODE_HOLDS_NULL (given))
        text = g_strdup ("None");
      else if (given != NULL)
        text = json_to_string (given, FALSE);
      else
        {
          /* A string literal as its text, anything else as written. */
          const char *written = json_object_get_string_member (params, name);
          gsize len = strlen (written);

          text = len >= 2 && (written[0] == '"' || written[0] == '\'') && written[len - 1] == written[0]
            ? g_strndup (written + 1, len - 2) : g_strdup (written);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
      /* Only what differs from the notebook's own values is injected. */
      if (given == NULL)
        g_object_set_data_full (G_OBJECT (row), "original", g_strdup (text), g_free);
      adw_preferences_group_add (self->params_group, row);
      g_ptr_array_add (self->param_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->params_group), self->param_rows->len > 0);
}

/**
 * studio_run_task_dialog_set_file:
 * @self: the dialog
 * @path: a script or notebook
 *
 * The file to run, as if chosen.
 */
void
studio_run_task_dialog_set_file (StudioRunTaskDialog *self,
                                 const char          *path)
{
  g_free (self->file);
  self->file = g_strdup (path);
  adw_action_row_set_subtitle (self->file_row, path);
  if (self->files_dir == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      adw_action_row_set_subtitle (self->files_row, dir);
    }
  update_params (self, NULL);
  update_valid (self);
}

/**
 * studio_run_task_dialog_set_policy:
 * @self: the dialog
 * @policy: what becomes of the worker
 *
 * The policy, as if picked.
 */
void
studio_run_task_dialog_set_policy (StudioRunTaskDialog *self,
                                   StudioTaskPolicy     policy)
{
  adw_combo_row_set_selected (self->policy_row, policy);
}

typedef enum {
  CHOOSE_FILE,
  CHOOSE_FILES,
  CHOOSE_SCRIPT,
} Choice;

static void
chosen_cb (GtkNativeDialog     *chooser,
           int                  response,
           StudioRunTaskDialog *self)
{
  Choice what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "what"));
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    switch (what)
      {
      case CHOOSE_FILE:
        studio_run_task_dialog_set_file (self, path);
        break;
      case CHOOSE_FILES:
        g_free (self->files_dir);
        self->files_dir = g_strdup (path);
        adw_action_row_set_subtitle (self->files_row, path);
        break;
      case CHOOSE_SCRIPT:
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *text = NULL;

          if (g_file_get_contents (path, &text, NULL, &error))
            {
              g_free (self->script);
              self->script = g_steal_pointer (&text);
              adw_action_row_set_subtitle (self->script_row, path);
            }
          else
            adw_action_row_set_subtitle (self->script_row, error->message);
        }
        break;
      }
  g_clear_object (&self->chooser);
}

static void
choose (StudioRunTaskDialog *self,
        Choice               what)
{
  GtkFileChooserAction action = what == CHOOSE_FILES ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                     : GTK_FILE_CHOOSER_ACTION_OPEN;
  const char *title = what == CHOOSE_FILE ? _("Choose a Script or Notebook")
                      : what == CHOOSE_FILES ? _("Choose the Folder to Upload") : _("Choose a Startup Script");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Choose"), _("_Cancel"));
  if (what == CHOOSE_FILE)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Scripts and notebooks"));
      gtk_file_filter_add_suffix (filter, "py");
      gtk_file_filter_add_suffix (filter, "sh");
      gtk_file_filter_add_suffix (filter, "ipynb");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      g_object_unref (filter);
    }
  g_object_set_data (G_OBJECT (self->chooser), "what", GINT_TO_POINTER (what));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_file_action (GtkWidget *widget, const char *name, GVariant *param)
{
  choose (STUDIO_RUN_TASK_DIALOG (widget), CHOOSE_FILE);
}

static void
choose_files_action (GtkWidget *widget, const char *name, GVariant *param)
{
  choose (STUDIO_RUN_TASK_DIALOG (widget), CHOOSE_FILES);
}

static void
choose_script_action (GtkWidget *widget, const char *name, GVariant *param)
{
  choose (STUDIO_RUN_TASK_DIALOG (widget), CHOOSE_SCRIPT);
}

static void
clear_script_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioRunTaskDialog *self = STUDIO_RUN_TASK_DIALOG (widget);

  g_clear_pointer (&self->script, g_free);
  adw_action_row_set_subtitle (self->script_row, _("None"));
}

static void
run_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioRunTaskDialog *self = STUDIO_RUN_TASK_DIALOG (widget);
  g_autoptr(StudioRegion) region = selected_region (self);
  g_autoptr(StudioTask) task = NULL;
  guint size = adw_combo_row_get_selected (self->size_row);
  g_autofree char *image = studio_image_row_dup_image (self->image_row);
  int minutes = gtk_spin_button_get_value_as_int (self->timeout_spin);

  if (region == NULL || self->file == NULL)
    return;
  task = studio_task_new (region, self->file);
  studio_task_set_files_dir (task, self->files_dir);
  if (size < self->size_ids->len)
    studio_task_set_size (task, g_ptr_array_index (self->size_ids, size));
  if (studio_region_can (region, STUDIO_REGION_CAPABILITIES_IMAGES))
    studio_task_set_image (task, image);
  if (studio_region_can (region, STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT))
    studio_task_set_startup_script (task, self->script);
  studio_task_set_policy (task, (StudioTaskPolicy) adw_combo_row_get_selected (self->policy_row));
  studio_task_set_timeout (task, (guint) minutes * 60);
  for (guint i = 0; i < self->param_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->param_rows, i);
      const char *original = g_object_get_data (G_OBJECT (row), "original");
      g_autofree char *assignment = NULL;

      if (g_strcmp0 (original, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
        continue;
      assignment = g_strdup_printf ("%s=%s", (const char *) g_object_get_data (G_OBJECT (row), "name"),
                                    gtk_editable_get_text (GTK_EDITABLE (row)));
      studio_task_add_parameter (task, assignment, NULL);
    }
  g_signal_emit (self, signals[RUN], 0, task);
  gtk_window_close (GTK_WINDOW (self));
}

static void
studio_run_task_dialog_dispose (GObject *object)
{
  StudioRunTaskDialog *self = STUDIO_RUN_TASK_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->regions);
  G_OBJECT_CLASS (studio_run_task_dialog_parent_class)->dispose (object);
}

static void
studio_run_task_dialog_finalize (GObject *object)
{
  StudioRunTaskDialog *self = STUDIO_RUN_TASK_DIALOG (object);

  g_ptr_array_unref (self->region_ids);
  g_ptr_array_unref (self->size_ids);
  g_ptr_array_unref (self->param_rows);
  g_free (self->file);
  g_free (self->files_dir);
  g_free (self->script);
  g_free (self->default_size);
  G_OBJECT_CLASS (studio_run_task_dialog_parent_class)->finalize (object);
}

static void
studio_run_task_dialog_class_init (StudioRunTaskDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_run_task_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = studio_run_task_dialog_finalize;

  /**
   * StudioRunTaskDialog::run:
   * @self: the dialog
   * @task: the task to run, with its options, not started
   */
  signals[RUN] = g_signal_new ("run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                               G_TYPE_NONE, 1, STUDIO_TYPE_TASK);

  g_type_ensure (STUDIO_TYPE_IMAGE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-run-task-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, files_row);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, params_group);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, image_row);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, script_row);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, policy_row);
  gtk_widget_class_bind_template_child (widget_class, StudioRunTaskDialog, timeout_spin);

  gtk_widget_class_install_action (widget_class, "dialog.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-files", NULL, choose_files_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-script", NULL, choose_script_action);
  gtk_widget_class_install_action (widget_class, "dialog.clear-script", NULL, clear_script_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
studio_run_task_dialog_init (StudioRunTaskDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->region_ids = g_ptr_array_new_with_free_func (g_free);
  self->size_ids = g_ptr_array_new_with_free_func (g_free);
  self->param_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->region_row, "notify::selected", G_CALLBACK (update_sizes), self);
}

/**
 * studio_run_task_dialog_new:
 * @regions: where a task may run
 * @settings: the application's settings: the size and image a task starts
 *   from, as Launch does
 * @like: (nullable): a task whose options to start from (Run Again)
 *
 * Returns: (transfer full): a new dialog
 */
StudioRunTaskDialog *
studio_run_task_dialog_new (StudioRegions *regions,
                            GSettings     *settings,
                            StudioTask    *like)
{
  StudioRunTaskDialog *self = g_object_new (STUDIO_TYPE_RUN_TASK_DIALOG, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *image = g_settings_get_string (settings, "default-image");
  guint selected = 0;

  self->regions = g_object_ref (regions);
  self->default_size = g_settings_get_string (settings, "default-size");
  gtk_editable_set_text (GTK_EDITABLE (self->image_row), image);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (regions)); i++)
    {
      g_autoptr(StudioRegion) region = g_list_model_get_item (G_LIST_MODEL (regions), i);

      gtk_string_list_append (names, studio_region_get_name (region));
      g_ptr_array_add (self->region_ids, g_strdup (studio_region_get_id (region)));
      if (like != NULL && g_strcmp0 (studio_task_get_region_id (like), studio_region_get_id (region)) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->region_row, selected);
  update_sizes (self);

  if (like != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Run Task Again"));
      for (guint i = 0; i < self->size_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->size_ids, i), studio_task_get_size (like)) == 0)
          adw_combo_row_set_selected (self->size_row, i);
      if (studio_task_get_files_dir (like) != NULL)
        {
          self->files_dir = g_strdup (studio_task_get_files_dir (like));
          adw_action_row_set_subtitle (self->files_row, self->files_dir);
        }
      if (studio_task_get_image (like) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->image_row), studio_task_get_image (like));
      if (studio_task_get_startup_script (like) != NULL)
        {
          self->script = g_strdup (studio_task_get_startup_script (like));
          adw_action_row_set_subtitle (self->script_row, _("As before"));
        }
      adw_combo_row_set_selected (self->policy_row, studio_task_get_policy (like));
      gtk_spin_button_set_value (self->timeout_spin, studio_task_get_timeout (like) / 60.0);
      studio_run_task_dialog_set_file (self, studio_task_get_file (like));
      update_params (self, studio_task_get_parameters (like));
    }
  update_valid (self);
  return self;
}
