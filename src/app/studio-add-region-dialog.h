/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"

#include "studio-application.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_ADD_REGION_DIALOG (studio_add_region_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioAddRegionDialog, studio_add_region_dialog, STUDIO, ADD_REGION_DIALOG, AdwWindow)

StudioAddRegionDialog *studio_add_region_dialog_new    (StudioApplication     *app);
void                   studio_add_region_dialog_fill   (StudioAddRegionDialog *self,
                                                        const char            *name,
                                                        const char            *url,
                                                        const char            *username,
                                                        const char            *password,
                                                        const char            *token);
void                   studio_add_region_dialog_fill_machine (StudioAddRegionDialog *self,
                                                              const char            *name,
                                                              const char            *host,
                                                              const char            *login,
                                                              const char            *port);
const char            *studio_add_region_dialog_get_host_key (StudioAddRegionDialog *self);
void                   studio_add_region_dialog_set_replacing (StudioAddRegionDialog *self,
                                                               StudioRegion          *region);
const char            *studio_add_region_dialog_get_error (StudioAddRegionDialog *self);

G_END_DECLS
