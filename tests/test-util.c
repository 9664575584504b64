/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the helpers every request and credential goes through: path
 * escaping, request building, image references, token redaction, where a URL
 * may carry a token, and the private folder of our own Podman socket. */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "studio-engine-private.h"
#include "studio-error.h"
#include "studio-task-run-private.h"
#include "studio-util.h"
#include "studio-worker-private.h"

static void
test_path_escapes_every_segment (void)
{
  g_autofree char *image = studio_util_path ("/images/%s/json", "foo%zz");
  g_autofree char *hash = studio_util_path ("/images/%s/json", "foo#bar?x=1");
  g_autofree char *slash = studio_util_path ("/hub/api/users/%s/servers/%s", "a/b", "../admin");
  g_autofree char *query = studio_util_path ("/containers/create?name=%s&n=%u", "x&y=z", 7u);

  g_assert_cmpstr (image, ==, "/images/foo%25zz/json");
  g_assert_cmpstr (hash, ==, "/images/foo%23bar%3Fx%3D1/json");
  g_assert_cmpstr (slash, ==, "/hub/api/users/a%2Fb/servers/..%2Fadmin");
  g_assert_cmpstr (query, ==, "/containers/create?name=x%26y%3Dz&n=7");
}

static void
test_message_builder_fails_with_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) good = studio_util_message_new ("GET", "http://localhost", "/images/foo%25zz/json", &error);
  g_autoptr(SoupMessage) bad = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (good);
  g_assert_cmpstr (g_uri_get_path (soup_message_get_uri (good)), ==, "/images/foo%25zz/json");

  /* A hub address edited by hand into something that is not one. */
  bad = studio_util_message_new ("GET", "https://bad host", "/hub/api/user", &error);
  g_assert_null (bad);
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED);
  g_clear_error (&error);
  bad = studio_util_message_new ("GET", "ftp://hub.example.org", "/hub/api/user", &error);
  g_assert_null (bad);
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED);
}

static void
test_image_references (void)
{
  const char *valid[] = {
    "localhost/ai-studio-worker:bookworm", "python", "python:3.12-slim", "quay.io/jupyter/scipy-notebook:2024-05-27",
    "127.0.0.1:5000/a/b", "registry.example.org:443/team/image_name__x:v1.2",
    "ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  };
  const char *invalid[] = {
    "", "foo%zz", "foo#bar", "Foo", "foo bar", "foo:", ":tag", "foo/", "/foo", "foo//bar", "foo:bad tag",
    "foo@sha256:short", "-foo", "foo?x", "../etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (studio_util_check_image_reference (valid[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (studio_util_check_image_reference (invalid[i], &error));
      g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_IMAGE);
      /* The error says what a reference looks like. */
      g_assert_nonnull (strstr (error->message, "localhost/ai-studio-worker:bookworm"));
    }
}

static void
test_redact_token (void)
{
  const char *token = "0123456789abcdef0123456789abcdef";
  const char *log =
    "[I 2026-11-22 ServerApp] 302 GET /?token=0123456789abcdef0123456789abcdef (127.0.0.1) 1.2ms\n"
    "[I ServerApp] http://127.0.0.1:8888/lab?token=0123456789abcdef0123456789abcdef\n"
    "JUPYTER_TOKEN was 0123456789abcdef0123456789abcdef\n"
    "[I ServerApp] 200 GET /api/x?a=1&token=someoneelses&b=2\n";
  g_autofree char *redacted = studio_util_redact_token (log, token);

  g_assert_null (strstr (redacted, token));
  g_assert_null (strstr (redacted, "someoneelses"));
  g_assert_nonnull (strstr (redacted, "302 GET /?token=[token hidden] (127.0.0.1)"));
  g_assert_nonnull (strstr (redacted, "&b=2"));
  g_assert_cmpuint (strlen (redacted), >, 100);
}

static void
test_cleartext_remote (void)
{
  g_assert_true (studio_util_url_is_cleartext_remote ("http://hub.example.org"));
  g_assert_true (studio_util_url_is_cleartext_remote ("http://10.0.0.5:8000/"));
  g_assert_true (studio_util_url_is_cleartext_remote ("HTTP://hub.example.org"));
  g_assert_false (studio_util_url_is_cleartext_remote ("https://hub.example.org"));
  g_assert_false (studio_util_url_is_cleartext_remote ("http://127.0.0.1:8000"));
  g_assert_false (studio_util_url_is_cleartext_remote ("http://127.3.2.1"));
  g_assert_false (studio_util_url_is_cleartext_remote ("http://localhost:8000"));
  g_assert_false (studio_util_url_is_cleartext_remote ("http://[::1]:8000"));
}

static void
test_browser_urls_never_carry_a_hub_token (void)
{
  g_autoptr(StudioWorker) local = studio_worker_new ("w", "This Computer");
  g_autoptr(StudioWorker) hub = studio_worker_new ("w", "team");
  g_autofree char *local_url = NULL;
  g_autofree char *local_query = NULL;
  g_autofree char *hub_url = NULL;

  studio_worker_set_jupyter (local, "http://127.0.0.1:4000/", "local-worker-token");
  local_url = studio_worker_dup_browser_url_for (local, "http://127.0.0.1:4000/lab/tree/a.ipynb");
  local_query = studio_worker_dup_browser_url_for (local, "http://127.0.0.1:4000/files/x?download=1");
  g_assert_cmpstr (local_url, ==, "http://127.0.0.1:4000/lab/tree/a.ipynb?token=local-worker-token");
  g_assert_cmpstr (local_query, ==, "http://127.0.0.1:4000/files/x?download=1&token=local-worker-token");

  /* A hub worker's token is the user's hub API token: a browser signs in through the hub. */
  studio_worker_set_jupyter (hub, "https://hub.example.org/user/alice/w/", "hub-api-token");
  studio_worker_set_browser_url (hub, "https://hub.example.org/user/alice/w/");
  hub_url = studio_worker_dup_browser_url_for (hub, "https://hub.example.org/user/alice/w/lab?x=1");
  g_assert_cmpstr (hub_url, ==, "https://hub.example.org/user/alice/w/lab?x=1");
  g_free (hub_url);
  hub_url = studio_worker_dup_browser_url (hub);
  g_assert_null (strstr (hub_url, "hub-api-token"));
}

static void
test_json_of_the_wrong_shape (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonArray *a;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"ready\": \"yes\", \"failed\": {}, \"n\": [1], \"s\": 3, \"a\": [\"x\", 2, {}, null]}", -1, NULL));
  o = studio_util_json_root_object (parser);
  g_assert_nonnull (o);
  g_assert_false (studio_util_json_bool (o, "ready"));
  g_assert_false (studio_util_json_bool (o, "failed"));
  g_assert_false (studio_util_json_bool (o, "absent"));
  g_assert_null (studio_util_json_string (o, "s"));
  g_assert_null (studio_util_json_object (o, "n"));
  g_assert_cmpint (studio_util_json_int (o, "n", -7), ==, -7);
  a = studio_util_json_array (o, "a");
  g_assert_cmpstr (studio_util_json_array_string (a, 0), ==, "x");
  g_assert_null (studio_util_json_array_string (a, 1));
  g_assert_null (studio_util_json_array_string (a, 3));
  g_assert_null (studio_util_json_array_string (a, 99));
  g_assert_nonnull (studio_util_json_array_object (a, 2));
  g_assert_null (studio_util_json_array_object (a, 0));

  g_assert_true (json_parser_load_from_data (parser, "[1, 2]", -1, NULL));
  g_assert_null (studio_util_json_root_object (parser));

  /* One document, or an error: never several one after another. */
  g_assert_true (studio_util_json_load (parser, "  {\"a\": \"} {\"}  \n", -1, NULL));
  g_assert_true (studio_util_json_load (parser, "\"a b\"", -1, NULL));
  g_assert_true (studio_util_json_load (parser, "", -1, NULL));
  g_assert_null (json_parser_get_root (parser));   /* an empty text is no document */
  g_assert_null (studio_util_json_root_object (parser));
  g_assert_null (studio_util_json_root_array (parser));
  g_assert_false (studio_util_json_load (parser, "{\"a\": 1}\n{\"b\": 2}", -1, NULL));
  g_assert_false (studio_util_json_load (parser, "[1] x", -1, NULL));
  g_assert_false (studio_util_json_load (parser, "123 456", -1, NULL));
  g_assert_false (studio_util_json_load (parser, "0{}", -1, NULL));
  g_assert_false (studio_util_json_load (parser, "\"a\"[1]", -1, NULL));
  g_assert_false (studio_util_json_load (parser, "{}]", -1, NULL));
}

/* JSON from outside nests at most STUDIO_JSON_MAX_DEPTH deep: json-glib
 * recurses once per level, and 200,000 "[" ended the process (a hostile
 * hub's answer to `region add`). */
static void
test_json_nesting_is_bounded (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) fine = g_string_new (NULL);

  for (int i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  g_assert_false (studio_util_json_load (parser, deep->str, deep->len, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deeper than 256"));
  g_clear_error (&error);

  /* Inside strings, brackets are text. */
  g_string_append (fine, "{\"a\": \"");
  for (int i = 0; i < 1000; i++)
    g_string_append_c (fine, '[');
  g_string_append (fine, "\", \"b\": ");
  for (int i = 0; i < STUDIO_JSON_MAX_DEPTH - 1; i++)
    g_string_append_c (fine, '[');
  for (int i = 0; i < STUDIO_JSON_MAX_DEPTH - 1; i++)
    g_string_append_c (fine, ']');
  g_string_append_c (fine, '}');
  g_assert_true (studio_util_json_load (parser, fine->str, fine->len, &error));
  g_assert_no_error (error);
}

/* A task's status file is the worker's: only a notebook of the task's
 * folder comes back from it. */
static void
test_task_output_notebook_names (void)
{
  static const char * const good[] = { "task/report_output.ipynb", "task/sub/deep/x_output.ipynb" };
  static const char * const bad[] = { "", "/", ".", "task", "task/", "task/.ipynb/../../x.ipynb",
                                      "../task/x.ipynb", "/etc/passwd", "task/x.txt", "task//x.ipynb",
                                      "task/./x.ipynb", "my/x.ipynb", "task/x\nhidden.ipynb", ".ssh/x.ipynb" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (studio_task_output_notebook_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (studio_task_output_notebook_is_valid (bad[i]))
      g_error ("taken: “%s”", bad[i]);
  g_assert_false (studio_task_output_notebook_is_valid (NULL));
}

static void
test_private_socket_dir (void)
{
  g_autofree char *base = g_dir_make_tmp ("ai-studio-test-XXXXXX", NULL);
  g_autofree char *fresh = g_build_filename (base, "fresh", NULL);
  g_autofree char *wide = g_build_filename (base, "wide", NULL);
  g_autofree char *link = g_build_filename (base, "link", NULL);
  g_autofree char *theirs = g_build_filename (base, "theirs", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st;

  /* Made when missing, private. */
  g_assert_true (studio_engine_check_private_dir (fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Ours but open to others: made private. */
  g_assert_cmpint (g_mkdir (wide, 0755), ==, 0);
  g_assert_cmpint (g_chmod (wide, 0777), ==, 0);
  g_assert_true (studio_engine_check_private_dir (wide, &error));
  g_assert_cmpint (g_stat (wide, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* A symbolic link someone planted is refused. */
  g_assert_cmpint (symlink (fresh, link), ==, 0);
  g_assert_false (studio_engine_check_private_dir (link, &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE);
  g_clear_error (&error);

  /* A folder another user owns is refused (needs root to set up). */
  if (getuid () == 0)
    {
      g_assert_cmpint (g_mkdir (theirs, 0700), ==, 0);
      g_assert_cmpint (chown (theirs, 65534, 65534), ==, 0);
      g_assert_false (studio_engine_check_private_dir (theirs, &error));
      g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE);
      g_assert_nonnull (strstr (error->message, "not a folder of yours"));
      g_rmdir (theirs);
    }
  unlink (link);
  g_rmdir (wide);
  g_rmdir (fresh);
  g_rmdir (base);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/util/path-escapes-every-segment", test_path_escapes_every_segment);
  g_test_add_func ("/util/message-builder-fails-with-error", test_message_builder_fails_with_error);
  g_test_add_func ("/util/image-references", test_image_references);
  g_test_add_func ("/util/redact-token", test_redact_token);
  g_test_add_func ("/util/cleartext-remote", test_cleartext_remote);
  g_test_add_func ("/worker/browser-urls-never-carry-a-hub-token", test_browser_urls_never_carry_a_hub_token);
  g_test_add_func ("/util/json-of-the-wrong-shape", test_json_of_the_wrong_shape);
  g_test_add_func ("/util/json-nesting-is-bounded", test_json_nesting_is_bounded);
  g_test_add_func ("/task/output-notebook-names", test_task_output_notebook_names);
  g_test_add_func ("/engine/private-socket-dir", test_private_socket_dir);
  return g_test_run ();
}
