/* SPDX-License-Identifier: GPL-3.0-or-later */
/* images: the worker images a region offers, with what each is for;
 * build-image: builds one of AI Studio's own on This Computer. */
#include <stdio.h>

#include "cli.h"

int
cli_verb_images (CliContext *cli, int argc, char **argv)
{
  const char * const *images;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status;

  if (!cli_parse_options (cli, &argc, &argv, "",
                          _("List the worker images a region offers, what each is for, and whether This Computer "
                            "has AI Studio's own."), NULL, TRUE, 0, &status))
    return status;

  images = studio_region_list_images (cli->region);
  json_builder_begin_array (b);
  for (guint i = 0; images != NULL && images[i] != NULL; i++)
    {
      const char *description = studio_image_get_description (images[i]);
      const char *state = NULL;
      g_autofree char *where = NULL;
      guint64 size = 0;

      if (studio_region_can (cli->region, STUDIO_REGION_CAPABILITIES_BUILDS_IMAGES))
        {
          g_autoptr(GAsyncResult) result = NULL;
          gboolean present = FALSE;

          studio_region_has_image_async (cli->region, images[i], NULL, cli_store_result, &result);
          if (studio_region_has_image_finish (cli->region, cli_wait (&result), &present, &size, NULL))
            {
              state = present ? "present" : studio_image_can_build (images[i]) ? "not-built" : "not-pulled";
              where = studio_region_describe_image (cli->region, images[i], present, size);
            }
        }
      if (cli->json)
        {
          json_builder_begin_object (b);
          cli_json_add_string (b, "image", images[i]);
          cli_json_add_string (b, "description", description);
          cli_json_add_string (b, "state", state);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, (gint64) size);
          json_builder_set_member_name (b, "buildable");
          json_builder_add_boolean_value (b, studio_image_can_build (images[i]));
          json_builder_end_object (b);
          continue;
        }
      printf ("%s\n", images[i]);
      if (description != NULL)
        printf ("    %s\n", description);
      if (where != NULL)
        printf ("    %s%s\n", where,
                g_strcmp0 (state, "not-built") == 0 ? _(" (ai-studio-cli build-image IMAGE)") : "");
    }
  json_builder_end_array (b);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      cli_print_json (root);
    }
  return 0;
}

static void
print_progress (StudioImageBuild *build)
{
  const char *text = studio_image_build_get_text (build);

  if (text != NULL)
    fprintf (stderr, "[%3d%%] %s\n", (int) (studio_image_build_get_fraction (build) * 100 + 0.5), text);
}

int
cli_verb_build_image (CliContext *cli, int argc, char **argv)
{
  g_autoptr(StudioImageBuild) build = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!cli_parse_options (cli, &argc, &argv, _("IMAGE"),
                          _("Build one of AI Studio's own worker images in a region (This Computer by default), "
                            "from Debian's packages (a few minutes). See “images”."), NULL, TRUE, 1, &status))
    return status;
  if (!studio_image_can_build (argv[1]))
    return cli_fail (_("%s is not one of AI Studio's own images, which it builds; “images” lists them. "
                       "Other images are pulled at their first launch."), argv[1]);

  build = studio_region_build_image (cli->region, argv[1]);
  if (build == NULL)
    return cli_fail (_("%s builds no images; its images are its administrators'."), studio_region_get_name (cli->region));
  g_signal_connect (build, "notify::text", G_CALLBACK (print_progress), NULL);
  studio_image_build_run_async (build, NULL, cli_store_result, &result);
  if (!studio_image_build_run_finish (build, cli_wait (&result), &error))
    return cli_fail_error (error, NULL);
  printf (_("Built %s\n"), argv[1]);
  return 0;
}
