/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-size-private.h"

struct _StudioSize
{
  GObject parent_instance;

  char *id;
  char *name;
  char *description;
  guint cpus;
  guint64 memory_bytes;
  guint gpus;
  char *unavailable_reason;
  JsonObject *defaults;
  JsonArray *options;
  gboolean is_default;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_CPUS,
  PROP_MEMORY_BYTES,
  PROP_GPUS,
  PROP_AVAILABLE,
  PROP_UNAVAILABLE_REASON,
  PROP_DEFAULTS,
  PROP_OPTIONS,
  PROP_IS_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * StudioSize:
 *
 * A size a worker may have: CPUs, memory and GPUs on This Computer, a
 * profile (with its options) on a hub.
 */
G_DEFINE_FINAL_TYPE (StudioSize, studio_size, G_TYPE_OBJECT)

static void
studio_size_finalize (GObject *object)
{
  StudioSize *self = STUDIO_SIZE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->unavailable_reason);
  g_clear_pointer (&self->defaults, json_object_unref);
  g_clear_pointer (&self->options, json_array_unref);

  G_OBJECT_CLASS (studio_size_parent_class)->finalize (object);
}

static void
studio_size_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StudioSize *self = STUDIO_SIZE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_CPUS: g_value_set_uint (value, self->cpus); break;
    case PROP_MEMORY_BYTES: g_value_set_uint64 (value, self->memory_bytes); break;
    case PROP_GPUS: g_value_set_uint (value, self->gpus); break;
    case PROP_AVAILABLE: g_value_set_boolean (value, self->unavailable_reason == NULL); break;
    case PROP_UNAVAILABLE_REASON: g_value_set_string (value, self->unavailable_reason); break;
    case PROP_DEFAULTS: g_value_set_boxed (value, self->defaults); break;
    case PROP_OPTIONS: g_value_set_boxed (value, self->options); break;
    case PROP_IS_DEFAULT: g_value_set_boolean (value, self->is_default); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_size_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StudioSize *self = STUDIO_SIZE (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_CPUS: self->cpus = g_value_get_uint (value); break;
    case PROP_MEMORY_BYTES: self->memory_bytes = g_value_get_uint64 (value); break;
    case PROP_GPUS: self->gpus = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_size_constructed (GObject *object)
{
  StudioSize *self = STUDIO_SIZE (object);

  G_OBJECT_CLASS (studio_size_parent_class)->constructed (object);
  if (self->id == NULL)
    self->id = g_strdup ("");
  if (self->name == NULL)
    self->name = g_strdup (self->id);
}

static void
studio_size_class_init (StudioSizeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = studio_size_finalize;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = studio_size_get_property;
  object_class->set_property = studio_size_set_property;
  object_class->constructed = studio_size_constructed;

  /**
   * StudioSize:id:
   *
   * What identifies the size in its region ("x-small", a hub profile's slug).
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, construct);
  /**
   * StudioSize:name:
   *
   * The size's name for people ("X-Small").
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, construct);
  /**
   * StudioSize:description:
   *
   * What the region says of the size, if anything.
   */
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  /**
   * StudioSize:cpus:
   *
   * CPUs a worker of this size may use; 0 when the region does not say.
   */
  properties[PROP_CPUS] = g_param_spec_uint ("cpus", NULL, NULL, 0, G_MAXUINT, 0, construct);
  /**
   * StudioSize:memory-bytes:
   *
   * Memory a worker of this size may use; 0 when the region does not say.
   */
  properties[PROP_MEMORY_BYTES] = g_param_spec_uint64 ("memory-bytes", NULL, NULL, 0, G_MAXUINT64, 0, construct);
  /**
   * StudioSize:gpus:
   *
   * GPUs a worker of this size gets.
   */
  properties[PROP_GPUS] = g_param_spec_uint ("gpus", NULL, NULL, 0, G_MAXUINT, 0, construct);
  /**
   * StudioSize:available:
   *
   * Whether a worker of this size can be launched now.
   */
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, TRUE, flags);
  /**
   * StudioSize:unavailable-reason:
   *
   * Why the size cannot be launched now ("needs 8 CPUs; this computer has 2").
   */
  properties[PROP_UNAVAILABLE_REASON] = g_param_spec_string ("unavailable-reason", NULL, NULL, NULL, flags);
  /**
   * StudioSize:defaults:
   *
   * A hub profile's options as its form chooses them by default,
   * `{key: value}`; %NULL for sizes that are not hub profiles.
   */
  properties[PROP_DEFAULTS] = g_param_spec_boxed ("defaults", NULL, NULL, JSON_TYPE_OBJECT, flags);
  /**
   * StudioSize:options:
   *
   * A hub profile's options: an array of `{key, name, choices: [{value,
   * name}]}`; %NULL for sizes that are not hub profiles.
   */
  properties[PROP_OPTIONS] = g_param_spec_boxed ("options", NULL, NULL, JSON_TYPE_ARRAY, flags);
  /**
   * StudioSize:is-default:
   *
   * Whether the region launches this size when none is asked for.
   */
  properties[PROP_IS_DEFAULT] = g_param_spec_boolean ("is-default", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_size_init (StudioSize *self)
{
}

/**
 * studio_size_new:
 * @id: what identifies the size in its region
 * @name: (nullable): its name for people, or %NULL for @id
 * @cpus: CPUs, 0 when not said
 * @memory_bytes: memory, 0 when not said
 * @gpus: GPUs
 *
 * A new size.
 *
 * Returns: (transfer full): a new size
 */
StudioSize *
studio_size_new (const char *id,
                 const char *name,
                 guint       cpus,
                 guint64     memory_bytes,
                 guint       gpus)
{
  StudioSize *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_SIZE, "id", id, "name", name ? name : id,
                       "cpus", cpus, "memory-bytes", memory_bytes, "gpus", gpus, NULL);
  return self;
}

/**
 * studio_size_get_defaults:
 * @self: a size
 *
 * A hub profile's default options.
 *
 * Returns: (transfer none) (nullable): a hub profile's default options; see #StudioSize:defaults
 */
JsonObject *
studio_size_get_defaults (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->defaults;
}

/**
 * studio_size_get_options:
 * @self: a size
 *
 * A hub profile's options.
 *
 * Returns: (transfer none) (nullable): a hub profile's options; see #StudioSize:options
 */
JsonArray *
studio_size_get_options (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->options;
}

/**
 * studio_size_get_is_default:
 * @self: a size
 *
 * Whether the region launches this size when none is asked for.
 *
 * Returns: whether the region launches this size when none is asked for
 */
gboolean
studio_size_get_is_default (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), FALSE);
  return self->is_default;
}

/* A hub profile's options, as its spawn form offers them. */
void
studio_size_set_profile (StudioSize *self,
                         JsonObject *defaults,
                         JsonArray  *options,
                         gboolean    is_default)
{
  g_return_if_fail (STUDIO_IS_SIZE (self));

  if (self->defaults != defaults)
    {
      g_clear_pointer (&self->defaults, json_object_unref);
      self->defaults = defaults ? json_object_ref (defaults) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULTS]);
    }
  if (self->options != options)
    {
      g_clear_pointer (&self->options, json_array_unref);
      self->options = options ? json_array_ref (options) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
    }
  if (self->is_default != !!is_default)
    {
      self->is_default = !!is_default;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEFAULT]);
    }
}

/**
 * studio_size_get_id:
 * @self: a size
 *
 * What identifies the size in its region.
 *
 * Returns: what identifies the size in its region
 */
const char *
studio_size_get_id (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->id;
}

/**
 * studio_size_get_name:
 * @self: a size
 *
 * The size's name for people.
 *
 * Returns: the size's name for people
 */
const char *
studio_size_get_name (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->name;
}

/**
 * studio_size_get_description:
 * @self: a size
 *
 * What the region says of it.
 *
 * Returns: (nullable): what the region says of it
 */
const char *
studio_size_get_description (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->description;
}

void
studio_size_set_description (StudioSize *self,
                             const char *description)
{
  g_return_if_fail (STUDIO_IS_SIZE (self));
  if (g_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * studio_size_get_cpus:
 * @self: a size
 *
 * CPUs, 0 when the region does not say.
 *
 * Returns: CPUs, 0 when the region does not say
 */
guint
studio_size_get_cpus (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), 0);
  return self->cpus;
}

/**
 * studio_size_get_memory_bytes:
 * @self: a size
 *
 * Memory in bytes, 0 when the region does not say.
 *
 * Returns: memory in bytes, 0 when the region does not say
 */
guint64
studio_size_get_memory_bytes (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), 0);
  return self->memory_bytes;
}

/**
 * studio_size_get_gpus:
 * @self: a size
 *
 * GPUs.
 *
 * Returns: GPUs
 */
guint
studio_size_get_gpus (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), 0);
  return self->gpus;
}

/**
 * studio_size_get_available:
 * @self: a size
 *
 * Whether a worker of this size can be launched now.
 *
 * Returns: whether a worker of this size can be launched now
 */
gboolean
studio_size_get_available (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), FALSE);
  return self->unavailable_reason == NULL;
}

/**
 * studio_size_get_unavailable_reason:
 * @self: a size
 *
 * Why not, when it cannot.
 *
 * Returns: (nullable): why not, when it cannot
 */
const char *
studio_size_get_unavailable_reason (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->unavailable_reason;
}

void
studio_size_set_unavailable (StudioSize *self,
                             const char *reason)
{
  g_return_if_fail (STUDIO_IS_SIZE (self));
  if (g_set_str (&self->unavailable_reason, reason))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNAVAILABLE_REASON]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }
}

/**
 * studio_size_describe_resources:
 * @self: a size
 *
 * The size's resources in words, for people.
 *
 * Returns: (transfer full): "2 CPUs · 4 GiB" or "8 CPUs · 32 GiB · 1 GPU"; empty when the region does not say
 */
char *
studio_size_describe_resources (StudioSize *self)
{
  GString *s;

  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);

  s = g_string_new (NULL);
  if (self->cpus > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u CPU", "%u CPUs", self->cpus), self->cpus);
  if (self->memory_bytes > 0)
    {
      g_autofree char *mem = g_format_size_full (self->memory_bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_string_append_printf (s, "%s%s", s->len ? " · " : "", mem);
    }
  if (self->gpus > 0)
    {
      if (s->len)
        g_string_append (s, " · ");
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u GPU", "%u GPUs", self->gpus), self->gpus);
    }
  return g_string_free (s, FALSE);
}

/**
 * studio_size_matches:
 * @self: a size
 * @id_or_name: (nullable): an id or name, in any case
 *
 * Whether @id_or_name names this size.
 *
 * Returns: whether @id_or_name names this size
 */
gboolean
studio_size_matches (StudioSize *self,
                     const char *id_or_name)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), FALSE);
  return id_or_name != NULL &&
         (g_ascii_strcasecmp (self->id, id_or_name) == 0 ||
          g_ascii_strcasecmp (self->name, id_or_name) == 0);
}
