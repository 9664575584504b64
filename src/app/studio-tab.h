/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TAB (studio_tab_get_type ())
G_DECLARE_INTERFACE (StudioTab, studio_tab, STUDIO, TAB, GtkWidget)

/**
 * StudioTabInterface:
 * @get_region: the region of the tab's worker
 * @get_worker: the worker the tab shows
 * @is: whether the tab shows @kind ("jupyter", "terminal", "service") with
 *   @id (a service's id; NULL otherwise), so that the window shows it rather
 *   than opening another
 * @save: what the tab is, for the next start: its kind, and where it was (the
 *   document in front, the shell, the service's id); what it needs to be
 *   taken up again is kept meanwhile (a terminal's shell)
 * @reload: loads it again (or connects it again)
 * @open_in_browser: shows it in the system browser; NULL for a tab that
 *   cannot be
 * @list_unsaved_async: the names of the documents it holds with changes not
 *   saved; NULL for a tab that holds none
 * @list_unsaved_finish: finishes @list_unsaved_async
 *
 * What every tab of the window is: a page of a worker, with its "title",
 * "icon" and "loading" properties, as GNOME Console's tabs are. The window
 * keeps its tabs through this alone.
 */
struct _StudioTabInterface
{
  GTypeInterface parent_iface;

  StudioRegion *(*get_region)          (StudioTab           *self);
  StudioWorker *(*get_worker)          (StudioTab           *self);
  gboolean      (*is)                  (StudioTab           *self,
                                        const char          *kind,
                                        const char          *id);
  char         *(*save)                (StudioTab           *self,
                                        const char         **kind);
  void          (*reload)              (StudioTab           *self);
  void          (*open_in_browser)     (StudioTab           *self);
  void          (*list_unsaved_async)  (StudioTab           *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  char        **(*list_unsaved_finish) (StudioTab           *self,
                                        GAsyncResult        *result,
                                        GError             **error);
};

StudioRegion *studio_tab_get_region          (StudioTab           *self);
StudioWorker *studio_tab_get_worker          (StudioTab           *self);
gboolean      studio_tab_is                  (StudioTab           *self,
                                              const char          *kind,
                                              const char          *id);
char         *studio_tab_save                (StudioTab           *self,
                                              const char         **kind);
void          studio_tab_reload              (StudioTab           *self);
gboolean      studio_tab_can_open_in_browser (StudioTab           *self);
void          studio_tab_open_in_browser     (StudioTab           *self);
void          studio_tab_list_unsaved_async  (StudioTab           *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char        **studio_tab_list_unsaved_finish (StudioTab           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
