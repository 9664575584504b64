/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * STUDIO_DEFAULT_AUTO_SHUTDOWN_MINUTES:
 *
 * A worker stops itself after this many idle minutes unless told otherwise.
 */
#define STUDIO_DEFAULT_AUTO_SHUTDOWN_MINUTES 90

/**
 * StudioLaunchOptions:
 * @name: (nullable): the worker's name, or %NULL for one the region suggests
 * @size: (nullable): a size's id or name (a hub profile's slug), or %NULL for the default
 * @image: (nullable): an image reference, or %NULL for the region's default
 * @startup_script: (nullable): a shell script run before Jupyter starts
 * @auto_shutdown_minutes: idle minutes before the worker stops itself; 0:
 *   never; below 0: the default
 * @flavor: (nullable): how to start Jupyter in the image; %NULL: detect
 * @profile_options: (nullable): a hub profile's options, JSON `{key: value}`;
 *   %NULL: its defaults
 *
 * What a user asks for when launching a worker; %NULL fields take the
 * region's defaults.
 */
typedef struct {
  char *name;
  char *size;
  char *image;
  char *startup_script;
  int   auto_shutdown_minutes;  /* < 0: the default; 0: never */
  char *flavor;                 /* how to start Jupyter in the image; NULL: detect */
  char *profile_options;        /* a hub profile's options, JSON {key: value}; NULL: its defaults */
} StudioLaunchOptions;

#define STUDIO_TYPE_LAUNCH_OPTIONS (studio_launch_options_get_type ())

GType                studio_launch_options_get_type (void) G_GNUC_CONST;
StudioLaunchOptions *studio_launch_options_new      (void);
StudioLaunchOptions *studio_launch_options_new_full (const char *name,
                                                     const char *size,
                                                     const char *image,
                                                     const char *startup_script,
                                                     int         auto_shutdown_minutes,
                                                     const char *profile_options);
StudioLaunchOptions *studio_launch_options_copy     (const StudioLaunchOptions *options);
void                 studio_launch_options_free     (StudioLaunchOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioLaunchOptions, studio_launch_options_free)

#pragma GCC visibility pop

G_END_DECLS
