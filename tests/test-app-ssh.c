/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window with a machine over SSH (tests/with-sshd): adding it through
 * the dialog (its unknown host key shown by its fingerprint, and accepted),
 * and a Jupyter tab on it that comes back by itself when the connection
 * drops. */
#include <signal.h>

#include "studio-add-region-dialog.h"
#include "studio-terminal-page.h"
#include "test-app.h"
#include "test-helpers.h"

static gboolean
dialog_error_shown (gpointer data)
{
  return studio_add_region_dialog_get_error (data) != NULL;
}

static gboolean
machine_added (gpointer data)
{
  StudioRegion *region = studio_workers_page_get_region (page ());

  return region != NULL && g_strcmp0 (studio_region_get_id (region), "gpu") == 0 &&
         studio_region_get_available (region) &&
         g_strcmp0 (studio_workers_page_get_visible_page (page ()), "loading") != 0;
}

static char *
test_host_key (void)
{
  g_autofree char *out = NULL;

  g_spawn_command_line_sync ("sh -c 'ssh-keygen -lf \"$AI_STUDIO_TEST_DIR/ssh/host_key.pub\" | cut -d\" \" -f2'",
                             &out, NULL, NULL, NULL);
  return g_strstrip (g_steal_pointer (&out));
}

void
test_add_ssh_region (void)
{
  StudioAddRegionDialog *dialog;
  g_autofree char *fingerprint = test_host_key ();
  GtkWidget *stack;
  GtkSwitch *accept;

  g_assert_true (wait_until (page_loaded, NULL, 20));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.add-region", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG);
  g_assert_nonnull (dialog);

  /* A port that is not one: said at once, nothing tried. */
  studio_add_region_dialog_fill_machine (dialog, "gpu", g_getenv ("AI_STUDIO_TEST_SSH_HOST"), NULL, "http");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
  g_assert_nonnull (strstr (studio_add_region_dialog_get_error (dialog), "port"));

  /* The machine's key is not known here: its fingerprint is shown, and
   * nothing is added until the user accepts it. */
  studio_add_region_dialog_fill_machine (dialog, "gpu", g_getenv ("AI_STUDIO_TEST_SSH_HOST"), NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
  g_assert_true (wait_until (dialog_error_shown, dialog, 20));
  g_assert_cmpstr (studio_add_region_dialog_get_host_key (dialog), ==, fingerprint);
  g_assert_nonnull (strstr (studio_add_region_dialog_get_error (dialog), "does not know the machine's key"));
  g_assert_null (studio_application_find_region (app, "gpu"));
  screenshot ("s01-add-machine-unknown-key");

  stack = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK);
  accept = find_descendant (gtk_stack_get_visible_child (GTK_STACK (stack)), GTK_TYPE_SWITCH);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (accept)));
  gtk_switch_set_active (accept, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
  g_assert_true (wait_until (machine_added, NULL, 30));
  g_assert_null (find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG));
  g_assert_nonnull (strstr (studio_region_get_status (studio_workers_page_get_region (page ())), "Podman"));
  screenshot ("s02-machine-region");
}

static gboolean
question_shown (gpointer data)
{
  return find_toplevel (GTK_TYPE_DIALOG) != NULL;
}

static gboolean
machine_named_available (gpointer data)
{
  StudioRegion *region = studio_application_find_region (app, data);

  return region != NULL && studio_region_get_available (region);
}

/* A machine whose key has a passphrase: AI Studio asks for it in a dialog
 * over the window (GtkMountOperation), and adds the machine with it. */
void
test_ssh_passphrase_asked (void)
{
  StudioAddRegionDialog *dialog;
  GtkDialog *question;
  GtkEntry *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.add-region", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG);
  g_assert_nonnull (dialog);
  studio_add_region_dialog_fill_machine (dialog, "pp", "pass-machine", NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-region.add", NULL);
  g_assert_true (wait_until (question_shown, NULL, 20));
  question = find_toplevel (GTK_TYPE_DIALOG);
  g_assert_nonnull (label_with (GTK_WIDGET (question), "pass-machine"));
  entry = find_descendant (GTK_WIDGET (question), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_false (gtk_entry_get_visibility (entry));
  screenshot ("s05-machine-passphrase");
  gtk_editable_set_text (GTK_EDITABLE (entry), g_getenv ("AI_STUDIO_TEST_SSH_PASSPHRASE"));
  gtk_dialog_response (question, GTK_RESPONSE_OK);
  g_assert_true (wait_until (machine_named_available, (gpointer) "pp", 30));
  g_assert_null (find_toplevel (STUDIO_TYPE_ADD_REGION_DIALOG));
}

static char *page_status;

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                                     result, NULL);

  g_free (page_status);
  page_status = value ? jsc_value_to_string (value) : g_strdup ("error");
}

/* The page itself asks its server (as JupyterLab does when it reconnects). */
static gboolean
page_reaches_server (gpointer data)
{
  WebKitWebView *view = data;
  gboolean done = FALSE;

  g_clear_pointer (&page_status, g_free);
  webkit_web_view_call_async_javascript_function (view, "return fetch('/api/status').then(r => String(r.status))"
                                                  ".catch(e => 'down');", -1, NULL, NULL, NULL, NULL, status_cb, NULL);
  g_timeout_add (100, timeout_flag, &done);
  while (page_status == NULL || !done)
    g_main_context_iteration (NULL, TRUE);
  return g_strcmp0 (page_status, "200") == 0;
}

static int
master_pid (void)
{
  g_autofree char *command = g_strdup_printf ("pgrep -f -- '-S .*/ssh-%d-.* -M '", (int) getpid ());
  g_autofree char *out = NULL;

  g_spawn_command_line_sync (command, &out, NULL, NULL, NULL);
  return out ? atoi (out) : 0;
}

static gboolean
terminal_back (gpointer data)
{
  StudioTerminalPage *term = data;
  VteTerminal *vte = studio_terminal_page_get_terminal (term);
  g_autofree char *text = NULL;

  if (!studio_terminal_page_get_connected (term))
    return FALSE;
  if (g_object_get_data (G_OBJECT (term), "asked") == NULL)
    {
      vte_terminal_feed_child (vte, "echo same-$((6*7))-$PPID\n", -1);
      g_object_set_data (G_OBJECT (term), "asked", GINT_TO_POINTER (1));
    }
  text = vte_terminal_get_text (vte, NULL, NULL, NULL);
  return strstr (text, "same-42-") != NULL && strstr (strstr (text, "same-42-"), "\n") != NULL;
}

/* The connection drops (its master killed): the open Jupyter tab reaches
 * its server again within 5 s, on the same address, with nothing reloaded,
 * and the terminal tab is back on its shell. */
void
test_ssh_tab_comes_back (void)
{
  AdwTabView *tabs = studio_window_get_tab_view (window);
  WebKitWebView *view = NULL;
  StudioTerminalPage *term = NULL;
  g_autofree char *uri = NULL;
  int pid = master_pid ();
  gint64 killed;

  for (int i = 0; i < adw_tab_view_get_n_pages (tabs) && view == NULL; i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, i));

      if (STUDIO_IS_JUPYTER_PAGE (child))
        view = studio_jupyter_page_get_web_view (STUDIO_JUPYTER_PAGE (child));
    }
  for (int i = 0; i < adw_tab_view_get_n_pages (tabs); i++)
    if (STUDIO_IS_TERMINAL_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, i))))
      term = STUDIO_TERMINAL_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, i)));
  g_assert_nonnull (view);
  g_assert_nonnull (term);
  g_assert_true (studio_terminal_page_get_connected (term));
  g_assert_cmpint (pid, >, 0);
  g_assert_true (page_reaches_server (view));
  uri = g_strdup (webkit_web_view_get_uri (view));

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  killed = g_get_monotonic_time ();
  g_assert_true (wait_until (page_reaches_server, view, 5));
  g_test_message ("the tab reached its server again %.1f s after the connection dropped",
                  (g_get_monotonic_time () - killed) / 1e6);
  g_assert_cmpstr (webkit_web_view_get_uri (view), ==, uri);
  g_assert_cmpint (master_pid (), !=, pid);
  screenshot ("s03-machine-tab-after-reconnect");
  /* The terminal reattaches by itself, to the same shell (its history is
   * the worker's: the text from before is still there). */
  show_tab (GTK_WIDGET (term));
  g_assert_true (wait_until (terminal_back, term, 10));
  g_test_message ("the terminal was back %.1f s after the connection dropped",
                  (g_get_monotonic_time () - killed) / 1e6);
  {
    g_autofree char *text = vte_terminal_get_text (studio_terminal_page_get_terminal (term), NULL, NULL, NULL);
    g_assert_nonnull (strstr (text, "ui-42"));
  }
  screenshot ("s04-machine-terminal-after-reconnect");
  g_clear_pointer (&page_status, g_free);
}
