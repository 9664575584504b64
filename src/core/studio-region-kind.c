/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a region says of itself, so that no front end tests its type: its
 * kind, the words to show for it, how it signs in, what it keeps in
 * regions.ini, how it is set up and forgotten, and its images. Each has a
 * default here that a kind of region overrides. */
#include <glib/gi18n-lib.h>

#include "studio-image-build.h"
#include "studio-error.h"
#include "studio-region-private.h"

/**
 * studio_region_get_kind:
 * @self: a region
 *
 * The kind's id, the same in every language, as `regions.ini` names it in
 * its groups ("local" for This Computer, "hub", "engine", or a kind a module
 * adds).
 *
 * Returns: the kind's id
 */
const char *
studio_region_get_kind (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->get_kind (self);
}

/**
 * studio_region_get_kind_name:
 * @self: a region
 *
 * The kind's name for people ("This Computer", "JupyterHub"), translated.
 *
 * Returns: the kind's name for people
 */
const char *
studio_region_get_kind_name (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->get_kind_name (self);
}

/**
 * studio_region_get_icon_name:
 * @self: a region
 *
 * The name of a symbolic icon that stands for the region.
 *
 * Returns: an icon name
 */
const char *
studio_region_get_icon_name (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->get_icon_name (self);
}

/**
 * studio_region_describe_unavailable:
 * @self: a region
 * @title: (out) (optional) (transfer full): a short title for the state
 *   ("No Container Engine")
 *
 * What to show when the region does not answer: its status and what the
 * user can do about it, in words.
 *
 * Returns: (transfer full): the status and what to do, in words
 */
char *
studio_region_describe_unavailable (StudioRegion  *self,
                                    char         **title)
{
  g_autofree char *own_title = NULL;
  char *text;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  text = STUDIO_REGION_GET_CLASS (self)->describe_unavailable (self, &own_title);
  if (title != NULL)
    *title = own_title ? g_steal_pointer (&own_title) : g_strdup (_("Not Available"));
  return text;
}

/**
 * studio_region_describe_terminate:
 * @self: a region
 * @worker: one of its workers
 *
 * What a terminate of @worker costs, in words, for its confirmation.
 *
 * Returns: (transfer full): what is lost and what is kept
 */
char *
studio_region_describe_terminate (StudioRegion *self,
                                  StudioWorker *worker)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);
  return STUDIO_REGION_GET_CLASS (self)->describe_terminate (self, worker);
}

/**
 * studio_region_get_sign_in_methods:
 * @self: a region
 *
 * How the region signs in; %STUDIO_SIGN_IN_NONE where it needs no account.
 *
 * Returns: how the region signs in
 */
StudioSignInMethods
studio_region_get_sign_in_methods (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), STUDIO_SIGN_IN_NONE);
  return STUDIO_REGION_GET_CLASS (self)->get_sign_in_methods (self);
}

/**
 * studio_region_list_settings:
 * @self: a region
 *
 * The names of the region's properties that `regions.ini` keeps, under the
 * same names as keys of the region's group; a region is built again from
 * them (and its id).
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): property names
 */
const char * const *
studio_region_list_settings (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->list_settings (self);
}

/**
 * studio_region_setup_async:
 * @self: a region being added
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the region is ready to be kept
 * @user_data: data for @callback
 *
 * Checks a region that is being added: a hub signs in and keeps its token
 * in the Secret Service; by default, the region must answer a refresh.
 * studio_regions_add_async() calls it before it keeps anything.
 */
void
studio_region_setup_async (StudioRegion        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  STUDIO_REGION_GET_CLASS (self)->setup_async (self, cancellable, callback, user_data);
}

/**
 * studio_region_setup_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_region_setup_async().
 *
 * Returns: %TRUE when the region may be kept
 */
gboolean
studio_region_setup_finish (StudioRegion  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->setup_finish (self, result, error);
}

/**
 * studio_region_forget_async:
 * @self: a region being removed
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when what it kept is gone
 * @user_data: data for @callback
 *
 * Drops what the region keeps outside `regions.ini` (a hub's token and login
 * cookie); studio_regions_remove_async() calls it.
 */
void
studio_region_forget_async (StudioRegion        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  STUDIO_REGION_GET_CLASS (self)->forget_async (self, cancellable, callback, user_data);
}

/**
 * studio_region_forget_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_region_forget_async().
 *
 * Returns: %TRUE when nothing of the region is left
 */
gboolean
studio_region_forget_finish (StudioRegion  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->forget_finish (self, result, error);
}

/**
 * studio_region_has_image_async:
 * @self: a region with %STUDIO_REGION_CAPABILITIES_IMAGES
 * @image: an image reference
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Asks the region whether it has @image, ready to launch without a pull or
 * a build.
 */
void
studio_region_has_image_async (StudioRegion        *self,
                               const char          *image,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (image != NULL);
  STUDIO_REGION_GET_CLASS (self)->has_image_async (self, image, cancellable, callback, user_data);
}

/**
 * studio_region_has_image_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @present: (out): whether the region has the image
 * @size: (out) (optional): the image's size in bytes where the region has
 *   it, 0 when it does not or cannot say
 * @error: return location for a #GError
 *
 * Finishes studio_region_has_image_async().
 *
 * Returns: %TRUE if the region answered
 */
gboolean
studio_region_has_image_finish (StudioRegion  *self,
                                GAsyncResult  *result,
                                gboolean      *present,
                                guint64       *size,
                                GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->has_image_finish (self, result, present, size, error);
}

/**
 * studio_region_describe_image:
 * @self: a region with %STUDIO_REGION_CAPABILITIES_IMAGES
 * @image: an image reference
 * @present: whether @self has @image (studio_region_has_image_finish())
 * @size: its size in bytes where present, 0 if unknown
 *
 * Says in a sentence where @image stands for a launch in @self: there
 * already (and how big), to be built there first (one of AI Studio's own),
 * or downloaded at its first launch. The window's image pickers and the CLI's `images` say
 * the same.
 *
 * Returns: (transfer full): the sentence
 */
char *
studio_region_describe_image (StudioRegion *self,
                              const char   *image,
                              gboolean      present,
                              guint64       size)
{
  const char *name;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (image != NULL, NULL);
  name = studio_region_get_name (self);
  if (present && size > 0)
    {
      g_autofree char *bytes = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      /* TRANSLATORS: where an image is, and its size: "On This Computer, 1.2 GiB" */
      return g_strdup_printf (_("On %s, %s"), name, bytes);
    }
  if (present)
    return g_strdup_printf (_("On %s"), name);
  if (studio_image_can_build (image))
    return g_strdup_printf (_("Not on %s yet: to be built there once, in a few minutes"), name);
  return g_strdup_printf (_("Not on %s yet: downloaded at its first launch"), name);
}

/**
 * studio_region_build_image:
 * @self: a region
 * @image: one of AI Studio's own images (studio_image_can_build())
 *
 * A build of @image for this region, not started yet; %NULL where the
 * region builds no images (a hub's images are its administrators').
 *
 * Returns: (transfer full) (nullable): the build, or %NULL
 */
StudioImageBuild *
studio_region_build_image (StudioRegion *self,
                           const char   *image)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (image != NULL, NULL);
  if (!studio_image_can_build (image) || STUDIO_REGION_GET_CLASS (self)->build_image == NULL)
    return NULL;
  return STUDIO_REGION_GET_CLASS (self)->build_image (self, image);
}

/* ---- the defaults ---------------------------------------------------------------- */

static const char *
real_get_kind (StudioRegion *self)
{
  return G_OBJECT_TYPE_NAME (self);
}

static const char *
real_get_kind_name (StudioRegion *self)
{
  return studio_region_get_kind (self);
}

static const char *
real_get_icon_name (StudioRegion *self)
{
  return "network-server-symbolic";
}

static char *
real_describe_unavailable (StudioRegion  *self,
                           char         **title)
{
  *title = g_strdup_printf (_("%s Not Available"), studio_region_get_kind_name (self));
  return g_strdup_printf (_("%s\n\nCheck your network, then retry."), studio_region_get_status (self) ?: "");
}

static char *
real_describe_terminate (StudioRegion *self,
                         StudioWorker *worker)
{
  return g_strdup (_("The worker is removed, with everything on it."));
}

static const char * const *
real_list_kept_folders (StudioRegion *self)
{
  static const char * const none[] = { NULL };

  return none;
}

static StudioSignInMethods
real_get_sign_in_methods (StudioRegion *self)
{
  return STUDIO_SIGN_IN_NONE;
}

static const char * const *
real_list_settings (StudioRegion *self)
{
  return NULL;
}

static void
setup_refreshed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* By default a region is kept once it has answered. */
static void
real_setup_async (StudioRegion        *self,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, real_setup_async);
  studio_region_refresh_async (self, cancellable, setup_refreshed_cb, task);
}

static gboolean
real_task_finish (StudioRegion  *self,
                  GAsyncResult  *result,
                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
real_forget_async (StudioRegion        *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, real_forget_async);
  g_task_return_boolean (task, TRUE);
}

static void
real_has_image_async (StudioRegion        *self,
                      const char          *image,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, real_has_image_async);
  g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                           _("%s does not say which images it has."), studio_region_get_name (self));
}

static gboolean
real_has_image_finish (StudioRegion  *self,
                       GAsyncResult  *result,
                       gboolean      *present,
                       guint64       *size,
                       GError       **error)
{
  gssize answer = g_task_propagate_int (G_TASK (result), error);

  if (answer < 0)
    return FALSE;
  if (present != NULL)
    *present = answer != 0;
  if (size != NULL)
    *size = answer > 1 ? (guint64) answer - 1 : 0;
  return TRUE;
}

void
_studio_region_class_init_kind (StudioRegionClass *klass)
{
  klass->get_kind = real_get_kind;
  klass->get_kind_name = real_get_kind_name;
  klass->get_icon_name = real_get_icon_name;
  klass->describe_unavailable = real_describe_unavailable;
  klass->describe_terminate = real_describe_terminate;
  klass->list_kept_folders = real_list_kept_folders;
  klass->get_sign_in_methods = real_get_sign_in_methods;
  klass->list_settings = real_list_settings;
  klass->setup_async = real_setup_async;
  klass->setup_finish = real_task_finish;
  klass->forget_async = real_forget_async;
  klass->forget_finish = real_task_finish;
  klass->has_image_async = real_has_image_async;
  klass->has_image_finish = real_has_image_finish;
}
