/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "studio-engine-region-private.h"

G_BEGIN_DECLS

#define STUDIO_ENGINE_REGION_CLASS(k) (G_TYPE_CHECK_CLASS_CAST ((k), STUDIO_TYPE_ENGINE_REGION, StudioEngineRegionClass))

/* A machine reached with OpenSSH (studio-ssh-region.c), kind "ssh". */
#define STUDIO_TYPE_SSH_REGION (studio_ssh_region_get_type ())
G_DECLARE_FINAL_TYPE (StudioSshRegion, studio_ssh_region, STUDIO, SSH_REGION, StudioEngineRegion)

gboolean studio_ssh_region_parse_url (const char  *url,
                                      char       **login,
                                      char       **host,
                                      guint       *port,
                                      GError     **error);

G_END_DECLS
