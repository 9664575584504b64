/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A task's record, as read back from the data directory (a damaged one is
 * reported, never a crash). */
#include "fuzz.h"
#include "studio-task-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioTask) task = studio_task_new_from_record (NULL, (const char *) data, size, &error);

  g_assert ((task == NULL) == (error != NULL));
  if (task != NULL)
    {
      g_autofree char *duration = studio_task_dup_duration_text (task);
      g_assert (studio_task_get_id (task) != NULL && studio_task_get_file (task) != NULL);
      g_assert (studio_task_state_to_string (studio_task_get_state (task)) != NULL);
    }
  return 0;
}
