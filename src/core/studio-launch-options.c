/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "studio-launch-options.h"

G_DEFINE_BOXED_TYPE (StudioLaunchOptions, studio_launch_options,
                     studio_launch_options_copy, studio_launch_options_free)

/**
 * studio_launch_options_new:
 *
 * What a user asks for when launching a worker; %NULL fields take the region's defaults, and the idle shutdown is the default (-1).
 *
 * Returns: (transfer full): new, empty options
 */
StudioLaunchOptions *
studio_launch_options_new (void)
{
  StudioLaunchOptions *options = g_new0 (StudioLaunchOptions, 1);

  options->auto_shutdown_minutes = -1;
  return options;
}

/**
 * studio_launch_options_new_full:
 * @name: (nullable): the worker's name, or %NULL for one the region suggests
 * @size: (nullable): a size's id or name, or %NULL for the default
 * @image: (nullable): an image reference, or %NULL for the region's default
 * @startup_script: (nullable): a shell script run before Jupyter starts
 * @auto_shutdown_minutes: idle minutes before the worker stops itself; 0:
 *   never; below 0: the default
 * @profile_options: (nullable): a hub profile's options, JSON `{key: value}`
 *
 * Launch options with their fields set, for a binding that cannot set a
 * structure's strings.
 *
 * Returns: (transfer full): new launch options
 */
StudioLaunchOptions *
studio_launch_options_new_full (const char *name,
                                const char *size,
                                const char *image,
                                const char *startup_script,
                                int         auto_shutdown_minutes,
                                const char *profile_options)
{
  StudioLaunchOptions *options = studio_launch_options_new ();

  options->name = g_strdup (name);
  options->size = g_strdup (size);
  options->image = g_strdup (image);
  options->startup_script = g_strdup (startup_script);
  options->auto_shutdown_minutes = auto_shutdown_minutes;
  options->profile_options = g_strdup (profile_options);
  return options;
}

/**
 * studio_launch_options_copy:
 * @options: launch options
 *
 * A copy of @options.
 *
 * Returns: (transfer full): a copy of @options
 */
StudioLaunchOptions *
studio_launch_options_copy (const StudioLaunchOptions *options)
{
  StudioLaunchOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_new0 (StudioLaunchOptions, 1);
  copy->name = g_strdup (options->name);
  copy->size = g_strdup (options->size);
  copy->image = g_strdup (options->image);
  copy->startup_script = g_strdup (options->startup_script);
  copy->auto_shutdown_minutes = options->auto_shutdown_minutes;
  copy->flavor = g_strdup (options->flavor);
  copy->profile_options = g_strdup (options->profile_options);
  return copy;
}

/**
 * studio_launch_options_free:
 * @options: (nullable): launch options
 *
 * Frees @options.
 */
void
studio_launch_options_free (StudioLaunchOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->name);
  g_free (options->size);
  g_free (options->image);
  g_free (options->startup_script);
  g_free (options->flavor);
  g_free (options->profile_options);
  g_free (options);
}
