/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Launch, stop, start, terminate and replicate on a hub, following the spawn's
 * progress stream as it comes. */
#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-hub-form.h"
#include "studio-hub-region-private.h"
#include "studio-line-limit-private.h"
#include "studio-regions-private.h"
#include "studio-util.h"

#define SETTLE_POLL_MS   500
#define SETTLE_ROUNDS    240   /* two minutes */

typedef struct
{
  StudioWorker *worker;
  JsonNode *user_options;
  gboolean is_new;             /* the worker did not exist on the hub before */
  gboolean returns_worker;     /* a launch or replica; else a stop, start or terminate */
  char *requested_size;        /* a profile slug or display name, to match against the form */
  JsonObject *chosen_options;  /* the user's choices among the profile's options */
  StudioWorkerAction action;
  SoupMessage *msg;
  GDataInputStream *lines;
  guint rounds;
} SpawnData;

static void
spawn_data_free (SpawnData *data)
{
  g_clear_object (&data->worker);
  g_clear_pointer (&data->user_options, json_node_unref);
  g_clear_object (&data->msg);
  g_clear_object (&data->lines);
  g_free (data->requested_size);
  g_clear_pointer (&data->chosen_options, json_object_unref);
  g_free (data);
}

static void
forget (StudioHubRegion *self,
        SpawnData       *data)
{
  studio_region_unmark_busy (STUDIO_REGION (self), data->worker);
  if (data->is_new)
    {
      guint position;

      if (g_list_store_find (studio_region_get_store (STUDIO_REGION (self)), data->worker, &position))
        g_list_store_remove (studio_region_get_store (STUDIO_REGION (self)), position);
    }
}

static void
fail (GTask  *task,
      GError *error)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  SpawnData *data = g_task_get_task_data (task);

  forget (self, data);
  g_task_return_error (task, error);
  g_object_unref (task);
  studio_region_refresh_async (STUDIO_REGION (self), NULL, NULL, NULL);
}

static void
ready_refreshed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  SpawnData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    {
      fail (task, error);
      return;
    }
  if (studio_worker_get_state (data->worker) != STUDIO_WORKER_STATE_READY)
    {
      fail (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("The hub stopped reporting on %s before it was ready; see the hub's spawn page."),
                               studio_worker_get_name (data->worker)));
      return;
    }
  if (data->returns_worker)
    g_task_return_pointer (task, g_object_ref (data->worker), g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
finish_ready (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  SpawnData *data = g_task_get_task_data (task);

  data->is_new = FALSE;
  studio_region_unmark_busy (STUDIO_REGION (self), data->worker);
  studio_region_refresh_async (STUDIO_REGION (self), NULL, ready_refreshed_cb, task);
}

/* One line of a spawn's progress stream ("data: {json}", server-sent
 * events); FALSE for lines that are not an event. fraction: 0..1, or -1. */
gboolean
studio_hub_parse_progress_event (const char  *line,
                                 char       **message,
                                 double      *fraction,
                                 gboolean    *ready,
                                 gboolean    *failed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *event;
  gint64 percent;

  *message = NULL;
  if (line == NULL || !g_str_has_prefix (line, "data:") || !studio_util_json_load (parser, line + 5, -1, NULL) ||
      (event = studio_util_json_root_object (parser)) == NULL)
    return FALSE;
  *message = g_strdup (studio_util_json_string (event, "message"));
  percent = studio_util_json_int (event, "progress", -1);
  *fraction = percent >= 0 ? MIN (percent, 100) / 100.0 : -1.0;
  *ready = studio_util_json_bool (event, "ready");
  *failed = studio_util_json_bool (event, "failed");
  return TRUE;
}

static void
progress_line_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SpawnData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &error);
  g_autofree char *message = NULL;
  double fraction;
  gboolean ready, failed;

  if (line == NULL)
    {
      /* The stream ended (or broke): the server's own state has the last word. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (task, g_steal_pointer (&error));
      else
        finish_ready (task);
      return;
    }

  if (studio_hub_parse_progress_event (line, &message, &fraction, &ready, &failed))
    {
      if (failed)
        {
          fail (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED, _("The hub could not start %s: %s"),
                                   studio_worker_get_name (data->worker), message ? message : _("no reason given")));
          return;
        }
      studio_worker_set_progress (data->worker, message, fraction);
      if (ready)
        {
          finish_ready (task);
          return;
        }
    }
  g_data_input_stream_read_line_async (data->lines, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                       progress_line_cb, task);
}

static void
progress_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SpawnData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (stream == NULL || soup_message_get_status (data->msg) != 200)
    {
      /* No progress to follow: the server's state will tell. */
      finish_ready (task);
      return;
    }
  {
    /* The hub's lines are read to their end: a line may not go on forever. */
    g_autoptr(GInputStream) limited = studio_line_limit_stream_new (stream, STUDIO_MAX_STREAM_LINE);

    data->lines = g_data_input_stream_new (limited);
  }
  g_data_input_stream_read_line_async (data->lines, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                       progress_line_cb, task);
}

static void
follow_progress (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  SpawnData *data = g_task_get_task_data (task);
  g_autofree char *path = studio_hub_region_server_path (self, studio_worker_get_name (data->worker), "/progress");
  GError *error = NULL;

  /* The same guard as every call with the token (studio_hub_region_call_async). */
  if (self->cleartext && !self->insecure_allowed)
    {
      fail (task, studio_hub_region_insecure_error (self));
      return;
    }
  g_clear_object (&data->msg);
  data->msg = studio_util_message_new ("GET", self->url, path, &error);
  if (data->msg == NULL)
    {
      fail (task, error);
      return;
    }
  studio_util_message_set_token (data->msg, self->token);
  soup_message_headers_replace (soup_message_get_request_headers (data->msg), "Accept", "text/event-stream");
  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                           progress_sent_cb, task);
}

static void
spawned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SpawnData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = studio_hub_region_call_finish (STUDIO_HUB_REGION (object), result, &status, &error);
  if (error != NULL)
    {
      fail (task, error);
      return;
    }
  if (status == 202)
    {
      studio_worker_set_progress (data->worker, _("Waiting for the hub"), 0.0);
      follow_progress (task);
    }
  else
    finish_ready (task);
}

static void
spawn (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  SpawnData *data = g_task_get_task_data (task);
  g_autofree char *path = studio_hub_region_server_path (self, studio_worker_get_name (data->worker), NULL);

  studio_worker_set_progress (data->worker, _("Asking the hub"), -1.0);
  studio_hub_region_call_async (self, "POST", path, data->user_options, g_task_get_cancellable (task),
                                spawned_cb, task);
}

/* ---- the spawn form ---------------------------------------------------------------------- */

/* After taking away the empty server record, report why the launch stopped. */
static void
discarded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (STUDIO_HUB_REGION (object), result, NULL, NULL);
  GError *error = g_object_steal_data (G_OBJECT (task), "error");

  fail (task, error);
}

/* The profiles of a spawn form, which become the region's sizes (kept in the
 * config for `sizes` and the launch dialog); NULL for a form without. */
static GListStore *
adopt_profiles (StudioHubRegion *self,
                GBytes          *form)
{
  GListStore *profiles = studio_hub_form_parse_profiles (g_bytes_get_data (form, NULL), g_bytes_get_size (form));

  if (profiles != NULL)
    {
      studio_hub_region_set_sizes (self, G_LIST_MODEL (profiles));
      studio_regions_file_save_region (STUDIO_REGION (self), TRUE, NULL);
    }
  return profiles;
}

static void
form_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  SpawnData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  guint status = bytes ? soup_message_get_status (data->msg) : 0;
  const char *location = bytes ? soup_message_headers_get_one (soup_message_get_response_headers (data->msg),
                                                              "Location") : NULL;
  g_autoptr(GListStore) profiles = NULL;
  JsonObject *options = JSON_NODE_HOLDS_OBJECT (data->user_options) ? json_node_get_object (data->user_options) : NULL;
  StudioSize *chosen = NULL;

  if (status >= 300 && status < 400 && location != NULL &&
      (strstr (location, "/spawn-pending/") != NULL || strstr (location, "/user/") != NULL))
    {
      /* No form: the hub started the server, as the user asked; follow it. */
      studio_worker_set_progress (data->worker, _("Waiting for the hub"), 0.0);
      follow_progress (task);
      return;
    }
  if (status != 200)
    {
      if (location != NULL && strstr (location, "/hub/login") != NULL)
        studio_hub_region_set_cookie (self, NULL);   /* expired: the API does without */
      spawn (task);
      return;
    }

  profiles = adopt_profiles (self, bytes);
  if (profiles == NULL)
    {
      spawn (task);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (profiles)); i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (G_LIST_MODEL (profiles), i);

      if (data->requested_size ? studio_size_matches (size, data->requested_size)
                               : chosen == NULL && studio_size_get_is_default (size))
        chosen = size;
    }
  if (chosen == NULL && data->requested_size == NULL && g_list_model_get_n_items (G_LIST_MODEL (profiles)) > 0)
    {
      /* No profile checked by default: the first one, as a browser would submit. */
      g_autoptr(StudioSize) first = g_list_model_get_item (G_LIST_MODEL (profiles), 0);
      chosen = first;
    }
  if (chosen == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);
      g_autofree char *path = studio_hub_region_server_path (self, studio_worker_get_name (data->worker), NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (profiles)); i++)
        {
          g_autoptr(StudioSize) size = g_list_model_get_item (G_LIST_MODEL (profiles), i);
          g_string_append_printf (known, "%s%s (%s)", i ? ", " : "", studio_size_get_id (size),
                                  studio_size_get_name (size));
        }
      /* Reading the form made an empty server record: take it away again. */
      studio_util_json_load (parser, "{\"remove\": true}", -1, NULL);
      g_object_set_data (G_OBJECT (task), "error",
                         g_error_new (STUDIO_ERROR, STUDIO_ERROR_INVALID_SIZE,
                                      _("The hub has no profile “%s”; its profiles are: %s."),
                                      data->requested_size, known->str));
      studio_hub_region_call_async (self, "DELETE", path, json_parser_get_root (parser), NULL, discarded_cb, task);
      return;
    }

  /* The profile, and each of its options as the form chooses it by default. */
  {
    JsonObject *defaults = studio_size_get_defaults (chosen);
    g_autoptr(JsonObject) user_options = json_object_new ();

    if (defaults != NULL)
      {
        g_autoptr(GList) keys = json_object_get_members (defaults);
        for (GList *l = keys; l; l = l->next)
          json_object_set_member (user_options, l->data, json_node_copy (json_object_get_member (defaults, l->data)));
      }
    if (data->chosen_options != NULL)
      {
        g_autoptr(GList) keys = json_object_get_members (data->chosen_options);
        for (GList *l = keys; l; l = l->next)
          json_object_set_member (user_options, l->data,
                                  json_node_copy (json_object_get_member (data->chosen_options, l->data)));
      }
    if (options != NULL && json_object_has_member (options, "image"))
      json_object_set_member (user_options, "image", json_node_copy (json_object_get_member (options, "image")));
    json_object_set_string_member (user_options, "profile", studio_size_get_id (chosen));
    json_node_unref (data->user_options);
    data->user_options = json_node_init_object (json_node_alloc (), user_options);
    studio_worker_set_size (data->worker, studio_size_get_id (chosen));
  }
  spawn (task);
}

/* With the hub's login cookie, the spawn form says which profiles exist. Its
 * GET starts the server at once on a hub without a form, so it is read only
 * here, for the very server the user asked to launch. */
static void
read_form (GTask *task)
{
  StudioHubRegion *self = g_task_get_source_object (task);
  SpawnData *data = g_task_get_task_data (task);
  g_autofree char *path = studio_util_path ("/hub/spawn/%s/%s", self->user, studio_worker_get_name (data->worker));
  GError *error = NULL;

  studio_worker_set_progress (data->worker, _("Reading the hub's profiles"), -1.0);
  g_clear_object (&data->msg);
  data->msg = studio_util_message_new ("GET", self->url, path, &error);
  if (data->msg == NULL)
    {
      fail (task, error);
      return;
    }
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (data->msg), "Cookie", self->cookie);
  soup_session_send_and_read_async (self->session, data->msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    form_read_cb, task);
}

/* ---- the profiles, as the first step of a launch ------------------------------------ */

static void
profiles_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioHubRegion *self = g_task_get_source_object (task);
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  const char *location = bytes ? soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location")
                               : NULL;
  g_autoptr(GListStore) profiles = NULL;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (location != NULL && strstr (location, "/hub/login") != NULL)
    studio_hub_region_set_cookie (self, NULL);   /* expired: a launch does without */
  if (soup_message_get_status (msg) == 200)
    profiles = adopt_profiles (self, bytes);
  /* No profiles (no form, or a form of another kind): the launch goes on as it is. */
  g_task_return_pointer (task, profiles ? g_steal_pointer (&profiles) : g_list_store_new (STUDIO_TYPE_SIZE),
                         g_object_unref);
}

/* studio_region_prepare_launch_async() on a hub: the first step of a launch on a hub whose profiles are not known yet: reads
 * the spawn form of the server @name (the user has pressed Launch for it), so
 * that its profiles can be offered before the server starts. Reading the form
 * makes an empty server record on a hub with a form (launch it, or take it
 * away with studio_hub_region_discard_server_async()); on a hub without a
 * form it starts the server, as the launch would. */
void
studio_hub_region_prepare_launch_async (StudioRegion        *region,
                                        const char          *name,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (region);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = NULL;
  GError *error = NULL;
  SoupMessage *msg;

  g_task_set_source_tag (task, studio_hub_region_prepare_launch_async);
  if (self->cookie == NULL || self->user == NULL || !studio_util_check_name (name, &error))
    {
      /* Signed in with a token only: the form needs the hub's login; the launch does without. */
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_list_store_new (STUDIO_TYPE_SIZE), g_object_unref);
      return;
    }
  path = studio_util_path ("/hub/spawn/%s/%s", self->user, name);
  msg = studio_util_message_new ("GET", self->url, path, &error);
  if (msg == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", self->cookie);
  g_task_set_task_data (task, msg, g_object_unref);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, profiles_read_cb,
                                    g_object_ref (task));
}

/* The hub's profiles (#StudioSize), empty when the hub offers none or they
 * cannot be read. */
GListModel *
studio_hub_region_prepare_launch_finish (StudioRegion  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
server_discarded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (STUDIO_HUB_REGION (object), result, NULL, &error);

  if (error != NULL && !g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    g_task_return_error (task, error);
  else
    {
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
    }
  /* A list read while the record existed shows it: read it again. */
  studio_region_refresh_async (STUDIO_REGION (object), NULL, NULL, NULL);
}

/* Takes away the server record that reading its form made (a launch cancelled
 * at its second step); a record that is gone already is fine. */
void
studio_hub_region_cancel_launch_async (StudioRegion        *region,
                                       const char          *name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (region);
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"remove\": true}", NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_hub_region_cancel_launch_async);
  path = studio_hub_region_server_path (self, name, NULL);
  studio_hub_region_call_async (self, "DELETE", path, body, cancellable, server_discarded_cb, task);
}

gboolean
studio_hub_region_cancel_launch_finish (StudioRegion  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static JsonNode *
options_to_user_options (const StudioLaunchOptions *options)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  if (options->size != NULL && *options->size != '\0' && g_strcmp0 (options->size, "default") != 0)
    {
      json_builder_set_member_name (b, "profile");
      json_builder_add_string_value (b, options->size);
    }
  if (options->image != NULL && *options->image != '\0')
    {
      json_builder_set_member_name (b, "image");
      json_builder_add_string_value (b, options->image);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static StudioWorker *
start_new (StudioHubRegion *self,
           const char      *name,
           JsonNode        *user_options,
           gboolean         from_form,
           const char      *requested_size,
           JsonObject      *chosen_options,
           GCancellable    *cancellable,
           GAsyncReadyCallback callback,
           gpointer         user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SpawnData *data = g_new0 (SpawnData, 1);
  StudioRegion *region = STUDIO_REGION (self);
  JsonObject *options = JSON_NODE_HOLDS_OBJECT (user_options) ? json_node_get_object (user_options) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;

  g_task_set_source_tag (task, studio_hub_region_launch_async);
  g_task_set_task_data (task, data, (GDestroyNotify) spawn_data_free);
  data->user_options = json_node_ref (user_options);

  if (!studio_util_check_name (name, &error))
    ;
  else if (studio_region_find_worker (region, name) != NULL)
    error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_EXISTS, _("A worker named %s already exists; choose another name."), name);
  else if (self->user == NULL)
    error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_AUTH, _("Region %s is not signed in yet."), studio_region_get_name (region));
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return NULL;
    }

  data->is_new = TRUE;
  data->returns_worker = TRUE;
  data->worker = studio_worker_new (name, studio_region_get_id (region));
  studio_worker_set_size (data->worker, studio_util_json_string (options, "profile") ?: "default");
  studio_worker_set_image (data->worker, studio_util_json_string (options, "image") ?: _("the hub's default"));
  studio_worker_set_created (data->worker, now);
  studio_region_mark_busy (STUDIO_REGION (self), data->worker, STUDIO_WORKER_STATE_LAUNCHING);
  g_list_store_append (studio_region_get_store (region), data->worker);
  if (from_form && self->cookie != NULL)
    {
      data->requested_size = g_strdup (requested_size);
      data->chosen_options = chosen_options ? json_object_ref (chosen_options) : NULL;
      read_form (task);
    }
  else
    spawn (task);
  return data->worker;
}

StudioWorker *
studio_hub_region_launch_async (StudioRegion              *region,
                                const StudioLaunchOptions *options,
                                GCancellable              *cancellable,
                                GAsyncReadyCallback        callback,
                                gpointer                   user_data)
{
  g_autoptr(JsonNode) user_options = options_to_user_options (options);
  g_autofree char *name = options->name && *options->name ? g_strdup (options->name)
                                                          : studio_region_suggest_name (region, "worker");

  const char *size = options->size && *options->size && g_strcmp0 (options->size, "default") != 0
    ? options->size : NULL;

  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *chosen = NULL;

  if (options->profile_options != NULL && studio_util_json_load (parser, options->profile_options, -1, NULL))
    chosen = studio_util_json_root_object (parser);
  return start_new (STUDIO_HUB_REGION (region), name, user_options, TRUE, size, chosen,
                    cancellable, callback, user_data);
}

StudioWorker *
studio_hub_region_launch_finish (StudioRegion  *region,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
stored_options (StudioWorker *worker)
{
  const char *json = studio_worker_get_user_options (worker);
  g_autoptr(JsonParser) parser = json_parser_new ();

  JsonNode *empty;

  if (json != NULL && studio_util_json_load (parser, json, -1, NULL) && json_parser_get_root (parser) != NULL)
    return json_node_copy (json_parser_get_root (parser));
  empty = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (empty, json_object_new ());
  return empty;
}

/* Files on the worker's own disk are not copied: a hub has no way to. */
StudioWorker *
studio_hub_region_replicate_async (StudioRegion        *region,
                                   StudioWorker        *worker,
                                   const char          *new_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) user_options = stored_options (worker);
  g_autofree char *base = g_strdup_printf ("%s-copy", studio_worker_get_name (worker));
  g_autofree char *name = new_name && *new_name ? g_strdup (new_name) : studio_region_suggest_name (region, base);

  /* The options it was started with are complete: no form to read. */
  return start_new (STUDIO_HUB_REGION (region), name, user_options, FALSE, NULL, NULL, cancellable, callback, user_data);
}

/* ---- stop, start, terminate ----------------------------------------------------------- */

static void settle (GTask *task);

static void
settled_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SpawnData *data = g_task_get_task_data (task);
  StudioWorker *now = studio_region_find_worker (STUDIO_REGION (object), studio_worker_get_name (data->worker));
  gboolean done;

  studio_region_refresh_finish (STUDIO_REGION (object), result, NULL);
  done = data->action == STUDIO_WORKER_ACTION_TERMINATE
    ? now == NULL
    : now == NULL || studio_worker_get_state (now) == STUDIO_WORKER_STATE_STOPPED;
  if (done)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (++data->rounds >= SETTLE_ROUNDS)
    {
      fail (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_TIMEOUT,
                               _("The hub is still stopping %s after two minutes; check the hub."),
                               studio_worker_get_name (data->worker)));
      return;
    }
  studio_util_task_later (task, SETTLE_POLL_MS, settle);
}

/* Until the hub has finished what it accepted (202 means "working on it"). */
static void
settle (GTask *task)
{
  studio_region_refresh_async (STUDIO_REGION (g_task_get_source_object (task)), NULL, settled_cb, task);
}

static void
worker_token_revoked_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  studio_hub_region_revoke_tokens_finish (STUDIO_HUB_REGION (object), result);
  settle (user_data);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  StudioHubRegion *self = STUDIO_HUB_REGION (object);
  SpawnData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_hub_region_call_finish (self, result, NULL, &error);

  if (error != NULL && !(data->action == STUDIO_WORKER_ACTION_TERMINATE &&
                         g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND)))
    {
      fail (task, error);
      return;
    }
  g_clear_error (&error);
  studio_region_unmark_busy (STUDIO_REGION (self), data->worker);
  if (data->action == STUDIO_WORKER_ACTION_TERMINATE)
    {
      guint position;
      if (g_list_store_find (studio_region_get_store (STUDIO_REGION (self)), data->worker, &position))
        g_list_store_remove (studio_region_get_store (STUDIO_REGION (self)), position);
      /* The server is gone: so is its token. */
      studio_hub_region_revoke_tokens_async (self, studio_worker_get_name (data->worker), NULL,
                                             worker_token_revoked_cb, task);
      return;
    }
  settle (task);
}

void
studio_hub_region_act_async (StudioRegion        *region,
                             StudioWorker        *worker,
                             StudioWorkerAction   action,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  StudioHubRegion *self = STUDIO_HUB_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SpawnData *data = g_new0 (SpawnData, 1);
  g_autofree char *path = studio_hub_region_server_path (self, studio_worker_get_name (worker), NULL);

  g_task_set_source_tag (task, studio_hub_region_act_async);
  g_task_set_task_data (task, data, (GDestroyNotify) spawn_data_free);
  data->worker = g_object_ref (worker);
  data->action = action;

  switch (action)
    {
    case STUDIO_WORKER_ACTION_START:
      /* As at launch, with the options it was started with. */
      data->user_options = stored_options (worker);
      studio_region_mark_busy (STUDIO_REGION (self), worker, STUDIO_WORKER_STATE_STARTING);
      spawn (task);
      return;
    case STUDIO_WORKER_ACTION_STOP:
      studio_region_mark_busy (STUDIO_REGION (self), worker, STUDIO_WORKER_STATE_STOPPING);
      studio_hub_region_call_async (self, "DELETE", path, NULL, cancellable, deleted_cb, task);
      return;
    case STUDIO_WORKER_ACTION_TERMINATE:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();

        studio_util_json_load (parser, "{\"remove\": true}", -1, NULL);
        studio_region_mark_busy (STUDIO_REGION (self), worker, STUDIO_WORKER_STATE_TERMINATING);
        studio_hub_region_call_async (self, "DELETE", path, json_parser_get_root (parser), cancellable, deleted_cb, task);
      }
      return;
    default:
      g_assert_not_reached ();
    }
}

gboolean
studio_hub_region_act_finish (StudioRegion  *region,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
studio_hub_region_logs_async (StudioRegion        *region,
                              StudioWorker        *worker,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (region, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_hub_region_logs_async);
  g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                           _("JupyterHub does not share a server's logs; open a terminal on the worker, "
                             "or ask the hub's administrator."));
  g_object_unref (task);
}

char *
studio_hub_region_logs_finish (StudioRegion  *region,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
