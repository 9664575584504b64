/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aistudio.h"
#include "studio-application.h"
#include "studio-preferences-window.h"
#include "studio-window.h"

struct _StudioApplication
{
  AdwApplication parent_instance;

  StudioRegions *regions;         /* This Computer and the user's hubs */
  GSettings *settings;
  GHashTable *network_sessions;   /* region id -> WebKitNetworkSession */
  StudioWatcher *watcher;         /* regions looked at again; idle shutdowns announced */
  StudioTasks *tasks;             /* the user's tasks, running ones followed */
  gboolean set_gdk_debug;         /* GL turned off here, for GTK's start only */
};

G_DEFINE_FINAL_TYPE (StudioApplication, studio_application, ADW_TYPE_APPLICATION)

StudioApplication *
studio_application_new (void)
{
  StudioApplication *self;
  gboolean set_gdk_debug = FALSE;

  /* Without a GPU, WebKit's compositing draws blank pages, and GTK's GL
   * renderer runs on a software rasterizer that first compiles each shader
   * it uses (llvmpipe: most of the start-up's CPU, measured with callgrind):
   * both draw without GL there. On X11, GDK also loads that rasterizer when
   * it opens the display (a fifth of the instructions to the first frame)
   * unless GL is off when GTK starts. Set here, before any thread runs that
   * could read the environment; a user's own choice stands. */
  if (!g_file_test ("/dev/dri", G_FILE_TEST_IS_DIR))
    {
      g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", FALSE);
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
      set_gdk_debug = g_getenv ("GDK_DEBUG") == NULL && g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
    }
  self = g_object_new (STUDIO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/aistudio/Studio",
                       NULL);
  self->set_gdk_debug = set_gdk_debug;
  return self;
}

/* Before GtkMountOperation's own handler shows its dialog: over the window. */
static void
set_question_parent (GMountOperation   *operation,
                     const char        *message,
                     const char        *default_user,
                     const char        *default_domain,
                     GAskPasswordFlags  flags,
                     StudioApplication *self)
{
  gtk_mount_operation_set_parent (GTK_MOUNT_OPERATION (operation),
                                  gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static StudioWindow *
active_window (StudioApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (STUDIO_IS_WINDOW (window))
    return STUDIO_WINDOW (window);
  window = GTK_WINDOW (studio_window_new (self));
  gtk_window_present (window);
  return STUDIO_WINDOW (window);
}

static void
studio_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (active_window (STUDIO_APPLICATION (app))));
}

/* Five minutes before a worker stops itself for being idle, in any region: a
 * notification, and a toast in the window, each with Keep Running. */
static void
on_idle_warning (StudioApplication *self,
                 StudioRegion      *region,
                 StudioWorker      *worker)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *title = g_strdup_printf (_("%s will shut down in 5 minutes unless used"),
                                            studio_worker_get_name (worker));
  AdwToast *toast;

  studio_application_notify_idle (self, worker);
  if (!STUDIO_IS_WINDOW (window))
    return;
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Keep Running"));
  adw_toast_set_action_name (toast, "app.keep-running");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", studio_region_get_id (region),
                                                           studio_worker_get_name (worker)));
  adw_toast_set_timeout (toast, 0);
  studio_window_add_toast (STUDIO_WINDOW (window), toast);
}

/* A task ended: a notification whose default action shows it. */
static void
on_task_ended (StudioApplication *self,
               StudioTask        *task)
{
  g_autofree char *base = g_path_get_basename (studio_task_get_file (task));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strdup_printf ("task-%s", studio_task_get_id (task));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *duration = studio_task_dup_duration_text (task);

  switch (studio_task_get_state (task))
    {
    case STUDIO_TASK_STATE_SUCCEEDED:
      title = g_strdup_printf (_("Task %s succeeded"), base);
      break;
    case STUDIO_TASK_STATE_CANCELLED:
      title = g_strdup_printf (_("Task %s was cancelled"), base);
      break;
    case STUDIO_TASK_STATE_TIMED_OUT:
      title = g_strdup_printf (_("Task %s ran out of time"), base);
      break;
    default:
      title = g_strdup_printf (_("Task %s failed"), base);
      break;
    }
  if (duration != NULL && studio_task_get_message (task) != NULL)
    body = g_strdup_printf (_("After %s. %s"), duration, studio_task_get_message (task));
  else if (duration != NULL)
    body = g_strdup_printf (_("After %s."), duration);
  else
    body = g_strdup (studio_task_get_message (task) ?: "");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-task", "s", studio_task_get_id (task));
  g_notification_add_button_with_target (notification, _("Show Output"), "app.show-task", "s",
                                         studio_task_get_id (task));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
studio_application_startup (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  /* GTK starts here; libadwaita then loads our style.css from the resources. */
  G_APPLICATION_CLASS (studio_application_parent_class)->startup (app);

  /* Read by now: what we start (a browser) gets the user's own. */
  if (self->set_gdk_debug)
    g_unsetenv ("GDK_DEBUG");
  gtk_window_set_default_icon_name (APP_ID);

  /* This Computer first, then the user's hubs; the watcher keeps them all
   * current (This Computer follows its engine live) for as long as we run. */
  if (!studio_regions_load (self->regions, &error))
    g_warning ("%s", error->message);
  self->watcher = studio_watcher_new (G_LIST_MODEL (self->regions));
  g_signal_connect_swapped (self->watcher, "idle-warning", G_CALLBACK (on_idle_warning), self);
  self->tasks = studio_tasks_new (self->regions);
  g_signal_connect_swapped (self->tasks, "task-ended", G_CALLBACK (on_task_ended), self);
}

static void
studio_application_shutdown (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);

  /* Workers and tasks keep running: closing the app only stops watching them. */
  g_clear_object (&self->watcher);
  g_clear_object (&self->tasks);
  G_APPLICATION_CLASS (studio_application_parent_class)->shutdown (app);
}

static void
studio_application_dispose (GObject *object)
{
  StudioApplication *self = STUDIO_APPLICATION (object);

  g_clear_object (&self->watcher);
  g_clear_object (&self->tasks);
  g_clear_pointer (&self->network_sessions, g_hash_table_unref);
  g_clear_object (&self->regions);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (studio_application_parent_class)->dispose (object);
}

static void
studio_application_class_init (StudioApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_application_dispose;
  app_class->activate = studio_application_activate;
  app_class->startup = studio_application_startup;
  app_class->shutdown = studio_application_shutdown;
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  /* The tabs open now come back at the next start, as a window closed keeps them. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    if (STUDIO_IS_WINDOW (l->data))
      studio_window_save_tabs (l->data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  StudioApplication *self = user_data;
  GtkWindow *window = GTK_WINDOW (studio_preferences_window_new (self));

  gtk_window_set_transient_for (window, GTK_WINDOW (active_window (self)));
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  StudioApplication *self = user_data;
  const char *developers[] = { "The AI Studio developers", NULL };

  adw_show_about_window (GTK_WINDOW (active_window (self)),
                         "application-name", _("AI Studio"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The AI Studio developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Run Jupyter workers on this computer or your team’s hub."),
                         NULL);
}

/* A notification's target: ('region', 'worker'); NULL when either is gone. */
static StudioWorker *
target_worker (StudioApplication  *self,
               GVariant           *parameter,
               StudioRegion      **region)
{
  const char *region_id, *worker_name;

  g_variant_get (parameter, "(&s&s)", &region_id, &worker_name);
  *region = studio_application_find_region (self, region_id);
  return *region ? studio_region_find_worker (*region, worker_name) : NULL;
}

static void
open_jupyter_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  StudioApplication *self = user_data;
  StudioRegion *region;
  StudioWorker *worker = target_worker (self, parameter, &region);

  if (worker != NULL)
    studio_window_open_jupyter (active_window (self), region, worker);
}

static void
show_task_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  StudioApplication *self = user_data;
  StudioWindow *window = active_window (self);

  studio_window_show_task (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
keep_running_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  StudioApplication *self = user_data;
  StudioRegion *region;
  StudioWorker *worker = target_worker (self, parameter, &region);

  if (worker != NULL)
    studio_region_keep_running_async (region, worker, NULL, NULL, NULL);
}

static void
studio_application_init (StudioApplication *self)
{
  static const GActionEntry entries[] = {
    { "quit", quit_action },
    { "preferences", preferences_action },
    { "about", about_action },
    { "open-jupyter", open_jupyter_action, "(ss)" },
    { "keep-running", keep_running_action, "(ss)" },
    { "show-task", show_task_action, "s" },
  };
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *preferences_accels[] = { "<Primary>comma", NULL };
  static const char *shortcuts_accels[] = { "<Primary>question", NULL };

  self->regions = studio_regions_new ();
  /* A machine's questions (a key's passphrase) in a dialog over the window. */
  {
    g_autoptr(GMountOperation) interaction = gtk_mount_operation_new (NULL);

    g_signal_connect_object (interaction, "ask-password", G_CALLBACK (set_question_parent), self, 0);
    studio_regions_set_interaction (self->regions, interaction);
  }
  self->settings = g_settings_new (APP_ID);
  self->network_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
}

StudioRegions *
studio_application_get_regions (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);
  return self->regions;
}

StudioTasks *
studio_application_get_tasks (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);
  if (self->tasks == NULL)
    self->tasks = studio_tasks_new (self->regions);
  return self->tasks;
}

GSettings *
studio_application_get_settings (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* The region of this id (or name), or NULL; the registry keeps it alive. */
StudioRegion *
studio_application_find_region (StudioApplication *self,
                                const char        *id)
{
  StudioRegion *region;

  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);
  region = studio_regions_lookup (self->regions, id);
  if (region != NULL)
    g_object_unref (region);   /* the registry holds it for as long as it is there */
  return region;
}

static void
toast (StudioApplication *self,
       const char        *title)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (STUDIO_IS_WINDOW (window))
    studio_window_add_toast (STUDIO_WINDOW (window), adw_toast_new (title));
}

static void
destination_chosen (GtkNativeDialog *chooser,
                    int              response,
                    WebKitDownload  *download)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL)
    {
      webkit_download_set_allow_overwrite (download, TRUE);   /* the dialog asked already */
      webkit_download_set_destination (download, path);
    }
  else
    webkit_download_cancel (download);
  g_object_unref (chooser);
  g_object_unref (download);
}

/* A page's download is saved where the user says, never by itself: the page
 * is the worker's, and a worker runs code someone else wrote. */
static gboolean
on_decide_destination (WebKitDownload    *download,
                       const char        *suggested,
                       StudioApplication *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *base = g_path_get_basename (suggested && *suggested ? suggested : "download");
  g_autofree char *name = g_str_has_prefix (base, ".") ? g_strconcat ("download", base, NULL) : g_strdup (base);
  const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  g_autoptr(GFile) folder = g_file_new_for_path (dir ? dir : g_get_home_dir ());
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save Download"), parent,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                               _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (destination_chosen), g_object_ref (download));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  return TRUE;
}

static void
on_download_finished (WebKitDownload    *download,
                      StudioApplication *self)
{
  g_autofree char *name = webkit_download_get_destination (download)
    ? g_path_get_basename (webkit_download_get_destination (download)) : NULL;
  g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name ? name : "");

  /* "finished" follows "failed" too. */
  if (name != NULL && !g_object_get_data (G_OBJECT (download), "failed"))
    toast (self, title);
}

static void
on_download_failed (WebKitDownload    *download,
                    GError            *error,
                    StudioApplication *self)
{
  g_autofree char *title = NULL;

  g_object_set_data (G_OBJECT (download), "failed", GINT_TO_POINTER (TRUE));
  if (g_error_matches (error, WEBKIT_DOWNLOAD_ERROR, WEBKIT_DOWNLOAD_ERROR_CANCELLED_BY_USER))
    return;
  title = g_strdup_printf (_("Download failed: %s"), error->message);
  toast (self, title);
}

static void
on_download_started (WebKitNetworkSession *session,
                     WebKitDownload       *download,
                     StudioApplication    *self)
{
  g_signal_connect (download, "decide-destination", G_CALLBACK (on_decide_destination), self);
  g_signal_connect_object (download, "finished", G_CALLBACK (on_download_finished), self, 0);
  g_signal_connect_object (download, "failed", G_CALLBACK (on_download_failed), self, 0);
}

/* Cookies and storage per region, kept on disk, so that Jupyter stays logged in. */
WebKitNetworkSession *
studio_application_get_network_session (StudioApplication *self,
                                        StudioRegion      *region)
{
  return studio_application_get_network_session_for (self, studio_region_get_id (region));
}

/* By region name: a sign-in window logs in before its region exists. */
WebKitNetworkSession *
studio_application_get_network_session_for (StudioApplication *self,
                                            const char        *region_id)
{
  WebKitNetworkSession *session = g_hash_table_lookup (self->network_sessions, region_id);

  if (session == NULL)
    {
      g_autofree char *data_dir = NULL;
      g_autofree char *cache_dir = NULL;

      studio_regions_get_web_folders (region_id, &data_dir, &cache_dir);
      /* A hub's login cookie is a credential: the folders are the user's alone. */
      for (guint i = 0; i < 2; i++)
        {
          const char *dir = i == 0 ? data_dir : cache_dir;
          g_autofree char *parent = g_path_get_dirname (dir);

          g_mkdir_with_parents (parent, 0700);
          g_mkdir (dir, 0700);
          g_chmod (dir, 0700);
        }
      session = webkit_network_session_new (data_dir, cache_dir);
      webkit_website_data_manager_set_favicons_enabled (webkit_network_session_get_website_data_manager (session), TRUE);
      /* Downloads from Jupyter ask where to go, with a toast when done. */
      g_signal_connect_object (session, "download-started", G_CALLBACK (on_download_started), self, 0);
      g_hash_table_insert (self->network_sessions, g_strdup (region_id), session);
    }
  return session;
}

static void
web_data_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WebKitNetworkSession) session = user_data;   /* kept until its data is cleared */
  g_autofree char *region_id = g_strdup (g_object_get_data (G_OBJECT (session), "region-id"));

  webkit_website_data_manager_clear_finish (WEBKIT_WEBSITE_DATA_MANAGER (object), result, NULL);
  /* The session goes first: going, it may still write its cache, into a
   * folder deleted already (it came back after the deletion, now and then). */
  g_clear_object (&session);
  studio_regions_delete_web_folders_async (region_id, NULL, NULL, NULL);
}

/* Everything the web views kept for a region (cookies, local storage, cache)
 * goes with it: a removed region leaves no session behind. */
void
studio_application_forget_region_web_data (StudioApplication *self,
                                           const char        *region_id)
{
  g_autoptr(WebKitNetworkSession) session = NULL;
  g_autofree char *key = NULL;
  WebKitWebsiteDataManager *manager;

  g_return_if_fail (STUDIO_IS_APPLICATION (self));

  if (!g_hash_table_steal_extended (self->network_sessions, region_id, (gpointer *) &key, (gpointer *) &session))
    {
      studio_regions_delete_web_folders_async (region_id, NULL, NULL, NULL);
      return;
    }
  /* The network process holds the cookie database open: clear through it first. */
  g_object_set_data_full (G_OBJECT (session), "region-id", g_strdup (region_id), g_free);
  manager = webkit_network_session_get_website_data_manager (session);
  webkit_website_data_manager_clear (manager, WEBKIT_WEBSITE_DATA_ALL, 0, NULL, web_data_cleared_cb,
                                     g_steal_pointer (&session));
}

/* A notification about a worker, whose actions name it by region and worker. */
static void
notify_worker (StudioApplication *self,
               StudioWorker      *worker,
               const char        *kind,
               const char        *title,
               const char        *body,
               const char        *action,
               const char        *button,
               gboolean           default_action)
{
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autofree char *id = g_strdup_printf ("%s-%s", kind, studio_worker_get_name (worker));
  g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new ("(ss)", studio_worker_get_region (worker),
                                                                  studio_worker_get_name (worker)));

  g_notification_set_body (notification, body);
  if (default_action)
    g_notification_set_default_action_and_target_value (notification, action, target);
  g_notification_add_button_with_target_value (notification, button, action, target);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

void
studio_application_notify_ready (StudioApplication *self,
                                 StudioWorker      *worker)
{
  g_autofree char *title = g_strdup_printf (_("Worker %s is ready"), studio_worker_get_name (worker));

  notify_worker (self, worker, "ready", title, _("Its Jupyter server is running."),
                 "app.open-jupyter", _("Open Jupyter"), TRUE);
}

void
studio_application_notify_idle (StudioApplication *self,
                                StudioWorker      *worker)
{
  g_autofree char *title = g_strdup_printf (_("Worker %s will shut down soon"), studio_worker_get_name (worker));

  notify_worker (self, worker, "idle", title, _("It has been idle and stops itself in five minutes."),
                 "app.keep-running", _("Keep Running"), FALSE);
}
