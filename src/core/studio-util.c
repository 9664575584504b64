#include <glib/gi18n-lib.h>
#include <sys/random.h>

#include "studio-error.h"
#include "studio-util.h"

#define NAME_MAX_LENGTH 48

/* 256 random bits, as hex: a Jupyter token no one guesses. */
char *
studio_util_random_token (void)
{
  guint8 bytes[32];
  GString *s = g_string_sized_new (2 * sizeof bytes);
  gsize got = 0;

  while (got < sizeof bytes)
    {
      gssize n = getrandom (bytes + got, sizeof bytes - got, 0);
      if (n > 0)
        got += n;
    }
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  return g_string_free (s, FALSE);
}

/* A TCP port on 127.0.0.1 that nothing listens on now. */
guint
studio_util_free_port (GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Worker names become container names (and hub server names): letters,
 * digits and "_.-", starting with a letter or digit. */
gboolean
studio_util_check_name (const char  *name,
                        GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME, _("A worker needs a name."));
      return FALSE;
    }
  if (strlen (name) > NAME_MAX_LENGTH)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME,
                   _("“%s” is too long: a worker name has at most %d characters."), name, NAME_MAX_LENGTH);
      return FALSE;
    }
  if (!g_ascii_isalnum (name[0]))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME,
                   _("“%s” cannot be a worker name: it must start with a letter or a digit."), name);
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME,
                     _("“%s” cannot be a worker name: use letters, digits, “-”, “_” and “.” only."), name);
        return FALSE;
      }
  return TRUE;
}

const char *
studio_util_json_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
studio_util_json_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
studio_util_json_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gint64
studio_util_json_int (JsonObject *object,
                      const char *member,
                      gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64: return json_node_get_int (node);
    case G_TYPE_DOUBLE: return (gint64) json_node_get_double (node);
    default: return fallback;
    }
}

/* The end of a log, for error messages. */
char *
studio_util_last_lines (const char *text,
                        guint       n_lines)
{
  const char *p;
  guint seen = 0;

  if (text == NULL)
    return g_strdup ("");
  p = text + strlen (text);
  while (p > text && (p[-1] == '\n' || p[-1] == '\r'))
    p--;
  {
    const char *end = p;
    while (p > text)
      {
        if (p[-1] == '\n' && ++seen == n_lines)
          break;
        p--;
      }
    return g_strndup (p, end - p);
  }
}

/* "AB:CD:…": the SHA-256 of the certificate's DER, as browsers show it. */
char *
studio_util_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *s;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  s = g_string_new (NULL);
  for (guint i = 0; hex[i] && hex[i + 1]; i += 2)
    g_string_append_printf (s, "%s%c%c", i ? ":" : "", g_ascii_toupper (hex[i]), g_ascii_toupper (hex[i + 1]));
  return g_string_free (s, FALSE);
}

/* A JSON request body, for the engine, Jupyter and hubs alike; NULL: none. */
void
studio_util_message_set_json (SoupMessage *msg,
                              JsonNode    *body)
{
  char *json;
  g_autoptr(GBytes) bytes = NULL;

  if (body == NULL)
    return;
  json = json_to_string (body, FALSE);
  bytes = g_bytes_new_take (json, strlen (json));
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
}

/* "Authorization: token …", as Jupyter and JupyterHub take it; NULL: none. */
void
studio_util_message_set_token (SoupMessage *msg,
                               const char  *token)
{
  g_autofree char *auth = NULL;

  if (token == NULL)
    return;
  auth = g_strdup_printf ("token %s", token);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
}
