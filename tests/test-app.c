/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window, driven through its actions as a user would through the toolbar,
 * against a real Podman engine, under Xvfb. Each step saves a screenshot in
 * the build directory (tests/screenshots/). */
#include <glib/gstdio.h>
#include <vte/vte.h>

#include "studio-add-region-dialog.h"
#include "studio-application.h"
#include "studio-hub-region-private.h"
#include "studio-regions-private.h"
#include "studio-hub-sign-in-window.h"
#include "studio-jupyter-page.h"
#include "studio-launch-dialog.h"
#include "studio-logs-window.h"
#include "studio-spinner.h"
#include "studio-terminal-page.h"
#include "studio-window.h"
#include "studio-workers-page.h"
#include "studio-worker-state-page.h"
#include "test-app.h"
#include "test-helpers.h"

StudioApplication *app;
StudioWindow *window;
static char *worker_name;
static gboolean hub_mode;

void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
screenshot (const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("AI_STUDIO_SCREENSHOTS"), NULL);
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);
  g_autofree char *command = g_strdup_printf ("import -window root %s", path);
  g_autoptr(GError) error = NULL;
  int status;

  settle (400);   /* let the frame land */
  g_mkdir_with_parents (dir, 0755);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

StudioWorkersPage *
page (void)
{
  return STUDIO_WORKERS_PAGE (studio_window_get_workers_page (window));
}

gboolean
page_loaded (gpointer data)
{
  return g_strcmp0 (studio_workers_page_get_visible_page (page ()), "loading") != 0;
}

/* A window of that type, shown (or any, with shown_only FALSE), or NULL. */
static gpointer
find_window (GType    type,
             gboolean shown_only)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          (!shown_only || gtk_widget_get_visible (GTK_WIDGET (toplevel))))
        return toplevel;
    }
  return NULL;
}

/* The shown window of that type (a dialog, the logs), or NULL. */
gpointer
find_toplevel (GType type)
{
  return find_window (type, TRUE);
}

/* The first widget of @type in @root's tree (@root too), or NULL. */
gpointer
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every row of an image picker's menu (its GtkListBox) says where its image
 * stands in This Computer. */
gboolean
image_menu_described (gpointer list)
{
  for (GtkWidget *r = gtk_widget_get_first_child (list); r != NULL; r = gtk_widget_get_next_sibling (r))
    if (!strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), "This Computer"))
      return FALSE;
  return gtk_widget_get_first_child (list) != NULL;
}

/* The text of the first label in @root's tree that holds @needle, or NULL. */
const char *
label_with (GtkWidget  *root,
            const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = label_with (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK 4.8's own GtkShortcutsWindow measures a label of its own at -3 px
 * (also without libadwaita, and with one shortcut in it): GTK's warning, not
 * a failure of ours, let through while that window is up. Every other
 * message keeps its level and stays fatal. */
static gboolean shortcuts_up;

static GLogWriterOutput
test_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if (shortcuts_up && (level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
      g_str_has_prefix (message, "GtkLabel ") && strstr (message, " reported min width -") != NULL)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, data);
}

static gboolean
shortcuts_shown (gpointer data)
{
  return find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
}

static gboolean
shortcuts_hidden (gpointer data)
{
  return !shortcuts_shown (data);
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
widget_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static void
count_frame (guint *frames)
{
  (*frames)++;
}

/* The fewest frames an animation drove in the widget's window in one
 * second, over seconds one after the other until one has at most three, for
 * up to ten: the frame clock's update phase, which runs for tick callbacks
 * (CSS animations and transitions, spinners), not for a mere new layout or
 * redraw (a label's text, a cursor's blink). What the last change started
 * (a tab's transition, slow on a loaded machine) ends; what never rests
 * (a spinner not shown) never gets there. */
static guint
animated_frames_in_a_quiet_second (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint fewest = G_MAXUINT;

  for (guint second = 0; second < 10 && fewest > 3; second++)
    {
      guint frames = 0;
      gulong id = g_signal_connect_swapped (clock, "update", G_CALLBACK (count_frame), &frames);

      settle (1000);
      g_signal_handler_disconnect (clock, id);
      g_test_message ("animated frames in second %u: %u", second + 1, frames);
      fewest = MIN (fewest, frames);
    }
  return fewest;
}

/* Shows a worker's tab, as a click on it in the tab bar does. */
void
show_tab (GtkWidget *child)
{
  AdwTabView *tabs = studio_window_get_tab_view (window);

  adw_tab_view_set_selected_page (tabs, adw_tab_view_get_page (tabs, child));
  studio_window_show_view (window, "tabs");
}

/* Whether a worker's tab shows its own page of the worker's state (the
 * worker away), rather than its work. */
gboolean
tab_shows_state (gpointer tab)
{
  GtkWidget *state = find_descendant (tab, STUDIO_TYPE_WORKER_STATE_PAGE);

  return state != NULL && gtk_widget_get_mapped (state);
}

static void
test_window_opens (void)
{
  AdwTabView *tabs = studio_window_get_tab_view (window);
  GtkWidget *switcher;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  /* Workers and Tasks: a switcher that says them, not two icons that look
   * like tabs (a gear for Tasks read as Settings); no tab bar without tabs. */
  g_assert_cmpstr (studio_window_get_view (window), ==, "workers");
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 0);
  g_assert_false (gtk_widget_get_visible (find_descendant (GTK_WIDGET (window), ADW_TYPE_TAB_BAR)));
  switcher = find_descendant (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (switcher);
  g_assert_nonnull (label_with (gtk_widget_get_parent (switcher), "Workers"));
  g_assert_nonnull (label_with (gtk_widget_get_parent (switcher), "Tasks"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (switcher)));
  g_assert_true (wait_until (page_loaded, NULL, 20));
  g_assert_cmpstr (studio_workers_page_get_visible_page (page ()), !=, "no-engine");
  /* The subtitle names the region shown, not the tab's "Cloud Workers" again. */
  g_assert_cmpstr (adw_window_title_get_subtitle (find_descendant (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE)), ==,
                   studio_region_get_name (studio_workers_page_get_region (page ())));
  /* The app's own icons come from its resources, so a build tree shows them too. */
  {
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
    g_assert_true (gtk_icon_theme_has_icon (theme, "io.github.aistudio.Studio"));
    g_assert_true (gtk_icon_theme_has_icon (theme, "io.github.aistudio.Studio-symbolic"));
  }
  screenshot ("01-window");
  /* On the Tasks tab (none yet) the window rests: the spinners of the page
   * not shown (its own loading one; busy workers of tests alongside) do not
   * keep drawing, as they did 60 frames a second. */
  studio_window_show_view (window, "tasks");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (switcher)));
  g_assert_cmpuint (animated_frames_in_a_quiet_second (GTK_WIDGET (window)), <=, 3);
  screenshot ("01c-tasks-view");
  studio_window_show_view (window, "workers");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (switcher)));

  /* A busy spinner spins where it is shown, and rests on a page not shown
   * (a worker's, in the list, while the user is in a terminal). */
  {
    GtkWidget *stack = gtk_stack_new ();
    GtkWidget *spinner = gtk_spinner_new ();
    GtkWidget *popup = gtk_window_new ();

    gtk_stack_add_named (GTK_STACK (stack), spinner, "busy");
    gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("other"), "other");
    gtk_window_set_child (GTK_WINDOW (popup), stack);
    gtk_window_present (GTK_WINDOW (popup));
    studio_spinner_set_busy (GTK_SPINNER (spinner), TRUE);
    g_assert_true (wait_until (widget_mapped, spinner, 10));
    g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "other");
    g_assert_true (wait_until (widget_unmapped, spinner, 10));
    g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "busy");
    g_assert_true (wait_until (widget_mapped, spinner, 10));
    g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
    studio_spinner_set_busy (GTK_SPINNER (spinner), FALSE);
    g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
    gtk_window_destroy (GTK_WINDOW (popup));
  }

  /* Keyboard shortcuts: Ctrl+? shows them, built on first use (not with
   * the window), in a window of their own that comes back the same. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
    GtkWindow *shortcuts;

    g_assert_true (accels[0] != NULL && g_str_equal (accels[0], "<Control>question"));
    g_assert_null (find_window (GTK_TYPE_SHORTCUTS_WINDOW, FALSE));
    shortcuts_up = TRUE;
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
    g_assert_true (wait_until (shortcuts_shown, NULL, 10));
    shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
    g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
    screenshot ("01-shortcuts");
    gtk_window_close (shortcuts);
    g_assert_true (wait_until (shortcuts_hidden, NULL, 10));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
    g_assert_true (wait_until (shortcuts_shown, NULL, 10));
    g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);
    gtk_window_close (shortcuts);
    g_assert_true (wait_until (shortcuts_hidden, NULL, 10));
    shortcuts_up = FALSE;
  }
}

AdwMessageDialog *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static StudioWorker *
our_worker (void)
{
  return studio_region_find_worker (studio_workers_page_get_region (page ()), worker_name);
}

static gboolean
worker_in_state (gpointer data)
{
  StudioWorker *worker = our_worker ();
  return worker && (int) studio_worker_get_state (worker) == GPOINTER_TO_INT (data);
}

static gboolean
worker_gone (gpointer data)
{
  return our_worker () == NULL;
}

static gboolean
hub_worker_ready (gpointer data)
{
  StudioWorker *worker = studio_region_find_worker (studio_workers_page_get_region (page ()), data);
  return worker != NULL && studio_worker_get_state (worker) == STUDIO_WORKER_STATE_READY;
}

static gboolean
notification_logged (gpointer data)
{
  g_autofree char *log = NULL;

  g_file_get_contents (g_getenv ("AI_STUDIO_NOTIFICATIONS"), &log, NULL, NULL);
  return log != NULL && strstr (log, data) != NULL && strstr (log, "Open Jupyter") != NULL;
}

static gboolean
dialog_offers_profiles (gpointer data)
{
  StudioLaunchDialog *dialog = find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG);
  return dialog != NULL && g_list_model_get_n_items (studio_region_list_sizes (studio_workers_page_get_region (page ()))) == 3 &&
         studio_launch_dialog_can_launch (dialog);
}

/* Whether alice has a server record of this name on the hub (the admin's view). */
static gboolean
hub_has_server (const char *name)
{
  g_autofree char *command = g_strdup_printf ("curl -s -H 'Authorization: token %s' %s/hub/api/users/alice?include_stopped_servers",
                                              g_getenv ("AI_STUDIO_HUB_ADMIN_TOKEN"), g_getenv ("AI_STUDIO_TEST_HUB"));
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *servers;

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  servers = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "servers");
  return json_object_has_member (servers, name);
}

static gboolean
hub_server_gone (gpointer data)
{
  return !hub_has_server (data);
}

static gboolean
region_lacks_worker (gpointer data)
{
  return studio_region_find_worker (studio_workers_page_get_region (page ()), data) == NULL;
}

/* A hub whose profiles are not known: Launch reads them (the confirmed first
 * step of launching that server) and offers them before the server starts;
 * Cancel then takes away the empty record reading the form made. */
static void
hub_profiles_second_step (void)
{
  StudioHubRegion *hub = STUDIO_HUB_REGION (studio_workers_page_get_region (page ()));
  g_autoptr(GListStore) none = g_list_store_new (STUDIO_TYPE_SIZE);
  StudioLaunchDialog *dialog;

  studio_hub_region_set_sizes (hub, G_LIST_MODEL (none));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.launch", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG);
  g_assert_nonnull (dialog);
  studio_launch_dialog_set_name (dialog, "cancelled");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "launch.launch", NULL));
  g_assert_true (wait_until (dialog_offers_profiles, NULL, 20));
  g_assert_true (find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG) == dialog);   /* still open: the second step */
  g_assert_true (hub_has_server ("cancelled"));       /* the record reading the form made */
  screenshot ("h03-launch-dialog-second-step");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_until (hub_server_gone, (gpointer) "cancelled", 20));
  g_assert_true (wait_until (region_lacks_worker, (gpointer) "cancelled", 20));
  studio_hub_region_set_sizes (hub, G_LIST_MODEL (none));
}

static void
test_launch_through_dialog (void)
{
  StudioLaunchDialog *dialog;
  g_autoptr(StudioLaunchOptions) options = NULL;
  StudioWorker *worker;

  if (hub_mode)
    hub_profiles_second_step ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.launch", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG);
  g_assert_nonnull (dialog);
  studio_launch_dialog_set_name (dialog, worker_name);
  studio_launch_dialog_select_size (dialog, "x-small");
  options = studio_launch_dialog_get_options (dialog);
  g_assert_cmpstr (options->name, ==, worker_name);
  if (!hub_mode)
    {
      g_assert_cmpstr (options->size, ==, "x-small");
      g_assert_cmpint (options->auto_shutdown_minutes, ==, 90);   /* the settings' default */
    }
  screenshot ("02-launch-dialog");

  /* A name a container cannot hold cannot be launched, and the dialog says so. */
  g_assert_true (studio_launch_dialog_can_launch (dialog));
  studio_launch_dialog_set_name (dialog, "bad name");
  g_assert_false (studio_launch_dialog_can_launch (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "launch.launch", NULL);
  g_assert_nonnull (find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG));
  screenshot ("03-launch-dialog-bad-name");
  studio_launch_dialog_set_name (dialog, worker_name);
  g_assert_true (studio_launch_dialog_can_launch (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "launch.launch", NULL));
  if (hub_mode)
    {
      /* The profiles first; then Launch starts the server with the one chosen. */
      g_assert_true (wait_until (dialog_offers_profiles, NULL, 20));
      studio_launch_dialog_select_size (dialog, "small");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "launch.launch", NULL));
    }
  settle (200);
  g_assert_null (find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG));   /* closes at once */
  worker = our_worker ();
  g_assert_nonnull (worker);
  g_assert_true (studio_worker_state_is_busy (studio_worker_get_state (worker)) ||
                 studio_worker_get_state (worker) == STUDIO_WORKER_STATE_READY);
  g_assert_true (studio_workers_page_get_selected (page ()) == worker);
  screenshot ("04-launching");

  g_assert_true (wait_until (worker_in_state, GINT_TO_POINTER (STUDIO_WORKER_STATE_READY), 90));
  g_assert_cmpstr (studio_workers_page_get_visible_page (page ()), ==, "workers");
  screenshot ("05-ready");

  if (hub_mode)
    {
      /* The first launch read the hub's spawn form: its profiles are now the sizes. */
      StudioLaunchDialog *again;

      g_assert_cmpuint (g_list_model_get_n_items (studio_region_list_sizes (studio_workers_page_get_region (page ()))), ==, 3);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.launch", NULL));
      settle (300);
      again = find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG);
      g_assert_nonnull (again);
      studio_launch_dialog_select_size (again, "large");
      g_assert_true (studio_launch_dialog_can_launch (again));
      /* The profile's option, a native row: choose R over the default SciPy. */
      g_assert_true (studio_launch_dialog_choose_option (again, "image", "R"));
      studio_launch_dialog_set_name (again, "opt");
      screenshot ("h04-launch-dialog-profiles");
      {
        g_autoptr(StudioLaunchOptions) chosen = studio_launch_dialog_get_options (again);
        g_autofree char *log = NULL;
        g_autofree char *log_path = g_build_filename (g_getenv ("AI_STUDIO_HUB_DIR"), "spawned.jsonl", NULL);

        g_assert_cmpstr (chosen->profile_options, ==, "{\"image\":\"r\"}");
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (again), "launch.launch", NULL));
        g_assert_true (wait_until (hub_worker_ready, (gpointer) "opt", 60));
        g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
        g_assert_nonnull (strstr (log, "\"server\": \"opt\", \"options\": {\"image\": \"r\", \"profile\": \"large\"}"));
        {
          g_autoptr(GAsyncResult) result = NULL;
          StudioRegion *region = studio_workers_page_get_region (page ());

          studio_region_terminate_async (region, studio_region_find_worker (region, "opt"), NULL, store_result, &result);
          g_assert_true (studio_region_terminate_finish (region, wait_result (&result), NULL));
        }
      }
      settle (200);
    }

  /* The desktop heard of it too, with Open Jupyter. */
  {
    g_autofree char *summary = g_strdup_printf ("\"Worker %s is ready\"", worker_name);
    g_assert_true (wait_until (notification_logged, summary, 10));
  }
}

static gboolean
web_view_loaded (gpointer data)
{
  WebKitWebView *view = data;
  const char *title = webkit_web_view_get_title (view);

  /* The classic UI's home page, or JupyterLab (on AI Studio's workers). */
  return !webkit_web_view_is_loading (view) && title != NULL &&
         (strstr (title, "Home") != NULL || strstr (title, "JupyterLab") != NULL);
}

static gboolean
downloaded (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && strstr (contents, "downloaded-42") != NULL;
}

gboolean
hub_login_shown (gpointer data)
{
  WebKitWebView *view = data;
  const char *uri = webkit_web_view_get_uri (view);

  return !webkit_web_view_is_loading (view) && uri != NULL && strstr (uri, "/hub/login") != NULL;
}

static void
test_jupyter_tab (void)
{
  AdwTabView *tabs = studio_window_get_tab_view (window);
  GtkWidget *child;
  WebKitWebView *view;

  g_assert_true (studio_workers_page_select_worker (page (), our_worker ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.jupyter", NULL));
  child = adw_tab_page_get_child (adw_tab_view_get_selected_page (tabs));
  g_assert_true (STUDIO_IS_JUPYTER_PAGE (child));
  view = studio_jupyter_page_get_web_view (STUDIO_JUPYTER_PAGE (child));
  if (hub_mode)
    {
      /* The hub's own login, in the web view; then its OAuth takes the view to the server. */
      g_autofree char *script = g_strdup_printf (
        "document.getElementById('username_input').value = 'alice';"
        "document.getElementById('password_input').value = '%s';"
        "document.getElementById('login_submit').click();", g_getenv ("AI_STUDIO_HUB_PASSWORD"));

      g_assert_true (wait_until (hub_login_shown, view, 60));
      screenshot ("h03-hub-login");
      webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, NULL, NULL);
    }
  if (!wait_until (web_view_loaded, view, 60))
    g_error ("Jupyter did not load: title “%s”, uri %s", webkit_web_view_get_title (view), webkit_web_view_get_uri (view));
  /* Logged in with the token: the notebook list, not a login form. */
  g_assert_null (strstr (webkit_web_view_get_uri (view), "/login"));
  g_assert_nonnull (strstr (adw_tab_page_get_title (adw_tab_view_get_selected_page (tabs)), worker_name));
  screenshot ("06-jupyter");

  /* A download from Jupyter goes where the user says (a save dialog), not
   * by itself into ~/Downloads. */
  if (file_chooser_allowed ())
  {
    g_autoptr(StudioJupyter) jupyter = studio_jupyter_new (NULL, studio_worker_get_jupyter_url (our_worker ()),
                                                           studio_worker_get_token (our_worker ()));
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) reply = NULL;
    g_autofree char *uri = g_strdup_printf ("%sfiles/dl-test.txt?download=1", studio_worker_get_jupyter_url (our_worker ()));
    g_autofree char *path = g_build_filename (g_get_home_dir (), "chosen-dl-test.txt", NULL);
    g_autofree char *silent = g_build_filename (g_get_home_dir (), "Downloads", "dl-test.txt", NULL);

    json_parser_load_from_data (parser, "{\"type\": \"file\", \"format\": \"text\", \"content\": \"downloaded-42\"}", -1, NULL);
    studio_jupyter_call_async (jupyter, "PUT", "api/contents/dl-test.txt", json_parser_get_root (parser), NULL,
                               store_result, &result);
    reply = studio_jupyter_call_finish (jupyter, wait_result (&result), &error);
    g_assert_no_error (error);
    webkit_web_view_download_uri (view, uri);
    save_download_as (path);
    g_assert_true (wait_until (downloaded, path, 20));
    g_assert_false (g_file_test (silent, G_FILE_TEST_EXISTS));
  }
  test_page_reaches_no_desktop (STUDIO_JUPYTER_PAGE (child), view, our_worker (), hub_mode);

  /* Opening Jupyter again selects the same tab. */
  studio_window_show_view (window, "workers");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.jupyter", NULL));
  g_assert_true (adw_tab_page_get_child (adw_tab_view_get_selected_page (tabs)) == child);
}

static void
test_jupyterlab_tab (void)
{
  test_jupyterlab (our_worker ());
}

static gboolean
terminal_connected (gpointer data)
{
  return studio_terminal_page_get_connected (data);
}

static gboolean
terminal_shows (gpointer data)
{
  StudioTerminalPage *term = data;
  g_autofree char *text = vte_terminal_get_text (studio_terminal_page_get_terminal (term), NULL, NULL, NULL);
  const char *needle = g_object_get_data (G_OBJECT (term), "needle");

  return text != NULL && strstr (text, needle) != NULL;
}

static void
test_terminal_tab (void)
{
  AdwTabView *tabs = studio_window_get_tab_view (window);
  StudioTerminalPage *term;
  VteTerminal *vte;

  studio_window_show_view (window, "workers");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.terminal", NULL));
  term = STUDIO_TERMINAL_PAGE (adw_tab_page_get_child (adw_tab_view_get_selected_page (tabs)));
  g_assert_true (wait_until (terminal_connected, term, 30));
  vte = studio_terminal_page_get_terminal (term);

  /* What a user types goes to the worker's shell, and its answer comes back. */
  vte_terminal_feed_child (vte, "echo ui-$((6*7))\n", -1);
  g_object_set_data (G_OBJECT (term), "needle", (gpointer) "ui-42");
  g_assert_true (wait_until (terminal_shows, term, 20));
  {
    /* The worker sees the terminal's real size. */
    g_autofree char *size = g_strdup_printf ("%ld %ld", vte_terminal_get_row_count (vte),
                                             vte_terminal_get_column_count (vte));
    g_object_set_data_full (G_OBJECT (term), "needle", g_steal_pointer (&size), g_free);
    vte_terminal_feed_child (vte, "stty size\n", -1);
    if (!wait_until (terminal_shows, term, 20))
      g_error ("the worker's terminal size is not %s: %s", (char *) g_object_get_data (G_OBJECT (term), "needle"),
               vte_terminal_get_text (vte, NULL, NULL, NULL));
  }
  screenshot ("07-terminal");

  /* With nothing arriving, the window's frame clock rests: a second holds
   * at most the cursor's blinks, not a frame each 16 ms. */
  g_assert_cmpuint (animated_frames_in_a_quiet_second (GTK_WIDGET (term)), <=, 3);

  /* Zoom follows Ctrl+plus and is remembered; the scrollback searches. */
  {
    double before = vte_terminal_get_font_scale (vte);
    g_autoptr(GSettings) settings = g_settings_new ("io.github.aistudio.Studio");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (term), "terminal.zoom-in", NULL));
    g_assert_cmpfloat (vte_terminal_get_font_scale (vte), >, before);
    g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "terminal-font-scale"),
                                    vte_terminal_get_font_scale (vte), 0.001);
    {
      /* Bigger letters, fewer of them: the worker hears the new size (no
       * frame tick watches it: the page's next layout sends it). */
      g_autofree char *size = NULL;

      settle (300);
      size = g_strdup_printf ("%ld %ld", vte_terminal_get_row_count (vte), vte_terminal_get_column_count (vte));
      g_object_set_data_full (G_OBJECT (term), "needle", g_steal_pointer (&size), g_free);
      vte_terminal_feed_child (vte, "stty size\n", -1);
      if (!wait_until (terminal_shows, term, 20))
        g_error ("after a zoom, the worker's terminal size is not %s: %s",
                 (char *) g_object_get_data (G_OBJECT (term), "needle"), vte_terminal_get_text (vte, NULL, NULL, NULL));
    }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (term), "terminal.zoom-reset", NULL));
    g_assert_cmpfloat_with_epsilon (vte_terminal_get_font_scale (vte), 1.0, 0.001);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (term), "terminal.search", NULL));
    {
      g_autoptr(VteRegex) regex = vte_regex_new_for_search ("ui-42", -1, 0x00080000u | 0x00000400u, NULL);   /* UTF, MULTILINE */
      vte_terminal_search_set_regex (vte, regex, 0);
      g_assert_true (vte_terminal_search_find_previous (vte));
    }
  }
}

static StudioTerminalPage *
find_terminal_page (void)
{
  AdwTabView *tabs = studio_window_get_tab_view (window);

  for (int i = 0; i < adw_tab_view_get_n_pages (tabs); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, i));
      if (STUDIO_IS_TERMINAL_PAGE (child))
        return STUDIO_TERMINAL_PAGE (child);
    }
  return NULL;
}

static gboolean
terminal_disconnected (gpointer data)
{
  return !studio_terminal_page_get_connected (data);
}

static gboolean
logs_loaded (gpointer data)
{
  g_autofree char *text = studio_logs_window_get_text (data);
  return strstr (text, "ServerApp") != NULL;
}

static void
test_stop_start_terminate (void)
{
  AdwMessageDialog *dialog;

  studio_window_show_view (window, "workers");
  g_assert_true (studio_workers_page_select_worker (page (), our_worker ()));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.start", NULL) &&
                  studio_worker_get_state (our_worker ()) == STUDIO_WORKER_STATE_STARTING);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.stop", NULL));
  g_assert_true (wait_until (worker_in_state, GINT_TO_POINTER (STUDIO_WORKER_STATE_STOPPED), 60));
  screenshot ("08-stopped");

  /* The open terminal's worker stopped: the tab says so in its own page
   * (no error of a lost connection), its text kept behind it. */
  {
    StudioTerminalPage *term = find_terminal_page ();

    g_assert_nonnull (term);
    g_assert_true (wait_until (terminal_disconnected, term, 30));
    show_tab (GTK_WIDGET (term));
    g_assert_true (wait_until (tab_shows_state, term, 10));
    g_assert_nonnull (label_with (GTK_WIDGET (term), "Is Stopped"));
    g_object_set_data (G_OBJECT (term), "needle", (gpointer) "ui-42");
    g_assert_true (terminal_shows (term));
    screenshot ("08b-terminal-of-stopped-worker");
    studio_window_show_view (window, "workers");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.start", NULL));
  g_assert_true (wait_until (worker_in_state, GINT_TO_POINTER (STUDIO_WORKER_STATE_READY), 60));

  /* Back by itself once the worker is: the old shell is gone with the
   * restart, so a new one takes over. */
  {
    StudioTerminalPage *term = find_terminal_page ();

    g_assert_true (wait_until (terminal_connected, term, 30));
    g_assert_false (tab_shows_state (term));
    vte_terminal_feed_child (studio_terminal_page_get_terminal (term), "echo again-$((40+2))\n", -1);
    g_object_set_data (G_OBJECT (term), "needle", (gpointer) "again-42");
    g_assert_true (wait_until (terminal_shows, term, 20));
  }

  /* The logs, searchable. */
  {
    StudioLogsWindow *logs;

    g_assert_true (studio_workers_page_select_worker (page (), our_worker ()));
    if (!hub_mode && gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.logs", NULL))
      {
        settle (300);
        logs = find_toplevel (STUDIO_TYPE_LOGS_WINDOW);
        g_assert_nonnull (logs);
        g_assert_true (wait_until (logs_loaded, logs, 20));
        g_assert_cmpuint (studio_logs_window_search (logs, "serverapp"), >, 0);
        screenshot ("08c-logs");
        gtk_window_destroy (GTK_WINDOW (logs));
      }
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.terminate", NULL));
  settle (300);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  if (!hub_mode)
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "~/my"));
  screenshot ("09-terminate-confirm");
  adw_message_dialog_response (dialog, "terminate");
  gtk_window_close (GTK_WINDOW (dialog));   /* as its button would */
  g_assert_true (wait_until (worker_gone, NULL, 60));
  screenshot ("10-terminated");
}

int
main (int argc, char **argv)
{
  gboolean no_engine;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (test_log_writer, NULL, NULL);
  if (g_getenv ("AI_STUDIO_LATE_ENGINE") != NULL)
    {
      /* An engine that starts after the app, on a socket of the test's own. */
      g_autofree char *late = g_build_filename (g_getenv ("AI_STUDIO_TEST_DIR"), "late.sock", NULL);
      g_autofree char *address = g_strconcat ("unix://", late, NULL);

      g_setenv ("AI_STUDIO_LATE_ENGINE", late, TRUE);
      g_setenv ("CONTAINER_HOST", address, TRUE);
    }
  no_engine = g_strcmp0 (g_getenv ("CONTAINER_HOST"), "unix:///nonexistent/podman.sock") == 0 ||
              g_getenv ("AI_STUDIO_LATE_ENGINE") != NULL;
  hub_mode = g_getenv ("AI_STUDIO_TEST_HUB") != NULL;
  worker_name = test_worker_name ("ui");

  app = studio_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_activate (G_APPLICATION (app));
  window = STUDIO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);

  if (no_engine)
    g_test_add_func ("/app/no-engine", test_no_engine);
  else if (g_getenv ("AI_STUDIO_TEST_EMPTY_ENGINE") != NULL)
    g_test_add_func ("/app/image-build", test_image_build);
  else if (g_getenv ("AI_STUDIO_TEST_SSH_HOST") != NULL)
    {
      g_test_add_func ("/ssh/add-region", test_add_ssh_region);
      g_test_add_func ("/ssh/launch-through-dialog", test_launch_through_dialog);
      g_test_add_func ("/ssh/jupyter-tab", test_jupyter_tab);
      g_test_add_func ("/ssh/terminal-tab", test_terminal_tab);
      g_test_add_func ("/ssh/tab-comes-back", test_ssh_tab_comes_back);
      g_test_add_func ("/ssh/passphrase-asked", test_ssh_passphrase_asked);
    }
  else if (hub_mode)
    {
      g_test_add_func ("/hub/add-region", test_add_hub_region);
      g_test_add_func ("/hub/launch-through-dialog", test_launch_through_dialog);
      g_test_add_func ("/hub/jupyter-tab-through-hub-login", test_jupyter_tab);
      g_test_add_func ("/hub/terminal-tab", test_terminal_tab);
      g_test_add_func ("/hub/vscode-tab", test_vscode_tab);
      g_test_add_func ("/hub/stop-start-terminate", test_stop_start_terminate);
      g_test_add_func ("/hub/hub-comes-back", test_hub_comes_back);
      g_test_add_func ("/hub/browser-sign-in", test_browser_sign_in);
      g_test_add_func ("/hub/sign-in-again-and-remove", test_sign_in_again_and_remove);
    }
  else
    {
      g_test_add_func ("/app/window-opens", test_window_opens);
      g_test_add_func ("/app/region-kind-from-module", test_region_kind_from_module);
      g_test_add_func ("/app/preferences-image", test_preferences_image);
      g_test_add_func ("/app/launch-through-dialog", test_launch_through_dialog);
      g_test_add_func ("/app/jupyter-tab", test_jupyter_tab);
      g_test_add_func ("/app/jupyterlab", test_jupyterlab_tab);
      g_test_add_func ("/app/data-science-lab", test_data_science_lab);
      g_test_add_func ("/app/terminal-tab", test_terminal_tab);
      g_test_add_func ("/app/stop-start-terminate", test_stop_start_terminate);
      g_test_add_func ("/app/idle-warning-in-any-region", test_idle_warning_in_any_region);
      g_test_add_func ("/app/run-task-through-dialog", test_run_task_through_dialog);
      g_test_add_func ("/app/worker-details", test_worker_details);
      g_test_add_func ("/app/services-in-tabs", test_services_in_tabs);
    }
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (app));
  return status;
}
