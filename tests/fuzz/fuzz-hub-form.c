/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A hub's spawn form (HTML): KubeSpawner's profiles and their options, then
 * kept in the config's JSON and read back as the launch dialog does. */
#include "fuzz.h"
#include "studio-hub-form.h"
#include "studio-regions-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GListStore) profiles = studio_hub_form_parse_profiles ((const char *) data, size);

  for (guint i = 0; profiles && i < g_list_model_get_n_items (G_LIST_MODEL (profiles)); i++)
    {
      g_autoptr(StudioSize) size_spec = g_list_model_get_item (G_LIST_MODEL (profiles), i);

      g_assert (studio_size_get_id (size_spec) != NULL);
      studio_size_matches (size_spec, "small");
    }
  return 0;
}
