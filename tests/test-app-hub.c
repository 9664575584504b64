/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window with hub regions (tests/with-hub): adding one, signing in
 * through the hub's page, a hub that goes away and comes back, signing in
 * again and removing a region with all it kept. */
#include "studio-add-region-dialog.h"
#include "studio-hub-region-private.h"
#include "studio-hub-sign-in-window.h"
#include "studio-regions-private.h"
#include "test-app.h"
#include "test-helpers.h"

static gboolean
region_signed_in (gpointer data)
{
  StudioRegion *region = studio_workers_page_get_region (page ());

  return region != NULL && STUDIO_IS_HUB_REGION (region) && studio_region_get_available (region) &&
         g_strcmp0 (studio_workers_page_get_visible_page (page ()), "loading") != 0;
}

static gboolean
dialog_error_shown (gpointer data)
{
  return studio_add_region_dialog_get_error (data) != NULL;
}

void
test_add_hub_region (void)
{
  StudioAddRegionDialog *dialog;
  const char *hub = g_getenv ("AI_STUDIO_TEST_HUB");

  g_assert_true (wait_until (page_loaded, NULL, 20));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.add-region", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG);
  g_assert_nonnull (dialog);

  /* An http:// hub on another computer: a clearly worded question before
   * anything is sent; Cancel sends nothing and keeps the dialog. */
  {
    AdwMessageDialog *question;

    studio_add_region_dialog_fill (dialog, "plain", "http://192.0.2.1:8000", "alice", "secret", NULL);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
    settle (300);
    question = find_message_dialog ();
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Connect Without Encryption?");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "unencrypted"));
    screenshot ("h00-insecure-hub-question");
    adw_message_dialog_response (question, "cancel");
    gtk_window_close (GTK_WINDOW (question));
    settle (300);
    g_assert_null (studio_application_find_region (app, "plain"));
    g_assert_true (find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG) == dialog);
    g_assert_null (studio_add_region_dialog_get_error (dialog));
  }

  /* A wrong password: the dialog says so and stays. */
  studio_add_region_dialog_fill (dialog, "team", hub, "alice", "wrong", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
  g_assert_true (wait_until (dialog_error_shown, dialog, 20));
  g_assert_nonnull (strstr (studio_add_region_dialog_get_error (dialog), "refused"));
  screenshot ("h01-add-region-wrong-password");

  studio_add_region_dialog_fill (dialog, "team", hub, "alice", g_getenv ("AI_STUDIO_HUB_PASSWORD"), NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
  g_assert_true (wait_until (region_signed_in, NULL, 30));
  g_assert_null (find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG));
  g_assert_cmpstr (studio_region_get_status (studio_workers_page_get_region (page ())), ==, "Signed in as alice");
  screenshot ("h02-hub-region");
}

static gboolean page_shows (gpointer data);

static gboolean
region_available (gpointer data)
{
  return studio_region_get_available (data);
}

static gboolean
region_unavailable (gpointer data)
{
  return !studio_region_get_available (data);
}

/* A hub that stops answering and comes back: the window notices both by
 * itself (no Retry), within seconds of the hub answering again. */
void
test_hub_comes_back (void)
{
  StudioRegion *team = studio_application_find_region (app, "team");
  const char *stop[] = { "bash", "-c", "stop_hub", NULL };
  const char *start[] = { "bash", "-c", "start_hub >/dev/null", NULL };
  gint64 started;

  g_assert_nonnull (team);
  g_assert_true (studio_workers_page_select_region (page (), team));
  g_assert_true (g_spawn_sync (NULL, (char **) stop, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
  /* Hubs are looked at every 15 s while they answer. */
  g_assert_true (wait_until (region_unavailable, team, 40));
  g_assert_true (wait_until (page_shows, (gpointer) "no-engine", 5));
  screenshot ("h10-hub-down");
  g_assert_true (g_spawn_sync (NULL, (char **) start, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
  started = g_get_monotonic_time ();   /* start_hub returns once the hub answers */
  g_assert_true (wait_until (region_available, team, 20));
  g_test_message ("the window showed the hub %.1f s after it answered", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - started, <=, 5 * G_USEC_PER_SEC);
  g_assert_false (page_shows ((gpointer) "no-engine"));
}

static gboolean
region_named_signed_in (gpointer data)
{
  StudioRegion *region = studio_application_find_region (app, data);
  return region != NULL && studio_region_get_available (region);
}

/* A hub that signs in through its own page (OAuth, SSO): the user signs in in a
 * web view, and AI Studio gets its token from that session. */
void
test_browser_sign_in (void)
{
  StudioAddRegionDialog *dialog;
  StudioHubSignInWindow *sign_in;
  WebKitWebView *view;
  g_autofree char *script = g_strdup_printf (
    "document.getElementById('username_input').value = 'alice';"
    "document.getElementById('password_input').value = '%s';"
    "document.getElementById('login_submit').click();", g_getenv ("AI_STUDIO_HUB_PASSWORD"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.add-region", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG);
  g_assert_nonnull (dialog);
  studio_add_region_dialog_fill (dialog, "team-web", g_getenv ("AI_STUDIO_TEST_HUB"), NULL, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.browser", NULL));
  settle (300);
  sign_in = find_toplevel (STUDIO_TYPE_HUB_SIGN_IN_WINDOW);
  g_assert_nonnull (sign_in);
  view = studio_hub_sign_in_window_get_web_view (sign_in);
  g_assert_true (wait_until (hub_login_shown, view, 30));
  {
    /* A token is asked for only from the hub's own signed-in pages, in the
     * hub's own scheme: an https hub's never from an http page. */
    const char *hub = g_getenv ("AI_STUDIO_TEST_HUB");
    g_autofree char *home = g_strconcat (hub, "/hub/home", NULL);
    g_autofree char *login = g_strconcat (hub, "/hub/login?next=", NULL);
    g_autofree char *as_https = g_strconcat ("https", strchr (home, ':'), NULL);
    g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
    StudioHubSignInWindow *https_hub = studio_hub_sign_in_window_new (session, "tls", "https://hub.example.org/",
                                                                      NULL, 0);

    g_assert_true (studio_hub_sign_in_window_is_signed_in_page (sign_in, home));
    g_assert_false (studio_hub_sign_in_window_is_signed_in_page (sign_in, login));
    g_assert_false (studio_hub_sign_in_window_is_signed_in_page (sign_in, as_https));
    g_assert_false (studio_hub_sign_in_window_is_signed_in_page (sign_in, "http://evil.example/hub/home"));
    g_assert_true (studio_hub_sign_in_window_is_signed_in_page (https_hub, "https://hub.example.org/hub/home"));
    g_assert_false (studio_hub_sign_in_window_is_signed_in_page (https_hub, "http://hub.example.org/hub/home"));
    g_assert_false (studio_hub_sign_in_window_is_signed_in_page (https_hub, "https://hub.example.org:8443/hub/home"));
    gtk_window_destroy (GTK_WINDOW (https_hub));
  }
  screenshot ("h06-browser-sign-in");
  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, NULL, NULL);
  g_assert_true (wait_until (region_named_signed_in, (gpointer) "team-web", 30));
  g_assert_null (find_toplevel (STUDIO_TYPE_HUB_SIGN_IN_WINDOW));
  g_assert_null (find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG));
  screenshot ("h07-browser-signed-in");
}

static gboolean
page_shows (gpointer data)
{
  return g_strcmp0 (studio_workers_page_get_visible_page (page ()), data) == 0;
}

static gboolean
path_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
has_files (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);
  return dir != NULL && g_dir_read_name (dir) != NULL;
}

/* The hub stops taking the token: the region says so and signs in again;
 * then a region is removed, with its token. */
void
test_sign_in_again_and_remove (void)
{
  StudioRegion *team = studio_application_find_region (app, "team");
  const char *hub = g_getenv ("AI_STUDIO_TEST_HUB");
  g_autofree char *revoke = g_strdup_printf (
    "for id in $(curl -s -H 'Authorization: token %s' %s/hub/api/users/alice/tokens | "
    "python3 -c 'import json,sys; print(\" \".join(t[\"id\"] for t in json.load(sys.stdin)[\"api_tokens\"]))'); do "
    "curl -s -X DELETE -H 'Authorization: token %s' %s/hub/api/users/alice/tokens/$id; done",
    g_getenv ("AI_STUDIO_HUB_ADMIN_TOKEN"), hub, g_getenv ("AI_STUDIO_HUB_ADMIN_TOKEN"), hub);
  g_autofree char *argv_script = NULL;
  StudioAddRegionDialog *dialog;
  AdwMessageDialog *confirm;
  g_autofree char *token = NULL;
  const char *argv[] = { "bash", "-c", revoke, NULL };
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "team-web", -1);
  g_autofree char *web_data = g_build_filename (g_get_user_data_dir (), "ai-studio", "web", key, NULL);
  g_autofree char *web_cache = g_build_filename (g_get_user_cache_dir (), "ai-studio", "web", key, NULL);

  g_assert_nonnull (team);
  g_assert_true (studio_workers_page_select_region (page (), team));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.refresh", NULL));
  g_assert_true (wait_until (page_shows, (gpointer) "no-engine", 20));
  g_assert_cmpstr (studio_region_get_status (studio_workers_page_get_region (page ())), ==, "Signed out: sign in again");
  screenshot ("h08-signed-out");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.sign-in-again", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG);
  g_assert_nonnull (dialog);
  studio_add_region_dialog_fill (dialog, "team", hub, "alice", g_getenv ("AI_STUDIO_HUB_PASSWORD"), NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
  g_assert_true (wait_until (region_named_signed_in, (gpointer) "team", 30));
  g_assert_true (wait_until (page_shows, (gpointer) "empty", 20) || page_shows ((gpointer) "workers"));

  g_assert_true (studio_workers_page_select_region (page (), studio_application_find_region (app, "team-web")));
  /* Its browser sign-in left web data (the hub's cookies) in folders of its own. */
  g_assert_true (g_file_test (web_data, G_FILE_TEST_IS_DIR));
  g_assert_true (wait_until (has_files, web_data, 10));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.remove-region", NULL));
  settle (300);
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "remove");
  gtk_window_close (GTK_WINDOW (confirm));
  settle (500);
  g_assert_null (studio_application_find_region (app, "team-web"));
  g_spawn_command_line_sync ("secret-tool lookup region team-web", &token, NULL, NULL, NULL);
  g_assert_cmpstr (token, ==, "");
  /* ... and its cookies, storage and cache go with it. */
  g_assert_true (wait_until (path_gone, web_data, 10));
  g_assert_true (wait_until (path_gone, web_cache, 10));
  screenshot ("h09-region-removed");
}
