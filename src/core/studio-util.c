/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
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

/* TRUE only for a JSON true (or a non-zero number, as some hubs send). */
gboolean
studio_util_json_bool (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN: return json_node_get_boolean (node);
    case G_TYPE_INT64: return json_node_get_int (node) != 0;
    default: return FALSE;
    }
}

/* The string at index, or NULL when there is none or it is not a string. */
const char *
studio_util_json_array_string (JsonArray *array,
                               guint      index)
{
  JsonNode *node = array && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
studio_util_json_array_object (JsonArray *array,
                               guint      index)
{
  JsonNode *node = array && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Where the first JSON value of data ends (after white space that follows
 * it), and how deeply its arrays and objects nest. */
static gsize
end_of_first_value (const char *data,
                    gsize       len,
                    int        *max_depth)
{
  gsize i = 0;
  int depth = 0;

  *max_depth = 0;
  gboolean in_string = FALSE, escaped = FALSE;

  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] != '{' && data[i] != '[' && data[i] != '"')
    {
      /* A number, true, false or null: up to the next space or structural character. */
      while (i < len && !g_ascii_isspace (data[i]) && !strchr ("{}[],:\"", data[i]))
        i++;
    }
  else
    for (; i < len; i++)
      {
        char c = data[i];

        if (in_string)
          {
            if (escaped)
              escaped = FALSE;
            else if (c == '\\')
              escaped = TRUE;
            else if (c == '"')
              {
                in_string = FALSE;
                if (depth == 0)
                  {
                    i++;
                    break;
                  }
              }
          }
        else if (c == '"')
          in_string = TRUE;
        else if (c == '{' || c == '[')
          {
            depth++;
            *max_depth = MAX (*max_depth, depth);
          }
        else if ((c == '}' || c == ']') && --depth <= 0)
          {
            i++;
            break;
          }
      }
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return i;
}

/* The value of the \uXXXX at p (6 characters before end), or -1. */
static int
unicode_escape_at (const char *p,
                   const char *end)
{
  int v = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      v = v * 16 + g_ascii_xdigit_value (p[i]);
    }
  return v;
}

/* Whether every \u in the text has its four hex digits, and every
 * surrogate its other half. (json-glib 1.6 fails on those, and leaks the
 * string it was building when it does.) */
static gboolean
unicode_escapes_whole (const char *data,
                       gsize       n)
{
  const char *p = data, *end = data + n;

  while (p < end && (p = memchr (p, '\\', end - p)) != NULL)
    {
      int unit;

      if (p + 1 >= end || p[1] != 'u')
        {
          p += 2;   /* \\ and the others: the next character is not an escape */
          continue;
        }
      unit = unicode_escape_at (p, end);
      if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
        return FALSE;
      p += 6;
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          int low = unicode_escape_at (p, end);

          if (low < 0xDC00 || low > 0xDFFF)
            return FALSE;
          p += 6;
        }
    }
  return TRUE;
}

/* json_parser_load_from_data() for text from outside: one JSON document,
 * nested at most STUDIO_JSON_MAX_DEPTH deep (json-glib recurses once per
 * level: 200,000 "[" end the process), or
 * an error. (json-glib takes several documents one after another, keeps the
 * last and leaks the others; a reply like that is not valid JSON anyway.)
 * len: -1 for a NUL-terminated text. */
gboolean
studio_util_json_load (JsonParser  *parser,
                       const char  *data,
                       gssize       len,
                       GError     **error)
{
  gsize n = len < 0 ? strlen (data) : (gsize) len;
  int depth;

  if (end_of_first_value (data, n, &depth) < n)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("There is more after the JSON document."));
      return FALSE;
    }
  if (depth > STUDIO_JSON_MAX_DEPTH)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("The JSON document nests deeper than %d levels."), STUDIO_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (!unicode_escapes_whole (data, n))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("The JSON document has a broken \\u escape."));
      return FALSE;
    }
  return json_parser_load_from_data (parser, data, n, error);
}

/* The parsed document when it is an array, else NULL (an empty text parses
 * to no document at all). */
JsonArray *
studio_util_json_root_array (JsonParser *parser)
{
  JsonNode *root = json_parser_get_root (parser);

  return root && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;
}

/* The parsed document when it is an object, else NULL. */
JsonObject *
studio_util_json_root_object (JsonParser *parser)
{
  JsonNode *root = json_parser_get_root (parser);

  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
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
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        /* 1e300 does not fit: casting it would be undefined. */
        if (!(d > -9.2e18 && d < 9.2e18))
          return fallback;
        return (gint64) d;
      }
    default: return fallback;
    }
}

/* http:// to a host other than this computer: what is sent crosses a network
 * unencrypted. Loopback (127.0.0.0/8, ::1, localhost) stays on this computer. */
gboolean
studio_util_url_is_cleartext_remote (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;
  host = g_uri_get_host (uri);
  if (host == NULL || g_ascii_strcasecmp (host, "localhost") == 0)
    return FALSE;
  address = g_inet_address_new_from_string (host);
  return address == NULL || !g_inet_address_get_is_loopback (address);
}

/* text with the token, and any "token=…" query value, replaced by a mark:
 * for logs a user reads, copies and pastes into bug reports. */
char *
studio_util_redact_token (const char *text,
                          const char *token)
{
  g_autoptr(GRegex) query = g_regex_new ("(?<=[?&]token=)[^&\\s\"'[]+", G_REGEX_OPTIMIZE, 0, NULL);
  g_autofree char *without = NULL;

  if (text == NULL)
    return NULL;
  if (token != NULL && strlen (token) >= 8)
    {
      g_auto(GStrv) parts = g_strsplit (text, token, -1);
      without = g_strjoinv ("[token hidden]", parts);
    }
  else
    without = g_strdup (text);
  return g_regex_replace_literal (query, without, -1, 0, "[token hidden]", 0, NULL);
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

/* A URL path (and query) from format, where every %s is escaped as one path
 * segment or query value: a name with "/", "?", "#" or "%" stays inside its
 * segment. Takes %s, %u, %d and %%. Every REST path of the engine, Jupyter
 * and hubs is built here. */
char *
studio_util_path (const char *format,
                  ...)
{
  GString *s = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  for (const char *p = format; *p; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (s, *p);
          continue;
        }
      switch (*++p)
        {
        case 's':
          {
            const char *arg = va_arg (args, const char *);
            g_autofree char *escaped = g_uri_escape_string (arg ? arg : "", NULL, FALSE);
            g_string_append (s, escaped);
          }
          break;
        case 'u': g_string_append_printf (s, "%u", va_arg (args, guint)); break;
        case 'd': g_string_append_printf (s, "%d", va_arg (args, int)); break;
        case '%': g_string_append_c (s, '%'); break;
        default: g_assert_not_reached ();
        }
    }
  va_end (args);
  return g_string_free (s, FALSE);
}

/* A host name or address literal: letters, digits, "-", ".", "_" and the ":"
 * of IPv6. GUri lets spaces and other bytes through. */
static gboolean
valid_host (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;
  for (const char *p = host; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("-._:", *p))
      return FALSE;
  return TRUE;
}

/* A message to base + path, or an error that names the address: never NULL
 * into a call that would then not complete. */
SoupMessage *
studio_util_message_new (const char  *method,
                         const char  *base,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *uri_string = g_strconcat (base, path, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (uri_string, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, &local_error);

  if (uri == NULL || !valid_host (g_uri_get_host (uri)) ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                   _("“%s” is not an address AI Studio can call (%s)."), uri_string,
                   local_error ? local_error->message : _("it needs http:// or https:// and a host"));
      return NULL;
    }
  return soup_message_new_from_uri (method, uri);
}

/* Image references as engines take them: [host[:port]/]path[:tag][@digest],
 * path components in lower case. Checked before any request, so that a typo
 * gets an answer that says what a reference looks like. */
gboolean
studio_util_check_image_reference (const char  *reference,
                                   GError     **error)
{
#define DOMAIN_PART "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
#define PATH_PART   "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
  static const char pattern[] =
    "^(?:" DOMAIN_PART "(?:\\." DOMAIN_PART ")*(?::[0-9]+)?/)?"
    PATH_PART "(?:/" PATH_PART ")*"
    "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
    "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$";
#undef DOMAIN_PART
#undef PATH_PART

  if (reference != NULL && strlen (reference) <= 255 &&
      g_regex_match_simple (pattern, reference, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT))
    return TRUE;
  g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_IMAGE,
               _("“%s” is not an image reference. A reference looks like “quay.io/jupyter/scipy-notebook:2024-05-27” "
                 "or “localhost/ai-studio-worker:bookworm”: an optional registry host, then names in lower-case "
                 "letters, digits and “._-” separated by “/”, then an optional “:tag”."),
               reference ? reference : "");
  return FALSE;
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

/* scheme://host:port of uri. */
static char *
origin_of (GUri *uri)
{
  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri) > 0 ? g_uri_get_port (uri)
                          : g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80);
}

/* Whether two addresses are of one origin (scheme, host and port); FALSE
 * for one that does not parse. */
gboolean
studio_util_same_origin (const char *a,
                         const char *b)
{
  g_autoptr(GUri) ua = a ? g_uri_parse (a, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autoptr(GUri) ub = b ? g_uri_parse (b, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autofree char *oa = ua && g_uri_get_host (ua) ? origin_of (ua) : NULL;
  g_autofree char *ob = ub && g_uri_get_host (ub) ? origin_of (ub) : NULL;

  return oa != NULL && g_strcmp0 (oa, ob) == 0 && g_uri_get_userinfo (ub) == NULL;
}

/* libsoup follows a redirect with the request's headers: the token goes
 * with it to the same origin only. (Debian 12's libsoup 3.2 drops it on a
 * redirect to another host itself, a security fix that not every libsoup 3
 * has; this does not depend on it.) */
static void
on_token_message_restarted (SoupMessage *msg,
                            const char  *origin)
{
  g_autofree char *now = origin_of (soup_message_get_uri (msg));

  if (g_strcmp0 (now, origin) != 0)
    soup_message_headers_remove (soup_message_get_request_headers (msg), "Authorization");
}

/* "Authorization: token …", as Jupyter and JupyterHub take it; NULL: none.
 * It never follows a redirect to another origin. */
void
studio_util_message_set_token (SoupMessage *msg,
                               const char  *token)
{
  g_autofree char *auth = NULL;

  if (token == NULL)
    return;
  auth = g_strdup_printf ("token %s", token);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  studio_util_message_guard_token (msg);
}

static void
free_origin (gpointer  origin,
             GClosure *closure)
{
  g_free (origin);
}

/* A message that carries a token (set here, or copied from another) keeps
 * it from redirects to another origin. */
void
studio_util_message_guard_token (SoupMessage *msg)
{
  g_signal_connect_data (msg, "restarted", G_CALLBACK (on_token_message_restarted),
                         origin_of (soup_message_get_uri (msg)), free_origin, 0);
}

typedef struct
{
  GTask *task;
  void (*func) (GTask *task);
} Later;

static gboolean
later_cb (gpointer user_data)
{
  Later *later = user_data;

  later->func (later->task);
  return G_SOURCE_REMOVE;
}

/* Calls func (task) after a while, on the task's own main context (not
 * necessarily the global default: a blocking call runs its own), handing
 * over the reference to task that the caller held. */
void
studio_util_task_later (GTask  *task,
                        guint   milliseconds,
                        void  (*func) (GTask *task))
{
  g_autoptr(GSource) source = g_timeout_source_new (milliseconds);
  Later *later = g_new (Later, 1);

  later->task = task;
  later->func = func;
  g_source_set_callback (source, later_cb, later, g_free);
  g_source_attach (source, g_task_get_context (task));
}

/* dir, made private to this user (0700) if it is not: it must be a folder of
 * the user's own, not a link and not someone else's. what: what it is for,
 * in words ("its own Podman socket"). */
gboolean
studio_util_check_private_dir (const char  *dir,
                               const char  *what,
                               GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  struct stat st;

  if (g_mkdir_with_parents (parent, 0700) != 0 ||
      (g_mkdir (dir, 0700) != 0 && errno != EEXIST))
    {
      int saved = errno;
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                   _("Cannot create %s for %s: %s."), dir, what, g_strerror (saved));
      return FALSE;
    }
  if (g_lstat (dir, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                   _("%s, where AI Studio keeps %s, is not a folder of yours; "
                     "someone else may have made it. Remove it, or set XDG_RUNTIME_DIR, then try again."),
                   dir, what);
      return FALSE;
    }
  if ((st.st_mode & 077) != 0 && g_chmod (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                   _("Cannot make %s private to you: %s."), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Completes tasks waiting on one outcome (GTask each, tasks may be NULL):
 * each gets a copy of error, or TRUE. */
void
studio_util_tasks_return (GPtrArray    *tasks,
                          const GError *error)
{
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}
