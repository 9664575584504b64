/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A task's states and policies by name, as records and JSON write them,
 * and as a user reads them. */
#include <glib/gi18n-lib.h>

#include "studio-task-private.h"

const char * const studio_task_state_names[7] = {
  "launching", "uploading", "running", "succeeded", "failed", "cancelled", "timed-out",
};
const char * const studio_task_policy_names[3] = { "terminate", "keep", "keep-on-failure" };

/**
 * studio_task_state_to_string:
 * @state: a task state
 *
 * The state's name in records and JSON: `launching`, `uploading`, `running`,
 * `succeeded`, `failed`, `cancelled` or `timed-out`.
 *
 * Returns: the state's name
 */
const char *
studio_task_state_to_string (StudioTaskState state)
{
  g_return_val_if_fail (state <= STUDIO_TASK_STATE_TIMED_OUT, "failed");
  return studio_task_state_names[state];
}

/**
 * studio_task_state_get_label:
 * @state: a task state
 *
 * The state as a user reads it.
 *
 * Returns: a translated label
 */
const char *
studio_task_state_get_label (StudioTaskState state)
{
  switch (state)
    {
    case STUDIO_TASK_STATE_LAUNCHING: return _("Launching");
    case STUDIO_TASK_STATE_UPLOADING: return _("Uploading");
    case STUDIO_TASK_STATE_RUNNING: return _("Running");
    case STUDIO_TASK_STATE_SUCCEEDED: return _("Succeeded");
    case STUDIO_TASK_STATE_FAILED: return _("Failed");
    case STUDIO_TASK_STATE_CANCELLED: return _("Cancelled");
    case STUDIO_TASK_STATE_TIMED_OUT: return _("Timed out");
    default: return _("Failed");
    }
}

/**
 * studio_task_state_is_final:
 * @state: a task state
 *
 * Whether a task in @state has ended.
 *
 * Returns: %TRUE once the task has ended
 */
gboolean
studio_task_state_is_final (StudioTaskState state)
{
  return state >= STUDIO_TASK_STATE_SUCCEEDED;
}

int
studio_task_name_index (const char * const *names,
            guint               n,
            const char         *name)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  return -1;
}
