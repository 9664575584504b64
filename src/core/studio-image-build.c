/* SPDX-License-Identifier: GPL-3.0-or-later */
/* AI Studio's own worker images: what each is for, whether This Computer has
 * it, and building it there (tools/build-worker-image, installed beside the
 * core), with its progress. */
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "studio-engine-region.h"
#include "studio-error.h"
#include "studio-engine-private.h"
#include "studio-image-build.h"
#include "studio-image-copy-private.h"
#include "studio-util.h"

struct _StudioImageBuild
{
  GObject parent_instance;

  char *image;
  char *engine;        /* the engine's address, where the image goes; NULL: the tool's own choice */
  char *source;        /* an engine to copy it from, "local" for This Computer's; NULL: build */
  char *where;         /* where it goes, for people */
  StudioEngine *destination;  /* connected before anything goes there (a tunnel brought up) */
  const char *flavor;
  char *text;
  double fraction;
  GSubprocess *process;
  GDataInputStream *output;
  /* What the build printed; its last lines are what a failure shows. */
  GString *printed;
  gulong cancelled_id;
};

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_ENGINE,
  PROP_SOURCE,
  PROP_WHERE,
  PROP_TEXT,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * StudioImageBuild:
 *
 * Building one of AI Studio's own worker images on This Computer, from
 * Debian's packages (and its JupyterLab from the npm registry): a few
 * minutes, followed in #StudioImageBuild:text and #StudioImageBuild:fraction.
 */
G_DEFINE_FINAL_TYPE (StudioImageBuild, studio_image_build, G_TYPE_OBJECT)

static const struct {
  const char *image;
  const char *flavor;     /* tools/build-worker-image's, for ours */
  const char *description;
} images[] = {
  { STUDIO_LOCAL_REGION_DEFAULT_IMAGE, "default",
    N_("JupyterLab, Python 3 and a terminal with sudo. Small, and quick to start.") },
  { STUDIO_DATA_SCIENCE_IMAGE, "data-science",
    N_("JupyterLab with pandas, scikit-learn, XGBoost, statsmodels, matplotlib and Dask, "
       "and two kernels: one for machine learning, one for big data.") },
  { "quay.io/jupyter/minimal-notebook:latest", NULL,
    N_("Jupyter's Docker Stacks: JupyterLab and Python. Pulled from quay.io.") },
  { "quay.io/jupyter/scipy-notebook:latest", NULL,
    N_("Jupyter's Docker Stacks: the SciPy stack, pandas and scikit-learn. Pulled from quay.io.") },
  { "quay.io/jupyter/pytorch-notebook:latest", NULL,
    N_("Jupyter's Docker Stacks: PyTorch and the SciPy stack. Pulled from quay.io.") },
};

/**
 * studio_image_get_description:
 * @image: an image reference
 *
 * What a worker image that AI Studio knows is for, in a sentence.
 *
 * Returns: (nullable): the description, or %NULL for an image AI Studio does not know
 */
const char *
studio_image_get_description (const char *image)
{
  for (guint i = 0; image != NULL && i < G_N_ELEMENTS (images); i++)
    if (g_str_equal (images[i].image, image))
      return g_dgettext (GETTEXT_PACKAGE, images[i].description);
  return NULL;
}

static const char *
flavor_of (const char *image)
{
  for (guint i = 0; image != NULL && i < G_N_ELEMENTS (images); i++)
    if (g_str_equal (images[i].image, image))
      return images[i].flavor;
  return NULL;
}

/**
 * studio_image_can_build:
 * @image: an image reference
 *
 * Whether @image is one of AI Studio's own, which it builds on This Computer
 * rather than pulls.
 *
 * Returns: whether AI Studio builds @image
 */
gboolean
studio_image_can_build (const char *image)
{
  return flavor_of (image) != NULL;
}

static void
set_progress (StudioImageBuild *self,
              const char       *text,
              double            fraction)
{
  if (text != NULL && g_strcmp0 (text, self->text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
  if (fraction > self->fraction)
    {
      self->fraction = MIN (fraction, 1.0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

/* The build's own steps ("STEP 2/3 Installing Debian's packages"), and within
 * the longest one mmdebstrap's ("  I: extracting archives..."), as a share of
 * the whole, by their usual lengths. */
static void
read_progress (StudioImageBuild *self,
               const char       *line)
{
  static const double step_start[] = { 0.0, 0.15, 0.9 };
  static const struct { const char *marker; double at; } debootstrap[] = {
    { "downloading packages", 0.2 },
    { "extracting archives", 0.35 },
    { "installing essential packages", 0.4 },
    { "installing remaining packages", 0.5 },
    { "running --customize-hook", 0.8 },
    { "creating tarball", 0.85 },
  };
  guint step, steps;
  int text_at = 0;

  if (sscanf (line, "STEP %u/%u %n", &step, &steps, &text_at) == 2 && text_at > 0 && step >= 1 &&
      step <= G_N_ELEMENTS (step_start))
    {
      set_progress (self, line + text_at, step_start[step - 1]);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (debootstrap); i++)
    if (strstr (line, debootstrap[i].marker) != NULL)
      set_progress (self, NULL, debootstrap[i].at);
}

static void
disconnect_cancellable (StudioImageBuild *self,
                        GCancellable     *cancellable)
{
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, self->cancelled_id);
  self->cancelled_id = 0;
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioImageBuild *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  disconnect_cancellable (self, g_task_get_cancellable (task));
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error))
    {
      g_autofree char *tail = studio_util_last_lines (self->printed->str, 12);

      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("Building image %s failed. What the build said last:\n%s"), self->image, tail);
      return;
    }
  set_progress (self, _("Built"), 1.0);
  g_task_return_boolean (task, TRUE);
}

static void read_next (GTask *task);

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioImageBuild *self = g_task_get_source_object (task);
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, NULL);

  if (line == NULL)
    {
      /* The end of its output (or output that is not text): wait for its end. */
      g_subprocess_wait_async (self->process, NULL, waited_cb, g_steal_pointer (&task));
      return;
    }
  read_progress (self, line);
  g_string_append_printf (self->printed, "%s\n", line);
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  StudioImageBuild *self = g_task_get_source_object (task);

  g_data_input_stream_read_line_async (self->output, G_PRIORITY_DEFAULT, NULL, line_read_cb, task);
}

/* Its own process group, so that a cancel stops mmdebstrap and podman too. */
static void
new_process_group (gpointer user_data)
{
  setpgid (0, 0);
}

static void
on_cancelled (GCancellable     *cancellable,
              StudioImageBuild *self)
{
  const char *id = self->process ? g_subprocess_get_identifier (self->process) : NULL;

  if (id != NULL)
    kill (-(pid_t) atoi (id), SIGTERM);
}

static const char *
tools_dir (void)
{
  const char *dir = g_getenv ("AI_STUDIO_TOOLS_DIR");

  return dir && *dir ? dir : STUDIO_TOOLS_DIR;
}

/**
 * studio_image_build_new:
 * @image: one of AI Studio's own images (see studio_image_can_build())
 *
 * A build of @image on This Computer; studio_image_build_run_async() starts it.
 *
 * Returns: (transfer full): the build
 */
StudioImageBuild *
studio_image_build_new (const char *image)
{
  g_return_val_if_fail (studio_image_can_build (image), NULL);
  return g_object_new (STUDIO_TYPE_IMAGE_BUILD, "image", image, NULL);
}

/**
 * studio_image_build_run_async:
 * @self: a build
 * @cancellable: (nullable): stops the build and what it started
 * @callback: (scope async): called when the image is built, or not
 * @user_data: data for @callback
 *
 * Builds the image into This Computer's container engine; what the engine
 * had under that name is replaced.
 */
static void start_build (GTask *task);

static void
copy_progress (const char *text,
               double      fraction,
               gpointer    user_data)
{
  set_progress (user_data, text, fraction);
}

static void
copied_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (studio_image_copy_finish (result, &error))
    {
      set_progress (g_task_get_source_object (task), _("Copied"), 1.0);
      g_task_return_boolean (task, TRUE);
    }
  else if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    start_build (g_steal_pointer (&task));   /* nothing to copy: built there */
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
source_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioImageBuild *self = g_task_get_source_object (task);
  g_autofree char *source = studio_engine_find_finish (result, NULL, NULL, NULL);

  if (source == NULL)
    {
      start_build (g_steal_pointer (&task));
      return;
    }
  studio_image_copy_async (self->image, source, self->engine, self->where ?: self->engine, copy_progress, self,
                           g_task_get_cancellable (task), copied_cb, g_object_ref (task));
}

/* The engine the image goes to, reached through it (its region's tunnel). */
void
studio_image_build_set_destination (StudioImageBuild *self,
                                    StudioEngine     *engine)
{
  g_set_object (&self->destination, engine);
}

static void
run (GTask *task)
{
  StudioImageBuild *self = g_task_get_source_object (task);

  if (self->source != NULL && self->engine != NULL)
    {
      /* Copied where another engine has it: This Computer's, found where it is. */
      set_progress (self, _("Looking for the image on This Computer"), 0.0);
      studio_engine_find_async (g_str_equal (self->source, "local") ? NULL : self->source, FALSE,
                                g_task_get_cancellable (task), source_found_cb, task);
      return;
    }
  start_build (task);
}

static void
destination_connected_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!studio_engine_connect_finish (STUDIO_ENGINE (object), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run (task);
}

void
studio_image_build_run_async (StudioImageBuild    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_IMAGE_BUILD (self));
  g_return_if_fail (self->process == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_image_build_run_async);
  if (self->destination != NULL)
    {
      set_progress (self, _("Connecting"), 0.0);
      studio_engine_connect_async (self->destination, cancellable, destination_connected_cb, task);
      return;
    }
  run (task);
}

static void
start_build (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  StudioImageBuild *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;

  script = g_build_filename (tools_dir (), "build-worker-image", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, new_process_group, NULL, NULL);
  /* The tool imports into the engine at this address, Podman's or Docker's. */
  if (self->engine != NULL)
    g_subprocess_launcher_setenv (launcher, "AI_STUDIO_ENGINE", self->engine, TRUE);
  set_progress (self, _("Starting"), 0.0);
  self->process = g_subprocess_launcher_spawn (launcher, &error, script, self->image, self->flavor, NULL);
  if (self->process == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("Could not start building image %s: %s. Is AI Studio installed completely?"),
                               self->image, error->message);
      return;
    }
  self->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
  read_next (g_steal_pointer (&task));
}

/**
 * studio_image_build_run_finish:
 * @self: a build
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes studio_image_build_run_async(); a failure's message ends with the
 * last lines the build printed.
 *
 * Returns: whether the image was built
 */
gboolean
studio_image_build_run_finish (StudioImageBuild  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_image_build_get_image:
 * @self: a build
 *
 * The image this build makes.
 *
 * Returns: the image it builds
 */
const char *
studio_image_build_get_image (StudioImageBuild *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_BUILD (self), NULL);
  return self->image;
}

/**
 * studio_image_build_get_text:
 * @self: a build
 *
 * What the build does now ("Installing Debian's packages"), for people.
 *
 * Returns: (nullable): what it does now, for people
 */
const char *
studio_image_build_get_text (StudioImageBuild *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_BUILD (self), NULL);
  return self->text;
}

/**
 * studio_image_build_get_fraction:
 * @self: a build
 *
 * How far the build is, by the usual lengths of its steps.
 *
 * Returns: how far it is, from 0 to 1
 */
double
studio_image_build_get_fraction (StudioImageBuild *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_BUILD (self), 0.0);
  return self->fraction;
}

static void
studio_image_build_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioImageBuild *self = STUDIO_IMAGE_BUILD (object);

  switch (prop_id)
    {
    case PROP_IMAGE: g_value_set_string (value, self->image); break;
    case PROP_ENGINE: g_value_set_string (value, self->engine); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_WHERE: g_value_set_string (value, self->where); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_FRACTION: g_value_set_double (value, self->fraction); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_build_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StudioImageBuild *self = STUDIO_IMAGE_BUILD (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      self->image = g_value_dup_string (value);
      self->flavor = flavor_of (self->image);
      break;
    case PROP_ENGINE: self->engine = g_value_dup_string (value); break;
    case PROP_SOURCE: self->source = g_value_dup_string (value); break;
    case PROP_WHERE: self->where = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_build_finalize (GObject *object)
{
  StudioImageBuild *self = STUDIO_IMAGE_BUILD (object);

  g_clear_object (&self->output);
  g_clear_object (&self->process);
  g_string_free (self->printed, TRUE);
  g_free (self->image);
  g_free (self->engine);
  g_free (self->source);
  g_free (self->where);
  g_clear_object (&self->destination);
  g_free (self->text);
  G_OBJECT_CLASS (studio_image_build_parent_class)->finalize (object);
}

static void
studio_image_build_class_init (StudioImageBuildClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = studio_image_build_get_property;
  object_class->set_property = studio_image_build_set_property;
  object_class->finalize = studio_image_build_finalize;

  /**
   * StudioImageBuild:image:
   *
   * The image it builds.
   */
  properties[PROP_IMAGE] = g_param_spec_string ("image", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioImageBuild:engine:
   *
   * The address of the container engine the image goes to (a `unix://`
   * socket of Podman's or Docker's); %NULL for the one the build's tool
   * finds. A region makes its builds with studio_region_build_image().
   */
  properties[PROP_ENGINE] = g_param_spec_string ("engine", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioImageBuild:source:
   *
   * A container engine that may have the image already (a `unix://`
   * address, or "local" for This Computer's): the image is copied from
   * there (the engine's save, streamed into the destination's load), and
   * built only when it has none. %NULL: always built.
   */
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioImageBuild:where:
   *
   * Where the image goes, for people ("gpu-box"); %NULL: the engine's address.
   */
  properties[PROP_WHERE] = g_param_spec_string ("where", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioImageBuild:text:
   *
   * What it does now, for people.
   */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * StudioImageBuild:fraction:
   *
   * How far it is, from 0 to 1.
   */
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_image_build_init (StudioImageBuild *self)
{
  self->printed = g_string_new (NULL);
}
