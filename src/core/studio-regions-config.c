#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "studio-enums.h"
#include "studio-error.h"
#include "studio-hub-region-private.h"
#include "studio-local-region.h"
#include "studio-regions-private.h"
#include "studio-util.h"

#define GROUP_PREFIX "hub "

static const SecretSchema token_schema = {
  "io.github.aistudio.Studio.HubToken", SECRET_SCHEMA_NONE,
  {
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The hub's login cookie, a credential too: kept where the token is. */
static const SecretSchema cookie_schema = {
  "io.github.aistudio.Studio.HubCookie", SECRET_SCHEMA_NONE,
  {
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/**
 * studio_hub_info_copy:
 * @info: a hub region's settings
 *
 * A copy of @info.
 *
 * Returns: (transfer full): a copy of @info
 */
StudioHubInfo *
studio_hub_info_copy (const StudioHubInfo *info)
{
  StudioHubInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);
  copy = g_new0 (StudioHubInfo, 1);
  copy->name = g_strdup (info->name);
  copy->url = g_strdup (info->url);
  copy->username = g_strdup (info->username);
  copy->certificate = g_strdup (info->certificate);
  copy->profiles = g_strdup (info->profiles);
  copy->insecure = info->insecure;
  return copy;
}

/**
 * studio_hub_info_free:
 * @info: (nullable): a hub region's settings
 *
 * Frees @info.
 */
void
studio_hub_info_free (StudioHubInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->url);
  g_free (info->username);
  g_free (info->certificate);
  g_free (info->profiles);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (StudioHubInfo, studio_hub_info, studio_hub_info_copy, studio_hub_info_free)

char *
studio_regions_config_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "ai-studio", "regions.ini", NULL);
}

static GKeyFile *
load_key_file (GError **error)
{
  g_autofree char *path = studio_regions_config_path ();
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

static GPtrArray *
hubs_from_keys (GKeyFile *keys)
{
  g_autoptr(GPtrArray) hubs = NULL;
  g_auto(GStrv) groups = NULL;

  hubs = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_hub_info_free);
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      StudioHubInfo *info;

      if (!g_str_has_prefix (groups[i], GROUP_PREFIX))
        continue;
      info = g_new0 (StudioHubInfo, 1);
      info->name = g_strdup (groups[i] + strlen (GROUP_PREFIX));
      info->url = key_string (keys, groups[i], "url");
      info->username = key_string (keys, groups[i], "username");
      info->certificate = key_string (keys, groups[i], "certificate");
      info->profiles = key_string (keys, groups[i], "profiles");
      {
        g_autofree char *insecure = g_key_file_get_value (keys, groups[i], "insecure", NULL);
        info->insecure = g_strcmp0 (insecure, "true") == 0;
      }
      if (info->url == NULL)
        studio_hub_info_free (info);
      else
        g_ptr_array_add (hubs, info);
    }
  return g_steal_pointer (&hubs);
}

GPtrArray *
studio_regions_load_hubs (GError **error)
{
  g_autoptr(GKeyFile) keys = load_key_file (error);

  return keys ? hubs_from_keys (keys) : NULL;
}

/* The hubs of a regions.ini given as text (edited by hand, perhaps badly).
 * Reads no file: the fuzzers call it too. */
GPtrArray *
studio_regions_parse_hubs (const char  *data,
                           gsize        len,
                           GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();

  if (!g_key_file_load_from_data (keys, data, len, G_KEY_FILE_NONE, error))
    return NULL;
  return hubs_from_keys (keys);
}

StudioHubInfo *
studio_regions_find_hub (const char  *name,
                         GError     **error)
{
  g_autoptr(GPtrArray) hubs = studio_regions_load_hubs (error);

  for (guint i = 0; hubs && i < hubs->len; i++)
    {
      StudioHubInfo *info = g_ptr_array_index (hubs, i);

      if (g_strcmp0 (info->name, name) == 0)
        return g_ptr_array_steal_index (hubs, i);
    }
  if (hubs != NULL)
    g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("There is no region “%s”."), name);
  return NULL;
}

static gboolean
save_key_file (GKeyFile  *keys,
               GError   **error)
{
  g_autofree char *path = studio_regions_config_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  return g_key_file_save_to_file (keys, path, error);
}

gboolean
studio_regions_save_hub (const char  *name,
                         const char  *url,
                         const char  *username,
                         const char  *certificate,
                         gboolean     insecure,
                         GError     **error)
{
  g_autoptr(GKeyFile) keys = load_key_file (error);
  g_autofree char *group = g_strconcat (GROUP_PREFIX, name, NULL);

  if (keys == NULL)
    return FALSE;
  g_key_file_set_string (keys, group, "url", url);
  if (insecure)
    g_key_file_set_boolean (keys, group, "insecure", TRUE);
  else
    g_key_file_remove_key (keys, group, "insecure", NULL);
  if (username != NULL)
    g_key_file_set_string (keys, group, "username", username);
  if (certificate != NULL)
    g_key_file_set_string (keys, group, "certificate", certificate);
  return save_key_file (keys, error);
}

/* The hub's profiles as last read from its spawn form, kept for `sizes` and
 * the launch dialog: [{"slug", "name", "description", "defaults": {…}}]. */
gboolean
studio_regions_save_profiles (const char  *name,
                              GListModel  *profiles,
                              GError     **error)
{
  g_autoptr(GKeyFile) keys = load_key_file (error);
  g_autofree char *group = g_strconcat (GROUP_PREFIX, name, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (keys == NULL || !g_key_file_has_group (keys, group))
    return keys != NULL;
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (profiles, i);
      JsonObject *defaults = studio_size_get_defaults (size);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "slug");
      json_builder_add_string_value (b, studio_size_get_id (size));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, studio_size_get_name (size));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, studio_size_get_description (size) ?: "");
      json_builder_set_member_name (b, "defaults");
      if (defaults != NULL)
        json_builder_add_value (b, json_node_init_object (json_node_alloc (), defaults));
      else
        {
          json_builder_begin_object (b);
          json_builder_end_object (b);
        }
      {
        JsonArray *options = studio_size_get_options (size);

        json_builder_set_member_name (b, "options");
        if (options != NULL)
          json_builder_add_value (b, json_node_init_array (json_node_alloc (), options));
        else
          {
            json_builder_begin_array (b);
            json_builder_end_array (b);
          }
      }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  g_key_file_set_string (keys, group, "profiles", json);
  return save_key_file (keys, error);
}

/* The profiles kept in the config (JSON, perhaps edited by hand): those of a
 * usable shape, as sizes. */
GListStore *
studio_regions_parse_profiles (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GListStore *sizes = g_list_store_new (STUDIO_TYPE_SIZE);
  JsonArray *array;

  if (json == NULL || !studio_util_json_load (parser, json, -1, NULL) ||
      (array = studio_util_json_root_array (parser)) == NULL)
    return sizes;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *profile = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *slug = studio_util_json_string (profile, "slug");
      JsonObject *defaults = studio_util_json_object (profile, "defaults");
      g_autoptr(StudioSize) size = NULL;

      if (slug == NULL)
        continue;
      size = studio_size_new (slug, studio_util_json_string (profile, "name"), 0, 0, 0);
      studio_size_set_description (size, studio_util_json_string (profile, "description"));
      studio_size_set_profile (size, defaults, studio_util_json_array (profile, "options"), FALSE);
      g_list_store_append (sizes, size);
    }
  return sizes;
}

/* The hub region as configured, with its pinned certificate and known
 * profiles; the token is the caller's. */
StudioRegion *
studio_regions_open_hub (StudioHubInfo *info,
                         const char    *token)
{
  StudioRegion *region = studio_hub_region_new (info->name, info->url, token);
  g_autoptr(GListStore) profiles = studio_regions_parse_profiles (info->profiles);

  studio_hub_region_pin_certificate (STUDIO_HUB_REGION (region), info->certificate);
  studio_hub_region_set_insecure_allowed (STUDIO_HUB_REGION (region), info->insecure);
  studio_hub_region_set_sizes (STUDIO_HUB_REGION (region), G_LIST_MODEL (profiles));
  return region;
}

gboolean
studio_regions_remove_hub (const char  *name,
                           GError     **error)
{
  g_autoptr(GKeyFile) keys = load_key_file (error);
  g_autofree char *group = g_strconcat (GROUP_PREFIX, name, NULL);

  if (keys == NULL)
    return FALSE;
  if (!g_key_file_remove_group (keys, group, NULL))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("There is no region “%s”."), name);
      return FALSE;
    }
  return save_key_file (keys, error);
}

/**
 * studio_regions_disconnect_keyring:
 *
 * For a program about to exit: closes the connection to the Secret Service (if one was made), so that replies still on their way are handled and freed.
 */
void
studio_regions_disconnect_keyring (void)
{
  secret_service_disconnect ();
}

static GError *
secret_error (const GError *error)
{
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                      _("The keyring (Secret Service) is not available: %s. Unlock your keyring, or give "
                        "the region a token of your own for this run."), error->message);
}

static void
stored_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, secret_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
store_secret (const SecretSchema  *schema,
              const char          *label,
              const char          *name,
              const char          *secret,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, store_secret);
  secret_password_store (schema, SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         stored_cb, task, "region", name, NULL);
}

void
studio_regions_store_token_async (const char          *name,
                                  const char          *url,
                                  const char          *token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("AI Studio token for %s (%s)"), name, url);

  store_secret (&token_schema, label, name, token, cancellable, callback, user_data);
}

void
studio_regions_store_cookie_async (const char          *name,
                                   const char          *url,
                                   const char          *cookie,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("AI Studio hub session for %s (%s)"), name, url);

  store_secret (&cookie_schema, label, name, cookie, cancellable, callback, user_data);
}

gboolean
studio_regions_store_token_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, secret_error (error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

static void
lookup_secret (const SecretSchema  *schema,
               const char          *name,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lookup_secret);
  secret_password_lookup (schema, cancellable, looked_up_cb, task, "region", name, NULL);
}

void
studio_regions_lookup_token_async (const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  lookup_secret (&token_schema, name, cancellable, callback, user_data);
}

void
studio_regions_lookup_cookie_async (const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  lookup_secret (&cookie_schema, name, cancellable, callback, user_data);
}

/* The token, or NULL with no error when none is stored. */
char *
studio_regions_lookup_token_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The hub's login cookie, or NULL with no error when none is stored. */
char *
studio_regions_lookup_cookie_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, secret_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
studio_regions_clear_token_async (const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_regions_clear_token_async);
  /* The session cookie goes with the token. */
  secret_password_clear (&cookie_schema, NULL, NULL, NULL, "region", name, NULL);
  secret_password_clear (&token_schema, cancellable, cleared_cb, task, "region", name, NULL);
}

gboolean
studio_regions_clear_token_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- adding a hub region ------------------------------------------------------------- */

typedef struct
{
  char *name;
  char *url;
  char *username;
  char *password;
  char *certificate;
  guint lifetime;
  StudioHubAddFlags flags;
  StudioRegion *region;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_free (data->name);
  g_free (data->url);
  g_free (data->username);
  g_free (data->certificate);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_clear_object (&data->region);
  g_free (data);
}

static void
sign_in_stored_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!studio_regions_store_token_finish (result, &error) ||
      !studio_regions_save_hub (data->name, data->url,
                                studio_hub_region_get_user (STUDIO_HUB_REGION (data->region)),
                                data->certificate, (data->flags & STUDIO_HUB_ADD_INSECURE) != 0, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_object_ref (data->region), g_object_unref);
}

static void
sign_in_cookie_stored_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);

  studio_regions_store_token_finish (result, NULL);
  studio_regions_store_token_async (data->name, data->url, g_object_get_data (G_OBJECT (task), "token"),
                                    g_task_get_cancellable (task), sign_in_stored_cb, g_object_ref (task));
}

/* With the password at hand, also sign in on the hub's page: its cookie lets
 * AI Studio read the spawn form. Hubs that sign in elsewhere (OAuth) have none. */
static void
sign_in_cookie_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  g_autofree char *cookie = studio_hub_login_cookie_finish (result, NULL);

  if (cookie != NULL)
    {
      studio_hub_region_set_cookie (STUDIO_HUB_REGION (data->region), cookie);
      studio_regions_store_cookie_async (data->name, data->url, cookie, g_task_get_cancellable (task),
                                         sign_in_cookie_stored_cb, g_object_ref (task));
      return;
    }
  studio_regions_store_token_async (data->name, data->url, g_object_get_data (G_OBJECT (task), "token"),
                                    g_task_get_cancellable (task), sign_in_stored_cb, g_object_ref (task));
}

static void
sign_in_checked_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  GError *error = NULL;

  /* Keep nothing until the token has proved itself. */
  if (!studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->password != NULL)
    studio_hub_login_cookie_async (data->url, data->certificate, data->username, data->password,
                                   g_task_get_cancellable (task), sign_in_cookie_cb, g_object_ref (task));
  else
    studio_regions_store_token_async (data->name, data->url, g_object_get_data (G_OBJECT (task), "token"),
                                      g_task_get_cancellable (task), sign_in_stored_cb, g_object_ref (task));
}

static void
check_token (GTask      *task,
             const char *token)
{
  SignInData *data = g_task_get_task_data (task);

  g_object_set_data_full (G_OBJECT (task), "token", g_strdup (token), g_free);
  data->region = studio_hub_region_new (data->name, data->url, token);
  studio_hub_region_pin_certificate (STUDIO_HUB_REGION (data->region), data->certificate);
  studio_hub_region_set_insecure_allowed (STUDIO_HUB_REGION (data->region), (data->flags & STUDIO_HUB_ADD_INSECURE) != 0);
  studio_region_refresh_async (data->region, g_task_get_cancellable (task), sign_in_checked_cb, g_object_ref (task));
}

static void
sign_in_minted_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *token = studio_hub_mint_token_finish (result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  check_token (task, token);
}

/* Adds hub region NAME at URL, signed in with a token, or with a username and
 * password from which a token is minted (the password is not kept). The token
 * goes to the Secret Service; name, URL and user to the config file.
 * certificate: the SHA-256 fingerprint of a certificate the user has chosen to
 * trust though the system does not (a self-signed hub), or NULL.
 * token_lifetime_seconds: how long a minted token lives (0: as long as the hub allows).
 * flags: STUDIO_HUB_ADD_REPLACE signs in again to a region that exists (its
 * token expired); STUDIO_HUB_ADD_INSECURE accepts an http:// hub on another
 * computer, which is otherwise refused before anything is sent. */
void
studio_regions_sign_in_hub_async (const char          *name,
                              const char          *url,
                              const char          *certificate,
                              const char          *username,
                              const char          *password,
                              const char          *token,
                              guint                token_lifetime_seconds,
                              StudioHubAddFlags    flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SignInData *data = g_new0 (SignInData, 1);
  g_autoptr(StudioHubInfo) existing = NULL;
  g_autofree char *clean_url = g_strstrip (g_strdup (url ? url : ""));

  g_task_set_source_tag (task, studio_regions_sign_in_hub_async);
  data->name = g_strdup (name);
  data->url = g_steal_pointer (&clean_url);
  data->username = g_strdup (username);
  data->password = g_strdup (password);
  data->certificate = certificate && *certificate ? g_strdup (certificate) : NULL;
  data->lifetime = token_lifetime_seconds;
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  if (!studio_util_check_name (name, NULL) || g_ascii_strcasecmp (name, STUDIO_LOCAL_REGION_ID) == 0)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME,
                               _("“%s” cannot be a region name: use letters, digits, “-”, “_” and “.”."), name);
      return;
    }
  if (!g_str_has_prefix (data->url, "https://") && !g_str_has_prefix (data->url, "http://"))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("“%s” is not a hub address; give its http:// or https:// URL."), data->url);
      return;
    }
  if (studio_util_url_is_cleartext_remote (data->url) && !(flags & STUDIO_HUB_ADD_INSECURE))
    {
      g_autoptr(StudioRegion) probe = studio_hub_region_new (name, data->url, NULL);

      g_task_return_error (task, studio_hub_region_insecure_error (STUDIO_HUB_REGION (probe)));
      return;
    }
  existing = studio_regions_find_hub (name, NULL);
  if (existing != NULL && !(flags & STUDIO_HUB_ADD_REPLACE))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_EXISTS,
                               _("There is already a region named %s; remove it first."), name);
      return;
    }

  if (token != NULL && *token != '\0')
    check_token (task, token);
  else if (username != NULL && *username != '\0' && password != NULL)
    studio_hub_mint_token_async (data->url, data->certificate, username, password, data->lifetime, cancellable,
                                 sign_in_minted_cb, g_object_ref (task));
  else
    g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_AUTH,
                             _("Give a username and password, or a token."));
}

StudioRegion *
studio_regions_sign_in_hub_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
