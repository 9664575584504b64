/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void studio_spinner_set_busy (GtkSpinner *spinner,
                              gboolean    busy);

G_END_DECLS
