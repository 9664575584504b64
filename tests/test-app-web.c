/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window and what it does not trust: a worker's page (downloads that ask
 * where to go, navigations that reach no desktop handler) and a kind of
 * region only a test module defines, shown with no line of the window's
 * that knows it. */
#include <glib/gstdio.h>

#include "aistudio.h"
#include "studio-jupyter-page.h"
#include "studio-regions-private.h"
#include "test-app.h"
#include "test-helpers.h"

static gboolean
save_dialog_shown (gpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* Whether the test may open GTK's file chooser: not under the sanitizers.
 * Its sidebar asks libcloudproviders for cloud accounts, which leaks a path
 * it builds; the window's tests run with frame-pointer stacks
 * (tests/with-xvfb), which end in GLib there, so tests/lsan.supp cannot
 * name the library. The normal suite drives the dialog. */
gboolean
file_chooser_allowed (void)
{
  if (g_getenv ("ASAN_OPTIONS") == NULL)
    return TRUE;
  g_test_message ("the save dialog is not opened under AddressSanitizer (libcloudproviders leaks in GTK's file chooser)");
  return FALSE;
}

/* A page's download asks where to save it: the test answers path. */
void
save_download_as (const char *path)
{
  GtkFileChooser *dialog;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  g_assert_true (wait_until (save_dialog_shown, NULL, 20));
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  settle (300);
  screenshot ("06e-save-download");
  g_assert_true (gtk_file_chooser_set_current_folder (dialog, folder, NULL));
  gtk_file_chooser_set_current_name (dialog, name);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
}

static char *handler_log;

/* A fake desktop handler of scheme (in the test's own data and config
 * folders), which writes what it is given into handler_log. */
static void
install_handler (const char *name,
                 const char *mime_types)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop = g_strdup_printf ("%s/%s.desktop", apps, name);
  g_autofree char *text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=%s\n"
                                           "Exec=sh -c 'echo \"%s $0 $*\" >> %s' %%u\nMimeType=%s\n",
                                           name, name, handler_log, mime_types);
  g_autofree char *list_path = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autofree char *old = NULL;
  g_auto(GStrv) types = g_strsplit (mime_types, ";", -1);
  g_autoptr(GString) list = g_string_new (NULL);

  g_mkdir_with_parents (apps, 0700);
  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_assert_true (g_file_set_contents (desktop, text, -1, NULL));
  if (g_file_get_contents (list_path, &old, NULL, NULL))
    g_string_append (list, old);
  else
    g_string_append (list, "[Default Applications]\n");
  for (guint i = 0; types[i] && *types[i]; i++)
    g_string_append_printf (list, "%s=%s.desktop\n", types[i], name);
  g_assert_true (g_file_set_contents (list_path, list->str, -1, NULL));
}

/* The desktop's browser, for the tests: a fake one that writes down what
 * it is given ("fake-browser WHAT" lines), emptied first. Returns: its log. */
const char *
fake_browser (void)
{
  if (handler_log == NULL)
    handler_log = g_build_filename (g_get_user_data_dir (), "handlers.log", NULL);
  install_handler ("fake-browser", "x-scheme-handler/http;x-scheme-handler/https;text/html;");
  g_remove (handler_log);
  return handler_log;
}

static gboolean
handler_ran (gpointer data)
{
  g_autofree char *log = NULL;

  return g_file_get_contents (handler_log, &log, NULL, NULL) && strstr (log, data) != NULL;
}

static gboolean
page_refused (gpointer data)
{
  return g_strcmp0 (studio_jupyter_page_get_refused_uri (data), g_object_get_data (data, "expected")) == 0;
}

/* What a worker's page runs is someone else's code: its navigations to
 * other schemes, and windows it opens by itself, reach no handler of the
 * desktop; the tab says so. Open in Browser gives the browser a private
 * page, never the worker's token in its arguments. */
void
test_page_reaches_no_desktop (StudioJupyterPage *jupyter,
                              WebKitWebView     *view,
                              StudioWorker      *worker,
                              gboolean           via_hub)
{
  static const char * const attempts[] = {
    "location = 'smb://198.51.100.7/share/x.desktop'",
    /* A script the test runs counts as the user's; a timer's, later, does not. */
    "setTimeout (() => { location = 'https://example.org/not-clicked'; }, 1500)",
  };
  static const char * const expected[] = {
    "smb://198.51.100.7/share/x.desktop", "https://example.org/not-clicked",
  };
  g_autofree char *log = NULL;

  fake_browser ();
  install_handler ("fake-smb", "x-scheme-handler/smb;");
  install_handler ("fake-files", "text/plain;inode/directory;");

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_object_set_data (G_OBJECT (jupyter), "expected", (gpointer) expected[i]);
      webkit_web_view_evaluate_javascript (view, attempts[i], -1, NULL, NULL, NULL, NULL, NULL);
      if (!wait_until (page_refused, jupyter, 10))
        g_error ("%s: refused %s, not %s", attempts[i], studio_jupyter_page_get_refused_uri (jupyter), expected[i]);
    }
  /* A file: page, and windows a script opens by itself: WebKit blocks them
   * before it asks (the handlers' log below shows none ran). */
  webkit_web_view_evaluate_javascript (view, "window.open('smb://198.51.100.7/other'); "
                                       "window.open('https://example.org/popup'); location = 'file:///etc/passwd'",
                                       -1, NULL, NULL, NULL, NULL, NULL);
  screenshot ("06g-page-refused-smb");

  /* Open in Browser: the browser runs, given a private page, not the token. */
  studio_jupyter_page_open_in_browser (jupyter);
  g_assert_true (wait_until (handler_ran, (gpointer) "fake-browser", 20));
  g_assert_true (g_file_get_contents (handler_log, &log, NULL, NULL));
  g_test_message ("handlers ran: %s", log);
  g_assert_null (strstr (log, "fake-smb"));
  g_assert_null (strstr (log, "fake-files"));
  g_assert_null (strstr (log, studio_worker_get_token (worker)));
  /* A hub's worker signs in through the hub: its address, no secret in it. */
  g_assert_nonnull (strstr (log, via_hub ? "fake-browser http" : "/ai-studio/browser/open-"));
  g_assert_null (strstr (log, "example.org"));
}

/* A widget of type under root (a visible one) whose string property is value. */
static GtkWidget *
find_widget_with (GtkWidget  *root,
                  GType       type,
                  const char *property,
                  const char *value)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          g_autofree char *text = NULL;

          g_object_get (child, property, &text, NULL);
          if (g_strcmp0 (text, value) == 0)
            return child;
        }
      if ((found = find_widget_with (child, type, property, value)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
region_unavailable_shown (gpointer data)
{
  return g_strcmp0 (studio_workers_page_get_visible_page (page ()), "no-engine") == 0 &&
         find_widget_with (GTK_WIDGET (page ()), ADW_TYPE_STATUS_PAGE, "title", data) != NULL;
}

/* A kind of region only a test module defines (tests/region-kind): the
 * window lists it with its icon and shows its own words when it is down,
 * with no line of the window's that knows it. */
void
test_region_kind_from_module (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "ai-studio", NULL);
  g_autofree char *ini = g_build_filename (dir, "regions.ini", NULL);
  StudioRegions *regions = studio_application_get_regions (app);
  g_autoptr(StudioRegion) cloud = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *status, *row;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (ini, "[test cloud]\nendpoint=cloud.example.org\n", -1, NULL));
  g_assert_true (studio_regions_load (regions, &error));
  g_assert_no_error (error);
  cloud = studio_regions_lookup (regions, "cloud");
  g_assert_nonnull (cloud);
  g_assert_true (studio_workers_page_select_region (page (), cloud));
  studio_region_refresh_async (cloud, NULL, NULL, NULL);
  g_assert_true (wait_until (region_unavailable_shown, (gpointer) "Test Cloud Resting", 10));
  status = find_widget_with (GTK_WIDGET (page ()), ADW_TYPE_STATUS_PAGE, "title", "Test Cloud Resting");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "Wait for the test cloud's maintenance window to end."));
  row = find_widget_with (GTK_WIDGET (page ()), ADW_TYPE_ACTION_ROW, "title", "cloud");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not available");
  g_assert_nonnull (find_widget_with (row, GTK_TYPE_IMAGE, "icon-name", "weather-overcast-symbolic"));
  screenshot ("14-region-kind-from-module");
  g_assert_true (studio_workers_page_select_region (page (), studio_application_find_region (app, "This Computer")));
  studio_regions_take_out (regions, cloud);
  g_unlink (ini);
}
