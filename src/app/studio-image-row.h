/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_ROW (studio_image_row_get_type ())
G_DECLARE_FINAL_TYPE (StudioImageRow, studio_image_row, STUDIO, IMAGE_ROW, AdwEntryRow)

void          studio_image_row_set_region (StudioImageRow *self,
                                           StudioRegion   *region);
StudioRegion *studio_image_row_get_region (StudioImageRow *self);
char         *studio_image_row_dup_image  (StudioImageRow *self);
GtkListBox   *studio_image_row_get_list   (StudioImageRow *self);
void          studio_image_row_popup      (StudioImageRow *self);
void          studio_image_row_popdown    (StudioImageRow *self);

G_END_DECLS
