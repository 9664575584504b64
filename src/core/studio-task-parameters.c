/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A notebook task's parameters, typed as papermill types `-p NAME VALUE`. */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "studio-error.h"
#include "studio-task-private.h"

gboolean
studio_task_is_identifier (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (*name) || *name == '_'))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;
  return TRUE;
}

/**
 * studio_task_parse_parameter_value:
 * @text: a value as typed
 *
 * The value typed as papermill types `-p NAME VALUE`: `True` and `False`
 * are booleans, `None` is null, an integer or a floating-point number is a
 * number, anything else a string.
 *
 * Returns: (transfer full): the value
 */
JsonNode *
studio_task_parse_parameter_value (const char *text)
{
  JsonNode *node = json_node_alloc ();
  gint64 integer;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (g_str_equal (text, "True") || g_str_equal (text, "False"))
    return json_node_init_boolean (node, g_str_equal (text, "True"));
  if (g_str_equal (text, "None"))
    return json_node_init_null (node);
  if (*trimmed != '\0' && g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &integer, NULL))
    return json_node_init_int (node, integer);
  if (*trimmed != '\0')
    {
      char *end = NULL;
      double value = g_ascii_strtod (trimmed, &end);

      if (end != NULL && *end == '\0' && isfinite (value) && strpbrk (trimmed, "xX") == NULL)
        return json_node_init_double (node, value);
    }
  return json_node_init_string (node, text);
}

/**
 * studio_task_add_parameter:
 * @self: a task not started yet
 * @assignment: `NAME=VALUE`
 * @error: return location for a #GError
 *
 * A notebook parameter, typed as papermill types it (see
 * studio_task_parse_parameter_value()), injected as a cell after the cell
 * tagged `parameters`.
 *
 * Returns: %TRUE when @assignment names a Python variable
 */
gboolean
studio_task_add_parameter (StudioTask  *self,
                           const char  *assignment,
                           GError     **error)
{
  const char *equals;
  g_autofree char *name = NULL;

  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  equals = strchr (assignment, '=');
  name = equals ? g_strndup (assignment, equals - assignment) : NULL;
  if (name == NULL || !studio_task_is_identifier (name))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                   _("“%s” is not a parameter: give NAME=VALUE, NAME a Python variable name."), assignment);
      return FALSE;
    }
  json_object_set_member (self->parameters, name, studio_task_parse_parameter_value (equals + 1));
  return TRUE;
}
