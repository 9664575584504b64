/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "studio-region.h"

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * STUDIO_HUB_TOKEN_LIFETIME_DEFAULT:
 *
 * How long a token minted at sign-in lives, in seconds: 30 days.
 */
#define STUDIO_HUB_TOKEN_LIFETIME_DEFAULT (30 * 24 * 3600)

#define STUDIO_TYPE_HUB_REGION (studio_hub_region_get_type ())
G_DECLARE_FINAL_TYPE (StudioHubRegion, studio_hub_region, STUDIO, HUB_REGION, StudioRegion)

JsonNode     *studio_hub_token_request      (const char      *region_id,
                                             guint            lifetime_seconds,
                                             gboolean         scoped);
gboolean      studio_hub_url_is_unencrypted (const char      *url);
char         *studio_hub_certificate_fingerprint (GTlsCertificate *certificate);

#pragma GCC visibility pop

G_END_DECLS
