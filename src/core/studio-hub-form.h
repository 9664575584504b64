/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "studio-size.h"

G_BEGIN_DECLS

/* The profiles of a KubeSpawner-style spawn form: radio "profile" with a slug,
 * and per-profile selects named profile-option-{slug}--{key}. Each StudioSize
 * has the slug as id and the display name as name; the options' defaults ride
 * along as object data "defaults" (a JsonObject), the options themselves as
 * "options" (a JsonArray of {key, label, choices: [{value, label}], default}).
 * NULL: no such form. */
GListStore *studio_hub_form_parse_profiles (const char *html,
                                            gsize       length);

G_END_DECLS
