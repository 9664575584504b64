/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the fuzz targets: libFuzzer's entry points, and GLib set up so
 * that a critical or a warning is a crash the fuzzer reports. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stddef.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (parsers of text take those). */
static inline char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* Counts what a list and its items say changed: a refresh that finds
 * everything as it was must say nothing (no row of the window rebinds). */
typedef struct
{
  guint changes;
} FuzzQuiet;

static inline void
fuzz_quiet_count (gpointer data)
{
  ((FuzzQuiet *) data)->changes++;
}

static inline void
fuzz_quiet_watch (GListModel *list,
                  FuzzQuiet  *quiet)
{
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (fuzz_quiet_count), quiet);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      g_signal_connect_swapped (item, "notify", G_CALLBACK (fuzz_quiet_count), quiet);
    }
}

static inline void
fuzz_quiet_unwatch (GListModel *list,
                    FuzzQuiet  *quiet)
{
  g_signal_handlers_disconnect_by_data (list, quiet);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      g_signal_handlers_disconnect_by_data (item, quiet);
    }
}

/* How deeply a parsed document nests: what studio_util_json_load() took
 * must be at most STUDIO_JSON_MAX_DEPTH deep (the fuzzers assert it). */
static inline int
fuzz_json_depth (JsonNode *node)
{
  int deepest = 0;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          int depth = fuzz_json_depth (json_array_get_element (array, i));
          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          int depth = fuzz_json_depth (l->data);
          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  return 0;
}
