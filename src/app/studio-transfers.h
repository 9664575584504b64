#pragma once

#include <adwaita.h>

#include "aistudio.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSFERS (studio_transfers_get_type ())
G_DECLARE_FINAL_TYPE (StudioTransfers, studio_transfers, STUDIO, TRANSFERS, AdwBin)

StudioTransfers *studio_transfers_new        (void);
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
