/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one contract of the window's tabs (studio-tab.h): the window opens,
 * finds, reloads, saves and restores its tabs, and asks them for unsaved
 * work, without knowing which kind of page each is. */
#include "studio-tab.h"

G_DEFINE_INTERFACE (StudioTab, studio_tab, GTK_TYPE_WIDGET)

static void
studio_tab_default_init (StudioTabInterface *iface)
{
  g_object_interface_install_property (iface, g_param_spec_string ("title", NULL, NULL, NULL,
                                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface, g_param_spec_object ("icon", NULL, NULL, G_TYPE_ICON,
                                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface, g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

StudioRegion *
studio_tab_get_region (StudioTab *self)
{
  g_return_val_if_fail (STUDIO_IS_TAB (self), NULL);
  return STUDIO_TAB_GET_IFACE (self)->get_region (self);
}

StudioWorker *
studio_tab_get_worker (StudioTab *self)
{
  g_return_val_if_fail (STUDIO_IS_TAB (self), NULL);
  return STUDIO_TAB_GET_IFACE (self)->get_worker (self);
}

gboolean
studio_tab_is (StudioTab  *self,
               const char *kind,
               const char *id)
{
  g_return_val_if_fail (STUDIO_IS_TAB (self), FALSE);
  return STUDIO_TAB_GET_IFACE (self)->is (self, kind, id);
}

/* Returns: (transfer full): where the tab was; @kind: (out): its kind */
char *
studio_tab_save (StudioTab   *self,
                 const char **kind)
{
  g_return_val_if_fail (STUDIO_IS_TAB (self), NULL);
  return STUDIO_TAB_GET_IFACE (self)->save (self, kind);
}

void
studio_tab_reload (StudioTab *self)
{
  g_return_if_fail (STUDIO_IS_TAB (self));
  STUDIO_TAB_GET_IFACE (self)->reload (self);
}

gboolean
studio_tab_can_open_in_browser (StudioTab *self)
{
  g_return_val_if_fail (STUDIO_IS_TAB (self), FALSE);
  return STUDIO_TAB_GET_IFACE (self)->open_in_browser != NULL;
}

void
studio_tab_open_in_browser (StudioTab *self)
{
  g_return_if_fail (STUDIO_IS_TAB (self));
  if (STUDIO_TAB_GET_IFACE (self)->open_in_browser != NULL)
    STUDIO_TAB_GET_IFACE (self)->open_in_browser (self);
}

void
studio_tab_list_unsaved_async (StudioTab           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  StudioTabInterface *iface;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STUDIO_IS_TAB (self));
  iface = STUDIO_TAB_GET_IFACE (self);
  if (iface->list_unsaved_async != NULL)
    {
      iface->list_unsaved_async (self, cancellable, callback, user_data);
      return;
    }
  /* A tab that holds no documents has none unsaved. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_tab_list_unsaved_async);
  g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
}

/* Returns: (transfer full): the documents' names, or NULL with @error set */
char **
studio_tab_list_unsaved_finish (StudioTab     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_TAB (self), NULL);
  if (g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == studio_tab_list_unsaved_async)
    return g_task_propagate_pointer (G_TASK (result), error);
  return STUDIO_TAB_GET_IFACE (self)->list_unsaved_finish (self, result, error);
}
