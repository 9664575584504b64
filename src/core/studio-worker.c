/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-enums.h"
#include "studio-error.h"
#include "studio-util.h"
#include "studio-worker-private.h"

struct _StudioWorker
{
  GObject parent_instance;

  char *id;
  char *name;
  char *region;
  StudioWorkerState state;
  char *size;
  char *image;
  GDateTime *created;
  GDateTime *last_activity;
  guint auto_shutdown_minutes;
  char *jupyter_url;
  char *token;
  char *progress_text;
  double progress_fraction;
  char *message;
  char *startup_script;
  char *flavor;
  char *browser_url;
  guint busy_kernels;
  char *user_options;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_REGION,
  PROP_STATE,
  PROP_SIZE,
  PROP_IMAGE,
  PROP_CREATED,
  PROP_LAST_ACTIVITY,
  PROP_AUTO_SHUTDOWN_MINUTES,
  PROP_JUPYTER_URL,
  PROP_PROGRESS_TEXT,
  PROP_PROGRESS_FRACTION,
  PROP_MESSAGE,
  PROP_BUSY_KERNELS,
  PROP_STARTUP_SCRIPT,
  PROP_FLAVOR,
  PROP_USER_OPTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * StudioWorker:
 *
 * A worker: a Jupyter server of a chosen size and image, in a region. Its
 * fields follow the region's engine or hub; read them as properties.
 */
G_DEFINE_FINAL_TYPE (StudioWorker, studio_worker, G_TYPE_OBJECT)

static const char * const state_names[] = {
  "launching", "ready", "stopping", "stopped", "starting", "terminating", "failed",
};

/**
 * studio_worker_state_to_string:
 * @state: a worker state
 *
 * The state's name in scripts and JSON ("ready").
 *
 * Returns: the state's name in scripts and JSON ("ready")
 */
const char *
studio_worker_state_to_string (StudioWorkerState state)
{
  g_return_val_if_fail (state <= STUDIO_WORKER_STATE_FAILED, NULL);
  return state_names[state];
}

/**
 * studio_worker_state_get_label:
 * @state: a worker state
 *
 * The state's name for people, translated ("Ready").
 *
 * Returns: the state's name for people, translated ("Ready")
 */
const char *
studio_worker_state_get_label (StudioWorkerState state)
{
  switch (state)
    {
    case STUDIO_WORKER_STATE_LAUNCHING: return _("Launching");
    case STUDIO_WORKER_STATE_READY: return _("Ready");
    case STUDIO_WORKER_STATE_STOPPING: return _("Stopping");
    case STUDIO_WORKER_STATE_STOPPED: return _("Stopped");
    case STUDIO_WORKER_STATE_STARTING: return _("Starting");
    case STUDIO_WORKER_STATE_TERMINATING: return _("Terminating");
    case STUDIO_WORKER_STATE_FAILED: return _("Failed");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * studio_worker_state_is_busy:
 * @state: a worker state
 *
 * Whether the worker is on its way to another state.
 *
 * Returns: whether the worker is on its way to another state
 */
gboolean
studio_worker_state_is_busy (StudioWorkerState state)
{
  return state == STUDIO_WORKER_STATE_LAUNCHING ||
         state == STUDIO_WORKER_STATE_STOPPING ||
         state == STUDIO_WORKER_STATE_STARTING ||
         state == STUDIO_WORKER_STATE_TERMINATING;
}

static void
studio_worker_finalize (GObject *object)
{
  StudioWorker *self = STUDIO_WORKER (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->region);
  g_free (self->size);
  g_free (self->image);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->last_activity, g_date_time_unref);
  g_free (self->jupyter_url);
  g_free (self->token);
  g_free (self->progress_text);
  g_free (self->message);
  g_free (self->startup_script);
  g_free (self->flavor);
  g_free (self->browser_url);
  g_free (self->user_options);

  G_OBJECT_CLASS (studio_worker_parent_class)->finalize (object);
}

static void
studio_worker_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StudioWorker *self = STUDIO_WORKER (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_REGION: g_value_set_string (value, self->region); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_SIZE: g_value_set_string (value, self->size); break;
    case PROP_IMAGE: g_value_set_string (value, self->image); break;
    case PROP_CREATED: g_value_set_boxed (value, self->created); break;
    case PROP_LAST_ACTIVITY: g_value_set_boxed (value, self->last_activity); break;
    case PROP_AUTO_SHUTDOWN_MINUTES: g_value_set_uint (value, self->auto_shutdown_minutes); break;
    case PROP_JUPYTER_URL: g_value_set_string (value, self->jupyter_url); break;
    case PROP_PROGRESS_TEXT: g_value_set_string (value, self->progress_text); break;
    case PROP_PROGRESS_FRACTION: g_value_set_double (value, self->progress_fraction); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_BUSY_KERNELS: g_value_set_uint (value, self->busy_kernels); break;
    case PROP_STARTUP_SCRIPT: g_value_set_string (value, self->startup_script); break;
    case PROP_FLAVOR: g_value_set_string (value, self->flavor); break;
    case PROP_USER_OPTIONS: g_value_set_string (value, self->user_options); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_worker_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StudioWorker *self = STUDIO_WORKER (object);

  switch (prop_id)
    {
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_REGION: self->region = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_worker_class_init (StudioWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = studio_worker_finalize;
  object_class->get_property = studio_worker_get_property;
  object_class->set_property = studio_worker_set_property;

  /**
   * StudioWorker:id:
   *
   * The engine's or hub's id of the worker; %NULL until it has one.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:name:
   *
   * The worker's name, unique in its region.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioWorker:region:
   *
   * The id of the worker's region (see #StudioRegion:id).
   */
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioWorker:state:
   *
   * Where the worker is in its life.
   */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, STUDIO_TYPE_WORKER_STATE,
                                              STUDIO_WORKER_STATE_LAUNCHING, flags);
  /**
   * StudioWorker:size:
   *
   * The id of the worker's size.
   */
  properties[PROP_SIZE] = g_param_spec_string ("size", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:image:
   *
   * The image the worker runs.
   */
  properties[PROP_IMAGE] = g_param_spec_string ("image", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:created:
   *
   * When the worker was made.
   */
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * StudioWorker:last-activity:
   *
   * When the worker's Jupyter server was last used, as Jupyter counts it.
   */
  properties[PROP_LAST_ACTIVITY] = g_param_spec_boxed ("last-activity", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * StudioWorker:auto-shutdown-minutes:
   *
   * Idle minutes after which the worker stops itself; 0: never.
   */
  properties[PROP_AUTO_SHUTDOWN_MINUTES] = g_param_spec_uint ("auto-shutdown-minutes", NULL, NULL,
                                                              0, G_MAXUINT, 0, flags);
  /**
   * StudioWorker:jupyter-url:
   *
   * The base URL of the worker's Jupyter server, once known.
   */
  properties[PROP_JUPYTER_URL] = g_param_spec_string ("jupyter-url", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:progress-text:
   *
   * What a launch or start is doing now.
   */
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:progress-fraction:
   *
   * How far a launch has come, 0 to 1; -1 when unknown.
   */
  properties[PROP_PROGRESS_FRACTION] = g_param_spec_double ("progress-fraction", NULL, NULL,
                                                            -1.0, 1.0, -1.0, flags);
  /**
   * StudioWorker:message:
   *
   * Why the worker failed, or what it waits for.
   */
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:busy-kernels:
   *
   * How many of the worker's kernels run code: Jupyter never culls them, so the worker stays up past its idle deadline.
   */
  properties[PROP_BUSY_KERNELS] = g_param_spec_uint ("busy-kernels", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * StudioWorker:startup-script:
   *
   * The shell script run before Jupyter starts, if the worker was launched with one.
   */
  properties[PROP_STARTUP_SCRIPT] = g_param_spec_string ("startup-script", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:flavor:
   *
   * How Jupyter is started in the worker's image ("lab", "notebook", …), once known.
   */
  properties[PROP_FLAVOR] = g_param_spec_string ("flavor", NULL, NULL, NULL, flags);
  /**
   * StudioWorker:user-options:
   *
   * The options a hub worker was spawned with (its profile and the profile's
   * choices), as a JSON object; %NULL elsewhere.
   */
  properties[PROP_USER_OPTIONS] = g_param_spec_string ("user-options", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_worker_init (StudioWorker *self)
{
  self->progress_fraction = -1.0;
}

StudioWorker *
studio_worker_new (const char *name,
                   const char *region)
{
  StudioWorker *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_WORKER, "name", name, "region", region, NULL);
  return self;
}

/**
 * studio_worker_get_id:
 * @self: a worker
 *
 * The engine's or hub's id of the worker.
 *
 * Returns: (nullable): the engine's or hub's id of the worker
 */
/**
 * studio_worker_get_name:
 * @self: a worker
 *
 * The worker's name.
 *
 * Returns: the worker's name
 */
/**
 * studio_worker_get_region:
 * @self: a worker
 *
 * The id of the worker's region.
 *
 * Returns: the id of the worker's region
 */
/**
 * studio_worker_get_state:
 * @self: a worker
 *
 * Where the worker is in its life.
 *
 * Returns: where the worker is in its life
 */
/**
 * studio_worker_get_size:
 * @self: a worker
 *
 * The id of the worker's size.
 *
 * Returns: (nullable): the id of the worker's size
 */
/**
 * studio_worker_get_image:
 * @self: a worker
 *
 * The image the worker runs.
 *
 * Returns: (nullable): the image the worker runs
 */
/**
 * studio_worker_get_created:
 * @self: a worker
 *
 * When the worker was made.
 *
 * Returns: (transfer none) (nullable): when the worker was made
 */
/**
 * studio_worker_get_last_activity:
 * @self: a worker
 *
 * When its Jupyter server was last used.
 *
 * Returns: (transfer none) (nullable): when its Jupyter server was last used
 */
/**
 * studio_worker_get_auto_shutdown_minutes:
 * @self: a worker
 *
 * Idle minutes before the worker stops itself.
 *
 * Returns: idle minutes before the worker stops itself; 0: never
 */
/**
 * studio_worker_get_jupyter_url:
 * @self: a worker
 *
 * The base URL of its Jupyter server, once known.
 *
 * Returns: (nullable): the base URL of its Jupyter server, once known
 */
/**
 * studio_worker_get_token:
 * @self: a worker
 *
 * The token its Jupyter server takes, to send in a header.
 *
 * Returns: (nullable): the token its Jupyter server takes, to send in a header; a credential, not a property
 */
/**
 * studio_worker_get_progress_text:
 * @self: a worker
 *
 * What a launch or start is doing now.
 *
 * Returns: (nullable): what a launch or start is doing now
 */
/**
 * studio_worker_get_progress_fraction:
 * @self: a worker
 *
 * How far a launch has come, 0 to 1.
 *
 * Returns: how far a launch has come, 0 to 1; -1 when unknown
 */
/**
 * studio_worker_get_message:
 * @self: a worker
 *
 * Why the worker failed, or what it is waiting for.
 *
 * Returns: (nullable): why the worker failed, or what it is waiting for
 */
/**
 * studio_worker_get_startup_script:
 * @self: a worker
 *
 * The startup script it was launched with.
 *
 * Returns: (nullable): the startup script it was launched with
 */
/**
 * studio_worker_get_flavor:
 * @self: a worker
 *
 * How Jupyter is started in its image.
 *
 * Returns: (nullable): how Jupyter is started in its image
 */
/**
 * studio_worker_get_busy_kernels:
 * @self: a worker
 *
 * How many of its kernels are running code.
 *
 * Returns: how many of its kernels are running code
 */
/**
 * studio_worker_get_user_options:
 * @self: a worker
 *
 * A hub worker's options, as JSON.
 *
 * Returns: (nullable): a hub worker's options, as JSON; see #StudioWorker:user-options
 */
#define GETTER(type, field, fallback) \
  type studio_worker_get_##field (StudioWorker *self) \
  { \
    g_return_val_if_fail (STUDIO_IS_WORKER (self), fallback); \
    return self->field; \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, name, NULL)
GETTER (const char *, region, NULL)
GETTER (StudioWorkerState, state, STUDIO_WORKER_STATE_FAILED)
GETTER (const char *, size, NULL)
GETTER (const char *, image, NULL)
GETTER (GDateTime *, created, NULL)
GETTER (GDateTime *, last_activity, NULL)
GETTER (guint, auto_shutdown_minutes, 0)
GETTER (const char *, jupyter_url, NULL)
GETTER (const char *, token, NULL)
GETTER (const char *, progress_text, NULL)
GETTER (double, progress_fraction, -1.0)
GETTER (const char *, message, NULL)
GETTER (const char *, startup_script, NULL)
GETTER (const char *, flavor, NULL)
GETTER (guint, busy_kernels, 0)
GETTER (const char *, user_options, NULL)

#undef GETTER

static void
set_string (StudioWorker *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (g_set_str (field, value) && prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_date_time (StudioWorker *self,
               GDateTime   **field,
               GDateTime    *value,
               guint         prop)
{
  if (*field == value || (*field && value && g_date_time_equal (*field, value)))
    return;
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
studio_worker_set_id (StudioWorker *self, const char *id)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->id, id, PROP_ID);
}

void
studio_worker_set_state (StudioWorker *self, StudioWorkerState state)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (!studio_worker_state_is_busy (state))
    studio_worker_set_progress (self, NULL, -1.0);
}

void
studio_worker_set_size (StudioWorker *self, const char *size)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->size, size, PROP_SIZE);
}

void
studio_worker_set_image (StudioWorker *self, const char *image)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->image, image, PROP_IMAGE);
}

void
studio_worker_set_created (StudioWorker *self, GDateTime *created)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_date_time (self, &self->created, created, PROP_CREATED);
}

void
studio_worker_set_last_activity (StudioWorker *self, GDateTime *last_activity)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_date_time (self, &self->last_activity, last_activity, PROP_LAST_ACTIVITY);
}

void
studio_worker_set_busy_kernels (StudioWorker *self, guint n)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  if (self->busy_kernels == n)
    return;
  self->busy_kernels = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY_KERNELS]);
}

void
studio_worker_set_auto_shutdown_minutes (StudioWorker *self, guint minutes)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  if (self->auto_shutdown_minutes == minutes)
    return;
  self->auto_shutdown_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_SHUTDOWN_MINUTES]);
}

void
studio_worker_set_jupyter (StudioWorker *self, const char *url, const char *token)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->token, token, PROP_0);
  set_string (self, &self->jupyter_url, url, PROP_JUPYTER_URL);
}

void
studio_worker_set_progress (StudioWorker *self, const char *text, double fraction)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  if (text != NULL && g_strcmp0 (text, self->progress_text) != 0)
    g_debug ("worker %s: %s", self->name, text);
  set_string (self, &self->progress_text, text, PROP_PROGRESS_TEXT);
  fraction = CLAMP (fraction, -1.0, 1.0);
  if (self->progress_fraction != fraction)
    {
      self->progress_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_FRACTION]);
    }
}

void
studio_worker_set_message (StudioWorker *self, const char *message)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->message, message, PROP_MESSAGE);
}

void
studio_worker_set_startup_script (StudioWorker *self, const char *script)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->startup_script, script, PROP_STARTUP_SCRIPT);
}

void
studio_worker_set_flavor (StudioWorker *self, const char *flavor)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->flavor, flavor, PROP_FLAVOR);
}

void
studio_worker_set_user_options (StudioWorker *self, const char *json)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->user_options, json, PROP_USER_OPTIONS);
}

/**
 * studio_worker_dup_shutdown_deadline:
 * @self: a worker
 *
 * The moment Jupyter's idle shutdown ends the worker, if nothing happens before.
 *
 * Returns: (transfer full) (nullable): the deadline, or %NULL when none is due
 */
GDateTime *
studio_worker_dup_shutdown_deadline (StudioWorker *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKER (self), NULL);

  if (self->state != STUDIO_WORKER_STATE_READY ||
      self->auto_shutdown_minutes == 0 ||
      self->last_activity == NULL)
    return NULL;
  return g_date_time_add_minutes (self->last_activity, self->auto_shutdown_minutes);
}

/**
 * studio_worker_get_seconds_left:
 * @self: a worker
 *
 * Seconds until the idle shutdown, or -1 when none is due.
 *
 * Returns: seconds until the idle shutdown, or -1 when none is due
 */
gint64
studio_worker_get_seconds_left (StudioWorker *self)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (STUDIO_IS_WORKER (self), -1);

  deadline = studio_worker_dup_shutdown_deadline (self);
  if (deadline == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (deadline, now) / G_TIME_SPAN_SECOND);
}

/* Where a browser should go when Jupyter is not opened with the token (a hub
 * signs browsers in itself). */
void
studio_worker_set_browser_url (StudioWorker *self, const char *url)
{
  g_return_if_fail (STUDIO_IS_WORKER (self));
  set_string (self, &self->browser_url, url, PROP_0);
}

/**
 * studio_worker_dup_browser_url:
 * @self: a worker
 *
 * A URL that opens Jupyter in a browser, signed in with the worker's own token (This Computer) or through the hub's sign-in.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL while the worker has no server
 */
char *
studio_worker_dup_browser_url (StudioWorker *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKER (self), NULL);

  if (self->browser_url != NULL)
    return g_strdup (self->browser_url);
  if (self->jupyter_url == NULL)
    return NULL;
  if (self->token == NULL)
    return g_strdup (self->jupyter_url);
  return g_strdup_printf ("%s%s?token=%s", self->jupyter_url,
                          g_str_has_suffix (self->jupyter_url, "/") ? "" : "/", self->token);
}

/**
 * studio_worker_dup_browser_url_for:
 * @self: a worker
 * @uri: a page of this worker's Jupyter
 *
 * @uri as the system browser should open it. A worker with a token of its own (This Computer: local, short-lived, the worker's alone) gets it appended so the browser is signed in. A worker that a browser reaches through a sign-in (a hub: its token is the user's hub credential) never has a token put in a URL, which would land in history.
 *
 * The URL.
 *
 * Returns: (transfer full): the URL
 */
char *
studio_worker_dup_browser_url_for (StudioWorker *self,
                                   const char   *uri)
{
  g_return_val_if_fail (STUDIO_IS_WORKER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  if (self->browser_url != NULL || self->token == NULL || strstr (uri, "token=") != NULL)
    return g_strdup (uri);
  return g_strdup_printf ("%s%ctoken=%s", uri, strchr (uri, '?') ? '&' : '?', self->token);
}

/**
 * studio_worker_dup_browser_launch_uri:
 * @self: a worker with a server
 * @page: (nullable): a page of its Jupyter, or %NULL for its start page
 * @error: return location for a #GError
 *
 * What to give the system browser to open @page signed in, without the
 * worker's token in the browser's arguments (which every local user reads,
 * and could then run code on the worker with): for a worker with a token of
 * its own, a `file://` page, private to the user (0600, in a 0700 folder of
 * the user's runtime folder), that sends the browser on with the token, as
 * Jupyter's own launcher does; for a worker reached through a hub's
 * sign-in, the address itself.
 *
 * Returns: (transfer full) (nullable): a URI for the browser, or %NULL with @error set
 */
char *
studio_worker_dup_browser_launch_uri (StudioWorker  *self,
                                      const char    *page,
                                      GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *html = NULL;

  g_return_val_if_fail (STUDIO_IS_WORKER (self), NULL);

  target = page ? studio_worker_dup_browser_url_for (self, page) : studio_worker_dup_browser_url (self);
  if (target == NULL)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                   _("Worker %s has no Jupyter server yet; start it first."), self->name);
      return NULL;
    }
  if (self->browser_url != NULL || self->token == NULL || strstr (target, self->token) == NULL)
    return g_steal_pointer (&target);

  dir = g_build_filename (g_get_user_runtime_dir (), "ai-studio", "browser", NULL);
  if (!studio_util_check_private_dir (dir, _("the pages that open Jupyter in your browser"), error))
    return NULL;
  /* One page per worker, written again each time. */
  name = g_strdup_printf ("open-%s.html", self->name);
  file = g_build_filename (dir, name, NULL);
  escaped = g_markup_escape_text (target, -1);
  html = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<meta http-equiv=\"refresh\" content=\"0;url=%s\">"
                          "<title>%s</title></head>\n<body><p><a href=\"%s\">%s</a></p></body></html>\n",
                          escaped, self->name, escaped, self->name);
  if (!g_file_set_contents_full (file, html, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;
  return g_filename_to_uri (file, NULL, error);
}

/**
 * studio_worker_matches:
 * @self: a worker
 * @name_or_id: (nullable): a name, or a prefix of the id of at least four characters
 *
 * Whether @name_or_id names this worker.
 *
 * Returns: whether @name_or_id names this worker
 */
gboolean
studio_worker_matches (StudioWorker *self,
                       const char   *name_or_id)
{
  g_return_val_if_fail (STUDIO_IS_WORKER (self), FALSE);

  if (name_or_id == NULL || *name_or_id == '\0')
    return FALSE;
  if (g_strcmp0 (self->name, name_or_id) == 0)
    return TRUE;
  /* An id prefix, as engines accept, but not so short that it is ambiguous by habit. */
  return self->id != NULL && strlen (name_or_id) >= 4 && g_str_has_prefix (self->id, name_or_id);
}

/**
 * studio_worker_check_name:
 * @name: a name a user chose for a worker
 * @error: return location for a #GError
 *
 * Whether @name can be a worker's name (in every region): letters, digits,
 * "-", "_" and ".", not too long; the error says what is wrong with it.
 *
 * Returns: %TRUE if @name is fine
 */
gboolean
studio_worker_check_name (const char  *name,
                          GError     **error)
{
  return studio_util_check_name (name, error);
}
