/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a line of a stream from outside may be (studio-line-limit.c). */
#define STUDIO_MAX_STREAM_LINE (1024 * 1024)

#define STUDIO_TYPE_LINE_LIMIT (studio_line_limit_get_type ())
G_DECLARE_FINAL_TYPE (StudioLineLimit, studio_line_limit, STUDIO, LINE_LIMIT, GObject)

GInputStream *studio_line_limit_stream_new (GInputStream *base,
                                            gsize         max_line);

G_END_DECLS
