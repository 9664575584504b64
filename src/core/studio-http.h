/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* One HTTP helper under the three REST clients (the engine, a worker's
 * Jupyter server, a hub): send, read, map the status to our error, parse
 * JSON; the GTask plumbing written once. Requests are built by
 * studio_util_message_new(), which escapes every path segment. Private. */
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* How a client words what went wrong; each returns a new GError. */
typedef struct
{
  /* The server could not be reached, or the connection broke (never called
   * for G_IO_ERROR_CANCELLED, which is passed on as it is). */
  GError *(*unreachable) (gpointer      client,
                          const GError *error);
  /* A reply outside 2xx; root is its body when that is JSON. */
  GError *(*refused)     (gpointer      client,
                          SoupMessage  *msg,
                          JsonNode     *root,
                          const char   *body,
                          gsize         len);
  /* A 2xx reply that should be JSON and is not. */
  GError *(*not_json)    (gpointer      client,
                          const GError *parse_error);
} StudioHttpErrors;

/* The largest REST reply read: a reply that goes on (a hostile server's,
 * or a broken one's) is an error once it passes this, not memory filled. */
#define STUDIO_HTTP_MAX_REPLY (64u << 20)

typedef enum {
  STUDIO_HTTP_JSON          = 0,        /* parse the reply as JSON */
  STUDIO_HTTP_RAW           = 1 << 0,   /* keep the reply's bytes as they came */
  STUDIO_HTTP_RETRY_BUSY    = 1 << 1,   /* on 429, wait as the server asks and send again */
  STUDIO_HTTP_NOT_MODIFIED  = 1 << 2,   /* 304 is a success, with no body */
} StudioHttpFlags;

typedef struct
{
  guint status;
  JsonNode *root;   /* STUDIO_HTTP_JSON: the body parsed; NULL when it is empty */
  GBytes *body;     /* STUDIO_HTTP_RAW: the body */
} StudioHttpReply;

void             studio_http_reply_free   (StudioHttpReply        *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioHttpReply, studio_http_reply_free)

void             studio_http_send_async   (SoupSession            *session,
                                           SoupMessage            *msg,
                                           JsonNode               *body,
                                           StudioHttpFlags         flags,
                                           const StudioHttpErrors *errors,
                                           gpointer                client,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
void             studio_http_send_bytes_async (SoupSession            *session,
                                               SoupMessage            *msg,
                                               GBytes                 *body,
                                               StudioHttpFlags         flags,
                                               const StudioHttpErrors *errors,
                                               gpointer                client,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
void             studio_http_call_async   (SoupSession            *session,
                                           const char             *method,
                                           const char             *base_url,
                                           const char             *path,
                                           const char             *token,
                                           JsonNode               *body,
                                           StudioHttpFlags         flags,
                                           const StudioHttpErrors *errors,
                                           gpointer                client,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
StudioHttpReply *studio_http_send_finish  (GAsyncResult           *result,
                                           guint                  *status,
                                           GError                **error);

void             studio_http_read_body_async  (GInputStream        *stream,
                                               gsize                limit,
                                               gboolean             truncate,
                                               const char          *what,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GBytes          *studio_http_read_body_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
