/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"


G_BEGIN_DECLS

#define STUDIO_TYPE_LAUNCH_DIALOG (studio_launch_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioLaunchDialog, studio_launch_dialog, STUDIO, LAUNCH_DIALOG, AdwWindow)

StudioLaunchDialog  *studio_launch_dialog_new         (StudioRegion       *region,
                                                       GSettings          *settings);
StudioLaunchOptions *studio_launch_dialog_get_options (StudioLaunchDialog *self);
gboolean             studio_launch_dialog_can_launch  (StudioLaunchDialog *self);
gboolean             studio_launch_dialog_choose_option (StudioLaunchDialog *self,
                                                         const char         *key,
                                                         const char         *label);
void                 studio_launch_dialog_set_name    (StudioLaunchDialog *self,
                                                       const char         *name);
void                 studio_launch_dialog_select_size (StudioLaunchDialog *self,
                                                       const char         *size_id);

G_END_DECLS
