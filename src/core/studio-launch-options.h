#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STUDIO_DEFAULT_AUTO_SHUTDOWN_MINUTES 90

/* What a user asks for when launching a worker; NULL fields take the region's defaults. */
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
StudioLaunchOptions *studio_launch_options_copy     (const StudioLaunchOptions *options);
void                 studio_launch_options_free     (StudioLaunchOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioLaunchOptions, studio_launch_options_free)

G_END_DECLS
