/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "aistudio.h"

G_BEGIN_DECLS

/**
 * StudioWorkerPhase:
 * @STUDIO_WORKER_PHASE_RUNNING: its Jupyter server answers: a tab shows its work
 * @STUDIO_WORKER_PHASE_AWAY: stopped, stopping, starting or failed: it may come back
 * @STUDIO_WORKER_PHASE_GONE: terminated, or no longer in its region
 */
typedef enum
{
  STUDIO_WORKER_PHASE_RUNNING,
  STUDIO_WORKER_PHASE_AWAY,
  STUDIO_WORKER_PHASE_GONE,
} StudioWorkerPhase;

#define STUDIO_TYPE_WORKER_STATE_PAGE (studio_worker_state_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioWorkerStatePage, studio_worker_state_page, STUDIO, WORKER_STATE_PAGE, AdwBin)

StudioWorkerStatePage *studio_worker_state_page_new       (StudioRegion          *region,
                                                           StudioWorker          *worker);
StudioWorkerPhase      studio_worker_state_page_get_phase (StudioWorkerStatePage *self);

G_END_DECLS
