/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the worker model, sizes and helpers: no engine needed. */
#include "studio-engine.h"
#include "studio-hub-form.h"
#include "studio-hub-region.h"
#include "studio-engine-region.h"
#include "studio-regions.h"
#include "studio-error.h"
#include "studio-size-private.h"
#include "studio-util.h"
#include "studio-worker-private.h"

static void
test_states (void)
{
  g_assert_cmpstr (studio_worker_state_to_string (STUDIO_WORKER_STATE_LAUNCHING), ==, "launching");
  g_assert_cmpstr (studio_worker_state_to_string (STUDIO_WORKER_STATE_TERMINATING), ==, "terminating");
  g_assert_cmpstr (studio_worker_state_to_string (STUDIO_WORKER_STATE_FAILED), ==, "failed");
  g_assert_true (studio_worker_state_is_busy (STUDIO_WORKER_STATE_STARTING));
  g_assert_false (studio_worker_state_is_busy (STUDIO_WORKER_STATE_READY));
}

static void
test_deadline (void)
{
  g_autoptr(StudioWorker) worker = studio_worker_new ("w", "This Computer");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ten_ago = g_date_time_add_minutes (now, -10);
  g_autoptr(GDateTime) deadline = NULL;
  gint64 left;

  studio_worker_set_auto_shutdown_minutes (worker, 90);
  studio_worker_set_last_activity (worker, ten_ago);
  /* Only a ready worker counts down. */
  g_assert_cmpint (studio_worker_get_seconds_left (worker), ==, -1);
  studio_worker_set_state (worker, STUDIO_WORKER_STATE_READY);
  left = studio_worker_get_seconds_left (worker);
  g_assert_cmpint (left, >, 80 * 60 - 5);
  g_assert_cmpint (left, <=, 80 * 60);
  deadline = studio_worker_dup_shutdown_deadline (worker);
  g_assert_cmpint (g_date_time_difference (deadline, ten_ago), ==, 90 * G_TIME_SPAN_MINUTE);

  /* 0 minutes: never shuts down. */
  studio_worker_set_auto_shutdown_minutes (worker, 0);
  g_assert_cmpint (studio_worker_get_seconds_left (worker), ==, -1);
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(StudioWorker) worker = studio_worker_new ("w", NULL);
  guint count = 0;

  g_signal_connect (worker, "notify::state", G_CALLBACK (count_notify), &count);
  studio_worker_set_state (worker, STUDIO_WORKER_STATE_READY);
  studio_worker_set_state (worker, STUDIO_WORKER_STATE_READY);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_urls_and_matching (void)
{
  g_autoptr(StudioWorker) worker = studio_worker_new ("demo", NULL);
  g_autofree char *url = NULL;

  g_assert_null (studio_worker_dup_browser_url (worker));
  studio_worker_set_jupyter (worker, "http://127.0.0.1:1234/", "abc");
  url = studio_worker_dup_browser_url (worker);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:1234/?token=abc");

  studio_worker_set_id (worker, "0123456789abcdef");
  g_assert_true (studio_worker_matches (worker, "demo"));
  g_assert_true (studio_worker_matches (worker, "01234567"));
  g_assert_false (studio_worker_matches (worker, "012"));   /* too short to be an id */
  g_assert_false (studio_worker_matches (worker, "dem"));
}

static void
test_names (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_util_check_name ("my-worker_1.2", NULL));
  g_assert_false (studio_util_check_name ("", NULL));
  g_assert_false (studio_util_check_name ("-leading", NULL));
  g_assert_false (studio_util_check_name ("has space", &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME);
  g_assert_false (studio_util_check_name ("a/b", NULL));
  g_assert_false (studio_util_check_name ("0123456789012345678901234567890123456789012345678", NULL));
}

static void
test_token (void)
{
  g_autofree char *a = studio_util_random_token ();
  g_autofree char *b = studio_util_random_token ();

  g_assert_cmpuint (strlen (a), >=, 32);   /* at least 128 bits of hex */
  g_assert_cmpstr (a, !=, b);
}

static void
test_demux (void)
{
  static const guint8 frames[] = {
    1, 0, 0, 0, 0, 0, 0, 6, 'h', 'e', 'l', 'l', 'o', '\n',
    2, 0, 0, 0, 0, 0, 0, 4, 'e', 'r', 'r', '\n',
  };
  g_autoptr(GBytes) framed = g_bytes_new_static (frames, sizeof frames);
  g_autoptr(GBytes) raw = g_bytes_new_static ("plain text\n", 11);
  g_autoptr(GBytes) cut = g_bytes_new_static (frames, 10);   /* a frame cut short */
  g_autofree char *a = studio_engine_demux_logs (framed);
  g_autofree char *b = studio_engine_demux_logs (raw);
  g_autofree char *c = studio_engine_demux_logs (cut);

  g_assert_cmpstr (a, ==, "hello\nerr\n");
  g_assert_cmpstr (b, ==, "plain text\n");
  g_assert_cmpstr (c, ==, "he");
}

static void
test_last_lines (void)
{
  g_autofree char *one = studio_util_last_lines ("a\nb\nc\n\n", 1);
  g_autofree char *two = studio_util_last_lines ("a\nb\nc", 2);
  g_autofree char *none = studio_util_last_lines ("", 1);

  g_assert_cmpstr (one, ==, "c");
  g_assert_cmpstr (two, ==, "b\nc");
  g_assert_cmpstr (none, ==, "");
}

static void
test_sizes (void)
{
  g_autoptr(StudioSize) size = studio_size_new ("small", "Small", 2, (guint64) 4 << 30, 0);
  g_autofree char *text = studio_size_describe_resources (size);

  g_assert_cmpstr (text, ==, "2 CPUs · 4.0\u00a0GiB");
  g_assert_true (studio_size_matches (size, "SMALL"));
  g_assert_true (studio_size_matches (size, "small"));
  g_assert_false (studio_size_matches (size, "smal"));
  g_assert_true (studio_size_get_available (size));
  studio_size_set_unavailable (size, "Needs 2 CPUs.");
  g_assert_false (studio_size_get_available (size));
}

/* KubeSpawner's profile list, as its template renders it. */
static void
test_hub_form (void)
{
  static const char html[] =
    "<html><body><form id='spawn_form' action='/hub/spawn/alice/x' method='post'>"
    "<div class='form-group' id='kubespawner-profiles-list'>"
    "<label for='profile-item-cpu' class='profile'>"
    "  <input type='radio' name='profile' id='profile-item-cpu' value='cpu' />"
    "  <div><h3>CPU &amp; memory</h3><p>2 CPUs,\n   8 GB</p></div></label>"
    "<label for='profile-item-gpu' class='profile'>"
    "  <input type='radio' name='profile' id='profile-item-gpu' value='gpu' checked />"
    "  <div><h3>One GPU</h3><p>A100</p>"
    "  <select name='profile-option-gpu--image'><option value='torch'>PyTorch</option>"
    "  <option value='tf' selected>TensorFlow</option></select>"
    "  <select name='profile-option-gpu--disk'><option value='50'>50 GB</option></select></div></label>"
    "</div><input type='submit' value='Start'></form></body></html>";
  g_autoptr(GListStore) profiles = studio_hub_form_parse_profiles (html, strlen (html));
  g_autoptr(StudioSize) cpu = NULL;
  g_autoptr(StudioSize) gpu = NULL;
  JsonObject *defaults;

  g_assert_nonnull (profiles);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (profiles)), ==, 2);
  cpu = g_list_model_get_item (G_LIST_MODEL (profiles), 0);
  gpu = g_list_model_get_item (G_LIST_MODEL (profiles), 1);
  g_assert_cmpstr (studio_size_get_id (cpu), ==, "cpu");
  g_assert_cmpstr (studio_size_get_name (cpu), ==, "CPU & memory");
  g_assert_cmpstr (studio_size_get_description (cpu), ==, "2 CPUs, 8 GB");
  g_assert_true (studio_size_matches (gpu, "one gpu"));
  g_assert_true (studio_size_get_is_default (gpu));
  g_assert_false (studio_size_get_is_default (cpu));
  defaults = studio_size_get_defaults (gpu);
  g_assert_cmpstr (json_object_get_string_member (defaults, "image"), ==, "tf");
  g_assert_cmpstr (json_object_get_string_member (defaults, "disk"), ==, "50");
  g_assert_cmpuint (json_object_get_size (studio_size_get_defaults (cpu)), ==, 0);

  /* Ids, names and slugs with quotes are matched as text, never made into XPath. */
  {
    static const char quoted[] =
      "<form><label for=\"it's\"><input type='radio' name='profile' id=\"it's\" value=\"o'k\">"
      "<h3>Quoted</h3></label><label for=\"sel'x\">Pick</label>"
      "<select id=\"sel'x\" name=\"profile-option-o'k--disk\"><option value='1'>One</option></select></form>";
    g_autoptr(GListStore) odd = studio_hub_form_parse_profiles (quoted, strlen (quoted));
    g_autoptr(StudioSize) profile = NULL;
    JsonArray *options;

    g_assert_nonnull (odd);
    profile = g_list_model_get_item (G_LIST_MODEL (odd), 0);
    g_assert_cmpstr (studio_size_get_id (profile), ==, "o'k");
    g_assert_cmpstr (studio_size_get_name (profile), ==, "Quoted");
    options = studio_size_get_options (profile);
    g_assert_cmpuint (json_array_get_length (options), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (options, 0), "label"), ==, "Pick");
  }

  /* A page without profiles (a hub's plain form, or its login page) gives none. */
  g_assert_null (studio_hub_form_parse_profiles ("<form><input name='x'></form>", 29));
}

/* A binding builds objects with g_object_new () and reads properties: what
 * identifies each object is a construct property. */
static void
test_objects_from_properties (void)
{
  g_autoptr(StudioRegion) local = g_object_new (STUDIO_TYPE_ENGINE_REGION, NULL);
  g_autoptr(StudioRegion) hub = g_object_new (STUDIO_TYPE_HUB_REGION, "id", "lab", "url", "https://hub.example/", NULL);
  g_autoptr(StudioWorker) worker = g_object_new (STUDIO_TYPE_WORKER, "name", "w", "region", "lab", NULL);
  g_autoptr(StudioSize) size = g_object_new (STUDIO_TYPE_SIZE, "id", "xl", "cpus", 16, NULL);
  g_autoptr(StudioRegions) regions = studio_regions_new ();
  g_autoptr(StudioRegion) found = NULL;
  g_autofree char *url = NULL;
  StudioRegionCapabilities caps;

  g_assert_cmpstr (studio_region_get_id (local), ==, STUDIO_LOCAL_REGION_ID);
  g_assert_cmpstr (studio_region_get_name (local), ==, "This Computer");
  g_assert_true (studio_region_can (local, STUDIO_REGION_CAPABILITIES_IMAGES | STUDIO_REGION_CAPABILITIES_LOGS));
  g_assert_false (studio_region_can (local, STUDIO_REGION_CAPABILITIES_SIGN_IN));

  g_object_get (hub, "url", &url, "capabilities", &caps, NULL);
  g_assert_cmpstr (url, ==, "https://hub.example");
  g_assert_cmpstr (studio_region_get_name (hub), ==, "lab");
  g_assert_true (caps & STUDIO_REGION_CAPABILITIES_SIGN_IN);
  g_assert_false (caps & STUDIO_REGION_CAPABILITIES_IMAGES);

  g_assert_cmpstr (studio_worker_get_name (worker), ==, "w");
  g_assert_cmpstr (studio_worker_get_region (worker), ==, "lab");
  g_assert_cmpstr (studio_size_get_name (size), ==, "xl");
  g_assert_cmpuint (studio_size_get_cpus (size), ==, 16);

  /* The registry: This Computer first, found by its id or its name. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (regions)), ==, 1);
  found = studio_regions_lookup (regions, "This Computer");
  g_assert_nonnull (found);
  g_assert_cmpstr (studio_region_get_id (found), ==, STUDIO_LOCAL_REGION_ID);
  g_assert_null (studio_regions_lookup (regions, "nowhere"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/worker/states", test_states);
  g_test_add_func ("/worker/objects-from-properties", test_objects_from_properties);
  g_test_add_func ("/worker/deadline", test_deadline);
  g_test_add_func ("/worker/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/worker/urls-and-matching", test_urls_and_matching);
  g_test_add_func ("/util/names", test_names);
  g_test_add_func ("/util/token", test_token);
  g_test_add_func ("/util/last-lines", test_last_lines);
  g_test_add_func ("/engine/demux-logs", test_demux);
  g_test_add_func ("/size/basics", test_sizes);
  g_test_add_func ("/hub-form/kubespawner-profiles", test_hub_form);
  return g_test_run ();
}
