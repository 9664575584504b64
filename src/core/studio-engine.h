/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_ENGINE (studio_engine_get_type ())
G_DECLARE_FINAL_TYPE (StudioEngine, studio_engine, STUDIO, ENGINE, GObject)

/* Called for each JSON object of a streamed reply (image pulls, events). */
typedef void (*StudioEngineLineFunc) (JsonNode *node,
                                      gpointer  user_data);

/* Makes the engine's address reachable before it is looked for (an SSH
 * region brings its tunnel up): an async pair on an object that outlives
 * the engine's use of it. */
typedef void     (*StudioEnginePrepareAsync)  (gpointer             owner,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
typedef gboolean (*StudioEnginePrepareFinish) (gpointer             owner,
                                               GAsyncResult        *result,
                                               GError             **error);

StudioEngine *studio_engine_new                  (const char          *address);
void          studio_engine_set_prepare          (StudioEngine             *self,
                                                  StudioEnginePrepareAsync  prepare_async,
                                                  StudioEnginePrepareFinish prepare_finish,
                                                  gpointer                  owner);
void          studio_engine_connect_async        (StudioEngine        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      studio_engine_connect_finish       (StudioEngine        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean      studio_engine_is_connected         (StudioEngine        *self);
void          studio_engine_disconnect           (StudioEngine        *self);
const char   *studio_engine_get_address          (StudioEngine        *self);
const char   *studio_engine_get_description      (StudioEngine        *self);
const char   *studio_engine_get_notice           (StudioEngine        *self);

void          studio_engine_request_async        (StudioEngine        *self,
                                                  const char          *method,
                                                  const char          *path,
                                                  JsonNode            *body,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonNode     *studio_engine_request_finish       (StudioEngine        *self,
                                                  GAsyncResult        *result,
                                                  guint               *status,
                                                  GError             **error);
void          studio_engine_request_bytes_async  (StudioEngine        *self,
                                                  const char          *method,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes       *studio_engine_request_bytes_finish (StudioEngine        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void          studio_engine_put_archive_async    (StudioEngine        *self,
                                                  const char          *path,
                                                  GBytes              *archive,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void          studio_engine_stream_async         (StudioEngine         *self,
                                                  const char           *method,
                                                  const char           *path,
                                                  StudioEngineLineFunc  line_func,
                                                  gpointer              line_data,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      studio_engine_stream_finish        (StudioEngine        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

char         *studio_engine_demux_logs           (GBytes              *bytes);

G_END_DECLS
