/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

/**
 * STUDIO_PUBLIC:
 *
 * Marks a symbol of libaistudio's public API; everything else in the
 * library is hidden from its users.
 */
#define STUDIO_PUBLIC __attribute__ ((visibility ("default")))
