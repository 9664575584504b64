/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* How deeply JSON from outside may nest (AI Studio's own documents nest a
 * few levels; a notebook's outputs a dozen). */
#define STUDIO_JSON_MAX_DEPTH 256


char       *studio_util_random_token   (void);
gboolean    studio_util_check_name     (const char  *name,
                                        GError     **error);
const char *studio_util_json_string    (JsonObject  *object,
                                        const char  *member);
JsonObject *studio_util_json_object    (JsonObject  *object,
                                        const char  *member);
JsonArray  *studio_util_json_array     (JsonObject  *object,
                                        const char  *member);
gboolean    studio_util_json_bool      (JsonObject  *object,
                                        const char  *member);
const char *studio_util_json_array_string (JsonArray *array,
                                           guint      index);
JsonObject *studio_util_json_array_object (JsonArray *array,
                                           guint      index);
gboolean    studio_util_json_load         (JsonParser  *parser,
                                           const char  *data,
                                           gssize       len,
                                           GError     **error);
JsonObject *studio_util_json_root_object  (JsonParser *parser);
JsonArray  *studio_util_json_root_array   (JsonParser *parser);
gint64      studio_util_json_int       (JsonObject  *object,
                                        const char  *member,
                                        gint64       fallback);
void        studio_error_set_certificate (GError     *error,
                                          const char *fingerprint);
void        studio_util_tasks_return  (GPtrArray    *tasks,
                                       const GError *error);
void        studio_util_task_later    (GTask       *task,
                                       guint        milliseconds,
                                       void       (*func) (GTask *task));
char       *studio_util_path          (const char  *format,
                                       ...);
SoupMessage *studio_util_message_new  (const char  *method,
                                       const char  *base,
                                       const char  *path,
                                       GError     **error);
gboolean    studio_util_check_image_reference (const char *reference,
                                               GError    **error);
void        studio_util_message_set_json  (SoupMessage *msg,
                                           JsonNode    *body);
void        studio_util_message_guard_token (SoupMessage *msg);
gboolean    studio_util_check_private_dir (const char *dir,
                                          const char *what,
                                          GError    **error);
gboolean    studio_util_same_origin    (const char  *a,
                                        const char  *b);
void        studio_util_message_set_token (SoupMessage *msg,
                                           const char  *token);
char       *studio_util_certificate_fingerprint (GTlsCertificate *certificate);
gboolean    studio_util_url_is_cleartext_remote (const char *url);
char       *studio_util_redact_token  (const char  *text,
                                       const char  *token);
char       *studio_util_last_lines     (const char  *text,
                                        guint        n_lines);

G_END_DECLS
