/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a worker's tab shows while the worker is not there to show: stopped
 * (Start, Close Tab), on its way (a spinner), failed, or terminated. It
 * tells its tab the worker's phase; the tab keeps its own content (a page
 * with unsaved changes, a terminal's text) behind it meanwhile. */
#include <glib/gi18n.h>

#include "studio-spinner.h"
#include "studio-worker-state-page.h"

struct _StudioWorkerStatePage
{
  AdwBin parent_instance;

  AdwStatusPage *status;
  GtkSpinner *spinner;
  GtkButton *start_button;

  StudioRegion *region;
  StudioWorker *worker;
  StudioWorkerPhase phase;
};

enum {
  PROP_0,
  PROP_PHASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioWorkerStatePage, studio_worker_state_page, ADW_TYPE_BIN)

static void
update (StudioWorkerStatePage *self)
{
  const char *name = studio_worker_get_name (self->worker);
  StudioWorkerState state = studio_worker_get_state (self->worker);
  gboolean gone = studio_region_find_worker (self->region, name) != self->worker ||
                  state == STUDIO_WORKER_STATE_TERMINATING;
  StudioWorkerPhase phase = gone ? STUDIO_WORKER_PHASE_GONE
                          : state == STUDIO_WORKER_STATE_READY ? STUDIO_WORKER_PHASE_RUNNING
                          : STUDIO_WORKER_PHASE_AWAY;
  gboolean busy = !gone && (state == STUDIO_WORKER_STATE_STARTING || state == STUDIO_WORKER_STATE_LAUNCHING ||
                            state == STUDIO_WORKER_STATE_STOPPING);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  const char *icon = "media-playback-stop-symbolic";

  if (gone)
    {
      title = g_strdup_printf (_("%s Was Terminated"), name);
      description = g_strdup (_("The worker is gone. This tab can only be closed."));
      icon = "user-trash-symbolic";
    }
  else if (state == STUDIO_WORKER_STATE_STOPPING)
    {
      title = g_strdup_printf (_("Stopping %s…"), name);
      description = g_strdup (_("This tab keeps what it shows, unsaved changes too, and comes back when the worker "
                                "is started again."));
    }
  else if (busy)
    {
      title = g_strdup_printf (_("Starting %s…"), name);
      description = g_strdup (_("This tab comes back as it was as soon as the worker is ready."));
      icon = "media-playback-start-symbolic";
    }
  else if (state == STUDIO_WORKER_STATE_FAILED)
    {
      title = g_strdup_printf (_("%s Stopped With an Error"), name);
      description = g_markup_escape_text (studio_worker_get_message (self->worker) ?: _("See its logs for why."), -1);
      icon = "dialog-error-symbolic";
    }
  else
    {
      title = g_strdup_printf (_("%s Is Stopped"), name);
      description = g_strdup (_("Start it to go on where you left off: this tab keeps what it shows, "
                                "unsaved changes too."));
    }
  adw_status_page_set_title (self->status, title);
  adw_status_page_set_description (self->status, description);
  adw_status_page_set_icon_name (self->status, icon);
  studio_spinner_set_busy (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button),
                          !gone && (state == STUDIO_WORKER_STATE_STOPPED || state == STUDIO_WORKER_STATE_FAILED));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->start_button),
                                          g_variant_new ("(ss)", studio_region_get_id (self->region), name));
  if (phase != self->phase)
    {
      self->phase = phase;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
    }
}

static void
studio_worker_state_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StudioWorkerStatePage *self = STUDIO_WORKER_STATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_int (value, self->phase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_worker_state_page_dispose (GObject *object)
{
  StudioWorkerStatePage *self = STUDIO_WORKER_STATE_PAGE (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->region);
  G_OBJECT_CLASS (studio_worker_state_page_parent_class)->dispose (object);
}

static void
studio_worker_state_page_class_init (StudioWorkerStatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = studio_worker_state_page_get_property;
  object_class->dispose = studio_worker_state_page_dispose;

  properties[PROP_PHASE] = g_param_spec_int ("phase", NULL, NULL, STUDIO_WORKER_PHASE_RUNNING,
                                             STUDIO_WORKER_PHASE_GONE, STUDIO_WORKER_PHASE_RUNNING,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_worker_state_page_init (StudioWorkerStatePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close Tab"));

  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
  self->start_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Start Worker")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "win.start-worker");
  gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.close-tab");
  gtk_widget_add_css_class (close, "pill");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->start_button));
  gtk_box_append (GTK_BOX (box), close);
  adw_status_page_set_child (self->status, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->status));
}

StudioWorkerStatePage *
studio_worker_state_page_new (StudioRegion *region,
                              StudioWorker *worker)
{
  StudioWorkerStatePage *self = g_object_new (STUDIO_TYPE_WORKER_STATE_PAGE, NULL);

  self->region = g_object_ref (region);
  self->worker = g_object_ref (worker);
  g_signal_connect_object (worker, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (worker, "notify::message", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (studio_region_get_workers (region), "items-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
  return self;
}

StudioWorkerPhase
studio_worker_state_page_get_phase (StudioWorkerStatePage *self)
{
  g_return_val_if_fail (STUDIO_IS_WORKER_STATE_PAGE (self), STUDIO_WORKER_PHASE_GONE);
  return self->phase;
}
