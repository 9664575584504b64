#include "studio-launch-options.h"

G_DEFINE_BOXED_TYPE (StudioLaunchOptions, studio_launch_options,
                     studio_launch_options_copy, studio_launch_options_free)

StudioLaunchOptions *
studio_launch_options_new (void)
{
  StudioLaunchOptions *options = g_new0 (StudioLaunchOptions, 1);

  options->auto_shutdown_minutes = -1;
  return options;
}

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
