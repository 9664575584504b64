/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the window's tests (test-app*.c). */
#pragma once

#include "studio-application.h"
#include "studio-jupyter-page.h"
#include "studio-window.h"
#include "studio-workers-page.h"

extern StudioApplication *app;
extern StudioWindow *window;

void               settle              (guint       ms);
void               screenshot          (const char *name);
StudioWorkersPage *page                (void);
gboolean           page_loaded         (gpointer    data);
gboolean           hub_login_shown     (gpointer    data);
AdwMessageDialog  *find_message_dialog (void);
gpointer           find_toplevel       (GType       type);
gpointer           find_descendant     (GtkWidget  *root,
                                        GType       type);
gboolean           image_menu_described (gpointer list);
const char        *fake_browser        (void);
StudioWorker      *launch_and_select   (const char *name);
const char        *label_with          (GtkWidget  *root,
                                        const char *needle);
gboolean           file_chooser_allowed (void);
void               save_download_as    (const char *path);
void               test_page_reaches_no_desktop (StudioJupyterPage *jupyter,
                                                 WebKitWebView     *view,
                                                 StudioWorker      *worker,
                                                 gboolean           via_hub);
void               test_region_kind_from_module (void);

void               show_tab            (GtkWidget  *child);
gboolean           tab_shows_state     (gpointer    tab);
char              *test_js             (WebKitWebView *view,
                                        const char    *body,
                                        guint          seconds);

void test_add_hub_region           (void);
void test_add_ssh_region           (void);
void test_ssh_tab_comes_back       (void);
void test_ssh_passphrase_asked     (void);
void test_hub_comes_back           (void);
void test_browser_sign_in          (void);
void test_sign_in_again_and_remove (void);
void test_run_task_through_dialog  (void);
void test_worker_details           (void);
void test_services_in_tabs         (void);
void test_vscode_tab               (void);
void test_jupyterlab                (StudioWorker *worker);
void test_image_build              (void);
void test_preferences_image        (void);
void test_no_engine                (void);
void test_idle_warning_in_any_region (void);
void test_data_science_lab         (void);
