/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a hub region talks to its hub: REST calls with a token, what the hub's
 * answers mean in words a user can act on, the certificate the user chose to
 * trust (TLS is verified by libsoup otherwise), and the guard against
 * credentials crossing the network in clear text. */
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-http.h"
#include "studio-hub-region-private.h"
#include "studio-util.h"

/* ---- calls to the hub's REST API ------------------------------------------- */

/* What the hub's answer means, in words a user can act on. */
static GError *
hub_error (StudioHubRegion *self,
           guint            status,
           const char      *message)
{
  const char *name = studio_region_get_name (STUDIO_REGION (self));

  if (status == 401 || status == 403)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_AUTH,
                        _("The hub of region %s refused its token (revoked or expired?). Sign in again."), name);
  if (status == 404)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, "%s", message ? message : _("Not found on the hub."));
  if (message != NULL && strstr (message, "already running") != NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_EXISTS, "%s", message);
  if (message != NULL && (strstr (message, "maximum") != NULL || strstr (message, "limit") != NULL))
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                        _("%s%s Terminate a worker you no longer need, then launch again."), message,
                        g_str_has_suffix (message, ".") ? "" : ".");
  if (message != NULL && strstr (message, "pending") != NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                        _("%s%s Wait until it has finished, then try again."), message,
                        g_str_has_suffix (message, ".") ? "" : ".");
  if (status == 429)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                        _("The hub is busy and asks to slow down; try again in a minute."));
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED, _("The hub answered HTTP %u: %s"), status,
                      message ? message : soup_status_get_phrase (status));
}

static GError *
hub_unreachable (gpointer      client,
                 const GError *error)
{
  StudioHubRegion *self = client;

  if (error->domain == G_TLS_ERROR && self->seen != NULL)
    return studio_hub_region_untrusted_error (self);
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                      _("The hub at %s does not answer (%s). Check the address and the network, "
                        "or try again when it is back."), self->url, error->message);
}

static GError *
hub_refused (gpointer     client,
             SoupMessage *msg,
             JsonNode    *root,
             const char  *body,
             gsize        len)
{
  const char *message = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    message = studio_util_json_string (json_node_get_object (root), "message");
  return hub_error (client, soup_message_get_status (msg), message);
}

static GError *
hub_not_json (gpointer      client,
              const GError *parse_error)
{
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                      _("The hub at %s sent a reply that is not JSON (%s); is this a JupyterHub?"),
                      STUDIO_HUB_REGION (client)->url, parse_error->message);
}

static const StudioHttpErrors hub_errors = { hub_unreachable, hub_refused, hub_not_json };

/* A call to the hub's REST API with @token; a hub that asks to slow down
 * (429) is asked again as it says. */
void
studio_hub_region_call_with_token_async (StudioHubRegion     *self,
                                         const char          *token,
                                         const char          *method,
                                         const char          *path,
                                         JsonNode            *body,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  if (self->cleartext && !self->insecure_allowed)
    {
      g_task_report_error (self, callback, user_data, studio_hub_region_call_with_token_async,
                           studio_hub_region_insecure_error (self));
      return;
    }
  studio_http_call_async (self->session, method, self->url, path, token, body, STUDIO_HTTP_RETRY_BUSY,
                          &hub_errors, self, cancellable, callback, user_data);
}

/* A call to the hub's REST API with the region's token. */
void
studio_hub_region_call_async (StudioHubRegion     *self,
                              const char          *method,
                              const char          *path,
                              JsonNode            *body,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  studio_hub_region_call_with_token_async (self, self->token, method, path, body, cancellable, callback, user_data);
}

/* The reply, parsed (NULL for an empty one); *status: the hub's HTTP status,
 * also when it refused. */
JsonNode *
studio_hub_region_call_finish (StudioHubRegion  *self,
                               GAsyncResult     *result,
                               guint            *status,
                               GError          **error)
{
  g_autoptr(StudioHttpReply) reply = studio_http_send_finish (result, status, error);

  return reply ? g_steal_pointer (&reply->root) : NULL;
}

char *
studio_hub_region_server_path (StudioHubRegion *self,
             const char      *name,
             const char      *suffix)
{
  g_autofree char *path = studio_util_path ("/hub/api/users/%s/servers/%s", self->user, name);

  return g_strconcat (path, suffix, NULL);
}

GError *
studio_hub_region_untrusted_error (StudioHubRegion *self)
{
  GError *error;

  if (self->pinned != NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNTRUSTED_CERTIFICATE,
                        _("The hub at %s now shows a different certificate (SHA-256 %s) from the one you trusted. "
                          "If the hub's administrators changed it, remove the region and add it again."),
                        self->url, self->seen);
  error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNTRUSTED_CERTIFICATE,
                       _("This system does not trust the certificate of the hub at %s (SHA-256 %s). If you know "
                         "it is your hub's, add the region again trusting that certificate."),
                       self->url, self->seen);
  studio_error_set_certificate (error, self->seen);
  return error;
}

/* Every request of the session, API calls, progress streams and terminals
 * alike: a certificate the system refuses is accepted only if it is the one
 * the user chose to trust for this region. */
static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       StudioHubRegion      *self)
{
  return studio_hub_region_trusts_certificate (self, certificate);
}

static void
on_request_queued (SoupSession     *session,
                   SoupMessage     *msg,
                   StudioHubRegion *self)
{
  g_signal_connect_object (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), self, 0);
}

/* The region's session: its calls, with the certificate the user trusts. */
void
studio_hub_region_init_session (StudioHubRegion *self)
{
  self->session = soup_session_new_with_options ("timeout", 60, "user-agent", "ai-studio/" PACKAGE_VERSION, NULL);
  g_signal_connect (self->session, "request-queued", G_CALLBACK (on_request_queued), self);
}

gboolean
studio_hub_region_trusts_certificate (StudioHubRegion *self,
                                      GTlsCertificate *certificate)
{
  g_autofree char *fingerprint = studio_util_certificate_fingerprint (certificate);

  g_return_val_if_fail (STUDIO_IS_HUB_REGION (self), FALSE);
  g_free (self->seen);
  self->seen = g_steal_pointer (&fingerprint);
  return self->pinned != NULL && self->seen != NULL && g_ascii_strcasecmp (self->pinned, self->seen) == 0;
}

void
studio_hub_region_pin_certificate (StudioHubRegion *self,
                                   const char      *fingerprint)
{
  g_return_if_fail (STUDIO_IS_HUB_REGION (self));
  g_set_str (&self->pinned, fingerprint && *fingerprint ? fingerprint : NULL);
}

const char *
studio_hub_region_get_pinned_certificate (StudioHubRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_HUB_REGION (self), NULL);
  return self->pinned;
}

/* The user accepted an http:// hub on another host: calls go ahead, and the
 * region's status says that nothing is encrypted. */
void
studio_hub_region_set_insecure_allowed (StudioHubRegion *self,
                                        gboolean         allowed)
{
  g_return_if_fail (STUDIO_IS_HUB_REGION (self));
  self->insecure_allowed = allowed;
}

/* Whether the hub is reached over the network without encryption. */
gboolean
studio_hub_region_is_cleartext (StudioHubRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_HUB_REGION (self), FALSE);
  return self->cleartext;
}

GError *
studio_hub_region_insecure_error (StudioHubRegion *self)
{
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_INSECURE,
                      _("%s is not encrypted (http:// to another computer): a password or token sent "
                        "there crosses the network in clear text. Use the hub's https:// address, or "
                        "accept an unencrypted connection explicitly."), self->url);
}
