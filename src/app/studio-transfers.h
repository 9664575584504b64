/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSFERS (studio_transfers_get_type ())
G_DECLARE_FINAL_TYPE (StudioTransfers, studio_transfers, STUDIO, TRANSFERS, AdwBin)

/* Files and folders dropped from a file manager; FALSE refuses them. */
typedef gboolean (*StudioFilesDropped) (GObject *owner,
                                        GSList  *files);

StudioTransfers *studio_transfers_new        (void);
void             studio_transfers_accept_drops (GtkWidget          *widget,
                                                GObject            *owner,
                                                StudioFilesDropped  dropped,
                                                gboolean            before_children);
void             studio_transfers_upload     (StudioTransfers    *self,
                                              StudioRegion       *region,
                                              StudioWorker       *worker,
                                              GSList             *files,
                                              const char         *folder);
void             studio_transfers_download   (StudioTransfers    *self,
                                              StudioRegion       *region,
                                              StudioWorker       *worker,
                                              const char         *path,
                                              GFile              *destination);
guint            studio_transfers_get_n_running (StudioTransfers *self);
double           studio_transfers_get_fraction  (StudioTransfers *self);

G_END_DECLS
