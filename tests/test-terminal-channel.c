/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StudioTerminalChannel against a real worker's Jupyter terminal. */
#include "studio-error.h"
#include "studio-engine-region-private.h"
#include "studio-terminal-channel.h"
#include "studio-terminal-channel-private.h"
#include "test-helpers.h"

static StudioWorker *worker;
static StudioRegion *region;

typedef struct
{
  GString *text;
  gboolean closed;
  gboolean ended;
} Capture;

static void
on_output (StudioTerminalChannel *channel, GBytes *bytes, Capture *capture)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_string_append_len (capture->text, data, len);
}

static void
on_closed (StudioTerminalChannel *channel, gboolean ended, Capture *capture)
{
  capture->closed = TRUE;
  capture->ended = ended;
}

static StudioTerminalChannel *
open_channel (const char *terminal, Capture *capture, const char *token)
{
  g_autoptr(StudioJupyter) jupyter = studio_jupyter_new (NULL, studio_worker_get_jupyter_url (worker),
                                                         token ? token : studio_worker_get_token (worker));
  StudioTerminalChannel *channel = studio_terminal_channel_new (jupyter, terminal);

  capture->text = g_string_new (NULL);
  g_signal_connect (channel, "output", G_CALLBACK (on_output), capture);
  g_signal_connect (channel, "closed", G_CALLBACK (on_closed), capture);
  return channel;
}

static gboolean
connect_channel (StudioTerminalChannel *channel, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  studio_terminal_channel_connect_async (channel, NULL, store_result, &result);
  return studio_terminal_channel_connect_finish (channel, wait_result (&result), error);
}

typedef struct { Capture *capture; const char *needle; } Want;

static gboolean
has_text (gpointer data)
{
  Want *w = data;
  return strstr (w->capture->text->str, w->needle) != NULL;
}

static void
expect_text (Capture *capture, const char *needle)
{
  Want w = { capture, needle };

  if (!wait_until (has_text, &w, 20))
    g_error ("no “%s” in terminal output: %s", needle, capture->text->str);
}

static gboolean
is_closed (gpointer data)
{
  return ((Capture *) data)->closed;
}

static void
test_echo_size_and_reconnect (void)
{
  Capture capture = { 0 };
  g_autoptr(StudioTerminalChannel) channel = open_channel (NULL, &capture, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (connect_channel (channel, &error));
  g_assert_no_error (error);
  name = g_strdup (studio_terminal_channel_get_terminal_name (channel));
  g_assert_nonnull (name);

  studio_terminal_channel_send (channel, "echo hi-$((40+2))\n", -1);
  expect_text (&capture, "hi-42");

  /* The worker sees the size we set. */
  studio_terminal_channel_set_size (channel, 33, 101);
  studio_terminal_channel_send (channel, "stty size\n", -1);
  expect_text (&capture, "33 101");

  /* Output far above libsoup's default 128 KiB message cap arrives whole. */
  studio_terminal_channel_send (channel, "export MARK=kept-$((6*7)); head -c 600000 /dev/zero | tr '\\0' x; echo; echo BIG-$((1+1))-DONE\n", -1);
  expect_text (&capture, "BIG-2-DONE");
  {
    gsize xs = 0;
    for (const char *p = capture.text->str; *p; p++)
      xs += *p == 'x';
    g_assert_cmpuint (xs, >=, 600000);
  }

  /* Disconnect, then reconnect to the same terminal: its shell kept its state. */
  studio_terminal_channel_disconnect (channel);
  g_assert_false (studio_terminal_channel_get_connected (channel));
  g_string_truncate (capture.text, 0);
  g_assert_true (connect_channel (channel, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (studio_terminal_channel_get_terminal_name (channel), ==, name);
  studio_terminal_channel_send (channel, "echo mark=$MARK\n", -1);
  expect_text (&capture, "mark=kept-42");

  /* The shell exits: the channel closes and says the terminal ended. */
  studio_terminal_channel_send (channel, "exit\n", -1);
  g_assert_true (wait_until (is_closed, &capture, 20));
  g_assert_true (capture.ended);
  g_assert_false (connect_channel (channel, &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND);
  g_string_free (capture.text, TRUE);
}

static void
test_wrong_token (void)
{
  Capture capture = { 0 };
  g_autoptr(StudioTerminalChannel) channel = open_channel (NULL, &capture, "not-the-token");
  g_autoptr(GError) error = NULL;

  g_assert_false (connect_channel (channel, &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_AUTH);
  g_string_free (capture.text, TRUE);
}

/* The worker stops under an open channel: closed, but not "ended" by the shell. */
static void
test_worker_stops (void)
{
  Capture capture = { 0 };
  g_autoptr(StudioTerminalChannel) channel = open_channel (NULL, &capture, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (connect_channel (channel, &error));
  studio_region_stop_async (region, worker, NULL, store_result, &result);
  g_assert_true (studio_region_stop_finish (region, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (is_closed, &capture, 20));
  g_string_free (capture.text, TRUE);
}

/* ["stdout", …] decoded whatever the place of an escape, a non-ASCII
 * character or a bare control character relative to the eight-byte words
 * the decoder reads plain runs in. */
static void
test_frame_decoding (void)
{
  static const struct { const char *json, *text; } cases[] = {
    { "\\\"", "\"" }, { "\\\\", "\\" }, { "\\r\\n", "\r\n" },
    { "\\u001b[0m", "\033[0m" }, { "\\ud83d\\ude00", "\xf0\x9f\x98\x80" }, { "\xc3\xa9", "\xc3\xa9" }, { "~", "~" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint before = 0; before <= 17; before++)
      for (guint after = 0; after <= 9; after += 9)
        {
          g_autofree char *pad_before = g_strnfill (before, 'x'), *pad_after = g_strnfill (after, 'y');
          g_autofree char *frame = g_strdup_printf ("[\"stdout\", \"%s%s%s\"]", pad_before, cases[c].json, pad_after);
          g_autofree char *want = g_strconcat (pad_before, cases[c].text, pad_after, NULL);
          g_autoptr(GBytes) output = NULL;

          g_assert_cmpint (studio_terminal_channel_parse_frame (frame, strlen (frame), &output), ==,
                           STUDIO_TERMINAL_FRAME_OUTPUT);
          g_assert_cmpmem (g_bytes_get_data (output, NULL), g_bytes_get_size (output), want, strlen (want));
        }
  /* A raw control character (which JSON forbids and terminado never sends)
   * is read as the lenient generic parser reads it; an unended string is
   * not output. */
  for (guint before = 0; before <= 17; before++)
    {
      g_autofree char *pad = g_strnfill (before, 'x');
      g_autofree char *raw = g_strdup_printf ("[\"stdout\", \"%s\n%s\"]", pad, pad);
      g_autofree char *want = g_strdup_printf ("%s\n%s", pad, pad);
      g_autofree char *unended = g_strdup_printf ("[\"stdout\", \"%s", pad);
      g_autoptr(GBytes) output = NULL;
      g_autoptr(GBytes) none = NULL;

      g_assert_cmpint (studio_terminal_channel_parse_frame (raw, strlen (raw), &output), ==,
                       STUDIO_TERMINAL_FRAME_OUTPUT);
      g_assert_cmpmem (g_bytes_get_data (output, NULL), g_bytes_get_size (output), want, strlen (want));
      g_assert_cmpint (studio_terminal_channel_parse_frame (unended, strlen (unended), &none), ==,
                       STUDIO_TERMINAL_FRAME_OTHER);
      g_assert_null (none);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  region = studio_engine_region_new (NULL);
  options->name = test_worker_name ("term");
  options->size = g_strdup ("x-small");
  studio_region_launch_async (region, options, NULL, store_result, &result);
  worker = studio_region_launch_finish (region, wait_result (&result), &error);
  g_assert_no_error (error);

  g_test_add_func ("/terminal-channel/frame-decoding", test_frame_decoding);
  g_test_add_func ("/terminal-channel/echo-size-and-reconnect", test_echo_size_and_reconnect);
  g_test_add_func ("/terminal-channel/wrong-token", test_wrong_token);
  g_test_add_func ("/terminal-channel/worker-stops", test_worker_stops);
  status = g_test_run ();
  g_clear_object (&worker);
  g_clear_object (&region);
  return status;
}
