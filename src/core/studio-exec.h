/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include "studio-jupyter.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

#define STUDIO_TYPE_EXEC (studio_exec_get_type ())
G_DECLARE_FINAL_TYPE (StudioExec, studio_exec, STUDIO, EXEC, GObject)

StudioExec *studio_exec_new             (StudioJupyter       *jupyter,
                                         const char * const  *argv);
void        studio_exec_start_async     (StudioExec          *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    studio_exec_start_finish    (StudioExec          *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void        studio_exec_write           (StudioExec          *self,
                                         GBytes              *bytes);
void        studio_exec_close_input     (StudioExec          *self);
int         studio_exec_get_exit_status (StudioExec          *self);

#pragma GCC visibility pop

G_END_DECLS
