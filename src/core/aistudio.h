/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* libaistudio: AI Studio's core, without a window. Include only this header. */
#define __AISTUDIO_H_INSIDE__

#include "studio-version.h"
#include "studio-enums.h"
#include "studio-error.h"
#include "studio-size.h"
#include "studio-worker.h"
#include "studio-launch-options.h"
#include "studio-jupyter.h"
#include "studio-terminal-channel.h"
#include "studio-exec.h"
#include "studio-service.h"
#include "studio-region.h"
#include "studio-engine-region.h"
#include "studio-hub-region.h"
#include "studio-regions.h"
#include "studio-watcher.h"
#include "studio-task.h"
#include "studio-tasks.h"
#include "studio-image-build.h"

#undef __AISTUDIO_H_INSIDE__
