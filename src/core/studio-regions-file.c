/* SPDX-License-Identifier: GPL-3.0-or-later */
/* regions.ini: one group per region the user added, "[KIND ID]", whose keys
 * are the region's settings (studio_region_list_settings()), named as its
 * properties. A region is built again by its kind's type from them. Today's
 * "[hub NAME]" groups are such groups already, so files written by earlier
 * releases load unchanged. Credentials never come here: a region keeps them
 * in the Secret Service (studio-keyring.c). */
#include <glib/gi18n-lib.h>

#include "studio-engine-region.h"
#include "studio-error.h"
#include "studio-regions-private.h"
#include "studio-util.h"

char *
studio_regions_file_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "ai-studio", "regions.ini", NULL);
}

static GKeyFile *
load_key_file (GError **error)
{
  g_autofree char *path = studio_regions_file_path ();
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_COMMENTS, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED, _("Cannot read %s: %s; fix or remove it."),
                   path, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

static gboolean
save_key_file (GKeyFile  *keys,
               GError   **error)
{
  g_autofree char *path = studio_regions_file_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  return g_key_file_save_to_file (keys, path, error);
}

/* A string value as g_key_file_set_string() escaped it, or NULL when it is not
 * one (GLib 2.74's own reader warns twice on a value that ends in "\"). */
static char *
key_string (GKeyFile   *keys,
            const char *group,
            const char *key)
{
  g_autofree char *raw = g_key_file_get_value (keys, group, key, NULL);
  GString *s;

  if (raw == NULL)
    return NULL;
  s = g_string_sized_new (strlen (raw));
  for (const char *p = raw; *p; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (s, *p);
          continue;
        }
      switch (*++p)
        {
        case 's': g_string_append_c (s, ' '); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        default:
          g_string_free (s, TRUE);
          return NULL;
        }
    }
  return g_string_free (s, FALSE);
}

/* "hub team" -> kind "hub", id "team"; FALSE for a group of another shape. */
static gboolean
split_group (const char  *group,
             char       **kind,
             const char **id)
{
  const char *space = strchr (group, ' ');

  if (space == NULL || space == group || space[1] == '\0')
    return FALSE;
  *kind = g_strndup (group, space - group);
  *id = space + 1;
  return TRUE;
}

/* A key's text as the value of property pspec; FALSE for a type or text that
 * does not fit (the key is then left out). */
static gboolean
value_from_key (GKeyFile   *keys,
                const char *group,
                const char *key,
                GParamSpec *pspec,
                GValue     *value)
{
  g_autofree char *text = key_string (keys, group, key);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  guint64 number;

  if (text == NULL)
    return FALSE;
  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    g_value_take_string (value, g_steal_pointer (&text));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, g_strcmp0 (text, "true") == 0);
  else if ((type == G_TYPE_UINT || type == G_TYPE_UINT64) &&
           g_ascii_string_to_unsigned (text, 10, 0, type == G_TYPE_UINT ? G_MAXUINT : G_MAXUINT64, &number, NULL))
    {
      if (type == G_TYPE_UINT)
        g_value_set_uint (value, (guint) number);
      else
        g_value_set_uint64 (value, number);
    }
  else
    {
      g_value_unset (value);
      return FALSE;
    }
  if (g_param_value_validate (pspec, value))
    {
      g_value_unset (value);
      return FALSE;
    }
  return TRUE;
}

/* The region a group describes, built by its kind's type from the keys that
 * name its writable properties; NULL for a kind nobody registered (a module
 * that is not installed here) or a group of another shape. */
static StudioRegion *
region_from_group (GKeyFile   *keys,
                   const char *group)
{
  g_autofree char *kind = NULL;
  const char *id;
  GType type;
  g_autoptr(GTypeClass) klass = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) props = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  StudioRegion *region;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  if (!split_group (group, &kind, &id) || !studio_util_check_name (id, NULL) ||
      g_ascii_strcasecmp (id, STUDIO_LOCAL_REGION_ID) == 0)
    return NULL;
  type = studio_regions_lookup_kind (kind);
  if (type == G_TYPE_INVALID)
    return NULL;
  klass = g_type_class_ref (type);
  g_ptr_array_add (props, (gpointer) "id");
  g_array_set_size (values, 1);
  g_value_init (&g_array_index (values, GValue, 0), G_TYPE_STRING);
  g_value_set_string (&g_array_index (values, GValue, 0), id);

  names = g_key_file_get_keys (keys, group, NULL, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);
      GValue value = G_VALUE_INIT;

      /* Keys that name no writable property, or one named already (GObject
       * takes "token_lifetime" for "token-lifetime"), are left out. */
      if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE) ||
          g_str_equal (pspec->name, "id") || g_str_equal (pspec->name, "name") ||
          g_ptr_array_find_with_equal_func (props, pspec->name, g_str_equal, NULL) ||
          !value_from_key (keys, group, names[i], pspec, &value))
        continue;
      g_ptr_array_add (props, (gpointer) pspec->name);
      g_array_append_val (values, value);
    }
  region = STUDIO_REGION (g_object_new_with_properties (type, props->len, (const char **) props->pdata,
                                                        (const GValue *) values->data));
  return region;
}

static GPtrArray *
regions_from_keys (GKeyFile *keys)
{
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) groups = g_key_file_get_groups (keys, NULL);

  for (guint i = 0; groups[i]; i++)
    {
      StudioRegion *region = region_from_group (keys, groups[i]);

      if (region != NULL)
        g_ptr_array_add (regions, region);
    }
  return g_steal_pointer (&regions);
}

/* The regions of regions.ini. */
GPtrArray *
studio_regions_file_load (GError **error)
{
  g_autoptr(GKeyFile) keys = load_key_file (error);

  return keys ? regions_from_keys (keys) : NULL;
}

/* The regions of a regions.ini given as text (edited by hand, perhaps badly).
 * Reads no file: the fuzzers call it too. */
GPtrArray *
studio_regions_parse (const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();

  if (!g_key_file_load_from_data (keys, data, len, G_KEY_FILE_NONE, error))
    return NULL;
  return regions_from_keys (keys);
}

/* The group of region ID, of whatever kind, or NULL. */
static char *
find_group (GKeyFile   *keys,
            const char *id)
{
  g_auto(GStrv) groups = g_key_file_get_groups (keys, NULL);

  for (guint i = 0; groups[i]; i++)
    {
      g_autofree char *kind = NULL;
      const char *group_id;

      if (split_group (groups[i], &kind, &group_id) && g_str_equal (group_id, id))
        return g_strdup (groups[i]);
    }
  return NULL;
}

/* Whether regions.ini has a region of this id. */
gboolean
studio_regions_file_has (const char *id)
{
  g_autoptr(GKeyFile) keys = load_key_file (NULL);
  g_autofree char *group = keys ? find_group (keys, id) : NULL;

  return group != NULL;
}

static void
set_key (GKeyFile     *keys,
         const char   *group,
         const char   *key,
         const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING && g_value_get_string (value) != NULL)
    g_key_file_set_string (keys, group, key, g_value_get_string (value));
  else if (type == G_TYPE_BOOLEAN && g_value_get_boolean (value))
    g_key_file_set_boolean (keys, group, key, TRUE);
  else if (type == G_TYPE_UINT && g_value_get_uint (value) != 0)
    g_key_file_set_uint64 (keys, group, key, g_value_get_uint (value));
  else if (type == G_TYPE_UINT64 && g_value_get_uint64 (value) != 0)
    g_key_file_set_uint64 (keys, group, key, g_value_get_uint64 (value));
  else
    g_key_file_remove_key (keys, group, key, NULL);
}

/* Writes the region's settings as its group, in place of any group of its id.
 * With only_if_kept, a region that is not in the file (being added, or
 * removed meanwhile) is left out. */
gboolean
studio_regions_file_save_region (StudioRegion  *region,
                                 gboolean       only_if_kept,
                                 GError       **error)
{
  g_autoptr(GKeyFile) keys = load_key_file (error);
  g_autofree char *old = NULL;
  g_autofree char *group = NULL;
  const char * const *settings;

  if (keys == NULL)
    return FALSE;
  old = find_group (keys, studio_region_get_id (region));
  if (old == NULL && only_if_kept)
    return TRUE;
  group = g_strdup_printf ("%s %s", studio_region_get_kind (region), studio_region_get_id (region));
  if (old != NULL && !g_str_equal (old, group))
    g_key_file_remove_group (keys, old, NULL);
  settings = studio_region_list_settings (region);
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (region), settings[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      g_return_val_if_fail (pspec != NULL, FALSE);
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (region), settings[i], &value);
      set_key (keys, group, settings[i], &value);
    }
  /* A region of no settings is still there: its group says so. */
  if (!g_key_file_has_group (keys, group))
    g_key_file_set_string (keys, group, "id", studio_region_get_id (region));
  return save_key_file (keys, error);
}

gboolean
studio_regions_file_remove (const char  *id,
                            GError     **error)
{
  g_autoptr(GKeyFile) keys = load_key_file (error);
  g_autofree char *group = NULL;

  if (keys == NULL)
    return FALSE;
  group = find_group (keys, id);
  if (group == NULL)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("There is no region “%s”."), id);
      return FALSE;
    }
  g_key_file_remove_group (keys, group, NULL);
  return save_key_file (keys, error);
}
