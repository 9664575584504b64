#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-size.h"

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioSize, studio_size, G_TYPE_OBJECT)

static void
studio_size_finalize (GObject *object)
{
  StudioSize *self = STUDIO_SIZE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->unavailable_reason);

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
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_size_class_init (StudioSizeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = studio_size_finalize;
  object_class->get_property = studio_size_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CPUS] = g_param_spec_uint ("cpus", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MEMORY_BYTES] = g_param_spec_uint64 ("memory-bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_GPUS] = g_param_spec_uint ("gpus", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, TRUE, flags);
  properties[PROP_UNAVAILABLE_REASON] = g_param_spec_string ("unavailable-reason", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_size_init (StudioSize *self)
{
}

StudioSize *
studio_size_new (const char *id,
                 const char *name,
                 guint       cpus,
                 guint64     memory_bytes,
                 guint       gpus)
{
  StudioSize *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_SIZE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  self->cpus = cpus;
  self->memory_bytes = memory_bytes;
  self->gpus = gpus;
  return self;
}

const char *
studio_size_get_id (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->id;
}

const char *
studio_size_get_name (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), NULL);
  return self->name;
}

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

guint
studio_size_get_cpus (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), 0);
  return self->cpus;
}

guint64
studio_size_get_memory_bytes (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), 0);
  return self->memory_bytes;
}

guint
studio_size_get_gpus (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), 0);
  return self->gpus;
}

gboolean
studio_size_get_available (StudioSize *self)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), FALSE);
  return self->unavailable_reason == NULL;
}

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

/* "2 CPUs · 4 GiB" or "8 CPUs · 32 GiB · 1 GPU"; zero means "not limited" on hubs. */
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

gboolean
studio_size_matches (StudioSize *self,
                     const char *id_or_name)
{
  g_return_val_if_fail (STUDIO_IS_SIZE (self), FALSE);
  return id_or_name != NULL &&
         (g_ascii_strcasecmp (self->id, id_or_name) == 0 ||
          g_ascii_strcasecmp (self->name, id_or_name) == 0);
}
