/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one main context of AI Studio's blocking calls (the *_sync variants of
 * regions, the registry and tasks, for scripts: Python, a plain C program):
 * each runs its asynchronous operation on this context, pushed as the
 * thread's default for the time of the call, so it neither needs nor
 * disturbs a main loop of the caller's.
 *
 * One context for all blocking calls, not one per call: libsoup completes a
 * message only on the context it was queued in, and a connection or a
 * follow-up request (a refresh after a stop) outlives the call that began
 * it; the next blocking call finishes it. */
#include "studio-sync-private.h"

static GMainContext *
sync_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    g_once_init_leave (&context, g_main_context_new ());
  return context;
}

void
studio_sync_call_begin (StudioSyncCall *call)
{
  call->context = sync_context ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

void
studio_sync_call_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  StudioSyncCall *call = user_data;

  call->result = g_object_ref (result);
}

/* Runs the call's context until its result is in. */
GAsyncResult *
studio_sync_call_wait (StudioSyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);
  return call->result;
}

/* After the result is finished: drops it while the context is still the
 * thread's default (freeing it may close a stream, which libsoup finishes on
 * the context it began in), lets what is ready go on, and gives the thread's
 * default context back. The rest goes on at the next blocking call. */
void
studio_sync_call_end (StudioSyncCall *call)
{
  g_clear_object (&call->result);
  while (g_main_context_pending (call->context))
    g_main_context_iteration (call->context, FALSE);
  g_main_context_pop_thread_default (call->context);
}
