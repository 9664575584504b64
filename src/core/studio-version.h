#pragma once

/**
 * STUDIO_PUBLIC:
 *
 * Marks a symbol of libaistudio's public API; everything else in the
 * library is hidden from its users.
 */
#define STUDIO_PUBLIC __attribute__ ((visibility ("default")))
