/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The registry and regions.ini: today's files load unchanged, every kind is
 * built from its settings (ours, and one only a test module defines), a
 * region's words come from the region, and a region that fails its setup
 * leaves nothing behind. No engine or hub needed. */
#include <glib/gstdio.h>

#include "studio-error.h"
#include "studio-hub-region.h"
#include "studio-engine-region-private.h"
#include "studio-regions-private.h"

static char *config_dir;

static void
write_regions_ini (const char *text)
{
  g_autofree char *dir = g_build_filename (config_dir, "ai-studio", NULL);
  g_autofree char *path = g_build_filename (dir, "regions.ini", NULL);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static char *
read_regions_ini (void)
{
  g_autofree char *path = studio_regions_file_path ();
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static StudioRegions *
load (void)
{
  StudioRegions *regions = studio_regions_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_regions_load (regions, &error));
  g_assert_no_error (error);
  return regions;
}

static void
test_release_1_file_loads (void)
{
  g_autofree char *fixture = NULL;
  g_autoptr(StudioRegions) regions = NULL;
  g_autoptr(StudioRegion) local = NULL, team = NULL, lab = NULL;
  g_autofree char *username = NULL, *certificate = NULL;
  gboolean insecure = TRUE;
  GListModel *sizes;
  g_autoptr(StudioSize) small = NULL;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "regions-release-1.ini", NULL),
                                      &fixture, NULL, NULL));
  write_regions_ini (fixture);
  regions = load ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (regions)), ==, 3);

  local = g_list_model_get_item (G_LIST_MODEL (regions), 0);
  g_assert_cmpstr (studio_region_get_id (local), ==, STUDIO_LOCAL_REGION_ID);
  g_assert_cmpstr (studio_region_get_kind (local), ==, "local");
  g_assert_cmpstr (studio_region_get_kind_name (local), ==, "This Computer");
  g_assert_false (studio_region_can (local, STUDIO_REGION_CAPABILITIES_REMOVABLE));

  team = studio_regions_lookup (regions, "team");
  g_assert_nonnull (team);
  g_assert_cmpstr (studio_region_get_kind (team), ==, "hub");
  g_assert_cmpstr (studio_region_get_kind_name (team), ==, "JupyterHub");
  g_assert_cmpstr (studio_region_get_url (team), ==, "https://hub.example.org");
  g_assert_true (studio_region_get_sign_in_methods (team) & STUDIO_SIGN_IN_TOKEN);
  g_object_get (team, "username", &username, "certificate", &certificate, "insecure", &insecure, NULL);
  g_assert_cmpstr (username, ==, "alice");
  g_assert_true (g_str_has_prefix (certificate, "AB:CD:EF"));
  g_assert_false (insecure);
  sizes = studio_region_list_sizes (team);
  g_assert_cmpuint (g_list_model_get_n_items (sizes), ==, 2);
  small = g_list_model_get_item (sizes, 0);
  g_assert_cmpstr (studio_size_get_id (small), ==, "small");
  g_assert_cmpstr (studio_size_get_name (small), ==, "Small (2 CPUs)");

  lab = studio_regions_lookup (regions, "lab");
  g_assert_nonnull (lab);
  g_object_get (lab, "insecure", &insecure, NULL);
  g_assert_true (insecure);
}

/* What is saved loads back the same, in groups of today's shape. */
static void
test_saved_region_loads_back (void)
{
  g_autoptr(StudioRegions) regions = NULL;
  g_autoptr(StudioRegions) again = NULL;
  g_autoptr(StudioRegion) team = NULL, reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *before = NULL, *after = NULL;

  write_regions_ini ("[hub team]\nurl=https://hub.example.org\nusername=alice\n"
                     "[nosuch thing]\nkey=kept as it was\n");
  regions = load ();
  /* A kind nobody here provides is left out, and left in the file. */
  g_assert_null (studio_regions_lookup (regions, "thing"));
  team = studio_regions_lookup (regions, "team");
  g_object_get (team, "profiles", &before, NULL);
  g_assert_null (before);
  g_assert_true (studio_regions_file_save_region (team, TRUE, &error));
  g_assert_no_error (error);
  text = read_regions_ini ();
  g_assert_nonnull (strstr (text, "[hub team]"));
  g_assert_nonnull (strstr (text, "url=https://hub.example.org"));
  g_assert_nonnull (strstr (text, "username=alice"));
  g_assert_nonnull (strstr (text, "[nosuch thing]\nkey=kept as it was"));
  g_assert_null (strstr (text, "insecure"));
  again = load ();
  reloaded = studio_regions_lookup (again, "team");
  g_object_get (reloaded, "profiles", &after, NULL);
  g_assert_null (after);
  g_assert_cmpstr (studio_region_get_url (reloaded), ==, studio_region_get_url (team));
}

static void
test_engine_region_at_an_address (void)
{
  g_autoptr(StudioRegions) regions = NULL;
  g_autoptr(StudioRegion) other = NULL;
  g_autofree char *title = NULL, *words = NULL;
  g_autoptr(GError) error = NULL;

  write_regions_ini ("[engine other]\naddress=/nonexistent/docker.sock\n");
  regions = load ();
  other = studio_regions_lookup (regions, "other");
  g_assert_nonnull (other);
  g_assert_cmpstr (studio_region_get_kind (other), ==, "engine");
  g_assert_cmpstr (studio_engine_region_get_address (STUDIO_ENGINE_REGION (other)), ==,
                   "unix:///nonexistent/docker.sock");
  g_assert_true (studio_region_can (other, STUDIO_REGION_CAPABILITIES_REMOVABLE));
  g_assert_false (studio_region_refresh_sync (other, NULL, &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE);
  words = studio_region_describe_unavailable (other, &title);
  g_assert_cmpstr (title, ==, "No Container Engine");
  g_assert_nonnull (strstr (words, "unix:///nonexistent/docker.sock"));
}

static void
added_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A region that does not answer its setup is not kept. */
static void
test_failed_setup_keeps_nothing (void)
{
  g_autoptr(StudioRegions) regions = NULL;
  g_autoptr(StudioRegion) region = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  write_regions_ini ("");
  regions = load ();
  region = studio_regions_new_region ("engine", "id", "gone", "address", "unix:///nonexistent/podman.sock", NULL);
  studio_regions_add_async (regions, region, STUDIO_REGIONS_ADD_NONE, NULL, added_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (studio_regions_add_finish (regions, result, &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE);
  g_assert_null (studio_regions_lookup (regions, "gone"));
  text = read_regions_ini ();
  g_assert_null (strstr (text, "gone"));

  /* This Computer's id is taken, and so are names that are not names. */
  g_clear_object (&region);
  g_clear_object (&result);
  g_clear_error (&error);
  region = studio_regions_new_region ("engine", "id", "local", "address", "/x.sock", NULL);
  studio_regions_add_async (regions, region, STUDIO_REGIONS_ADD_NONE, NULL, added_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (studio_regions_add_finish (regions, result, &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME);
}

/* A kind defined only by a test module: built from its settings, and
 * speaking for itself. */
static void
test_module_kind (void)
{
  g_autoptr(StudioRegions) regions = NULL;
  g_autoptr(StudioRegion) cloud = NULL;
  g_autofree char *title = NULL, *words = NULL;
  g_auto(GStrv) kinds = studio_regions_list_kinds ();

  g_assert_true (g_strv_contains ((const char * const *) kinds, "hub"));
  g_assert_true (g_strv_contains ((const char * const *) kinds, "engine"));
  g_assert_true (g_strv_contains ((const char * const *) kinds, "test"));
  write_regions_ini ("[test cloud]\nendpoint=cloud.example.org\n");
  regions = load ();
  cloud = studio_regions_lookup (regions, "cloud");
  g_assert_nonnull (cloud);
  g_assert_cmpstr (studio_region_get_kind_name (cloud), ==, "Test Cloud");
  g_assert_false (studio_region_refresh_sync (cloud, NULL, NULL));
  words = studio_region_describe_unavailable (cloud, &title);
  g_assert_cmpstr (title, ==, "Test Cloud Resting");
  g_assert_nonnull (strstr (words, "The Test Cloud at cloud.example.org is down"));
}

/* Sizes come from the engine's machine (its /info), not this computer's. */
static void
test_sizes_from_the_engines_machine (void)
{
  g_autoptr(StudioRegion) region = studio_engine_region_new ("unix:///nonexistent/docker.sock");
  g_autoptr(JsonParser) parser = json_parser_new ();
  GListModel *sizes = studio_region_list_sizes (region);
  StudioMachine machine;
  g_autoptr(StudioSize) medium = NULL;
  g_autoptr(StudioSize) gpu_large = NULL;

  /* Docker 28: CDI devices name the GPUs. */
  g_assert_true (json_parser_load_from_data (parser,
    "{\"NCPU\": 16, \"MemTotal\": 68719476736, \"DiscoveredDevices\": ["
    "{\"Source\": \"cdi\", \"ID\": \"nvidia.com/gpu=0\"}, {\"Source\": \"cdi\", \"ID\": \"nvidia.com/gpu=1\"},"
    "{\"Source\": \"cdi\", \"ID\": \"nvidia.com/gpu=all\"}]}", -1, NULL));
  g_assert_true (studio_engine_region_parse_machine (json_parser_get_root (parser), &machine));
  g_assert_cmpuint (machine.cpus, ==, 16);
  g_assert_cmpint (machine.gpus, ==, 2);
  studio_engine_region_apply_machine (STUDIO_ENGINE_REGION (region), &machine);
  g_assert_cmpuint (g_list_model_get_n_items (sizes), ==, 6);
  gpu_large = g_list_model_get_item (sizes, 5);
  g_assert_cmpstr (studio_size_get_id (gpu_large), ==, "gpu-large");
  g_assert_cmpuint (studio_size_get_gpus (gpu_large), ==, 2);
  g_assert_true (studio_size_get_available (gpu_large));

  /* A small machine elsewhere: what does not fit says whose machine is short. */
  g_assert_true (json_parser_load_from_data (parser, "{\"NCPU\": 2, \"MemTotal\": 4294967296}", -1, NULL));
  g_assert_true (studio_engine_region_parse_machine (json_parser_get_root (parser), &machine));
  g_assert_cmpint (machine.gpus, ==, -1);
  machine.gpus = 0;
  studio_engine_region_apply_machine (STUDIO_ENGINE_REGION (region), &machine);
  g_assert_cmpuint (g_list_model_get_n_items (sizes), ==, 4);
  medium = g_list_model_get_item (sizes, 2);
  g_assert_false (studio_size_get_available (medium));
  g_assert_cmpstr (studio_size_get_unavailable_reason (medium), ==, "Needs 4 CPUs; the engine's machine has 2.");

  /* Not an engine's info. */
  g_assert_true (json_parser_load_from_data (parser, "{\"NCPU\": \"many\"}", -1, NULL));
  g_assert_false (studio_engine_region_parse_machine (json_parser_get_root (parser), &machine));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  config_dir = g_dir_make_tmp ("ai-studio-regions-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_test_add_func ("/regions/release-1-file-loads", test_release_1_file_loads);
  g_test_add_func ("/regions/saved-region-loads-back", test_saved_region_loads_back);
  g_test_add_func ("/regions/engine-region-at-an-address", test_engine_region_at_an_address);
  g_test_add_func ("/regions/failed-setup-keeps-nothing", test_failed_setup_keeps_nothing);
  g_test_add_func ("/regions/module-kind", test_module_kind);
  g_test_add_func ("/regions/sizes-from-the-engines-machine", test_sizes_from_the_engines_machine);
  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", config_dir);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
  g_free (config_dir);
  return status;
}
