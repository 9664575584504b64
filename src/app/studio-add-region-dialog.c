/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Add Region: the forms of the kinds a user adds by hand, for the
 * registry's studio_regions_add_async(): a JupyterHub (a name, its address
 * and a sign-in), or a machine reached with ssh (a name, a host as ssh
 * takes it, an optional user and port; a host key not known yet is shown by
 * its fingerprint for the user to accept). Nothing is kept until the region
 * answers. */
#include <glib/gi18n.h>

#include "aistudio.h"
#include "studio-add-region-dialog.h"
#include "studio-hub-sign-in-window.h"

struct _StudioAddRegionDialog
{
  AdwWindow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *url_row;
  AdwEntryRow *username_row;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *token_row;
  GtkLabel *error_label;
  GtkSpinner *spinner;
  AdwActionRow *trust_row;
  GtkSwitch *trust_switch;
  GtkStack *stack;
  GtkStackSwitcher *switcher;
  AdwEntryRow *machine_name_row;
  AdwEntryRow *host_row;
  AdwEntryRow *login_row;
  AdwEntryRow *port_row;
  AdwActionRow *host_key_row;
  GtkSwitch *host_key_switch;

  StudioApplication *app;
  gboolean replacing;
  gboolean insecure;     /* the user accepted an unencrypted hub */
  GCancellable *cancellable;
  StudioRegion *adding;   /* the region being added */
  gboolean busy;
  char *fingerprint;   /* of a certificate the system refused, shown for the user to trust */
  char *host_key;      /* of an SSH host key not known yet, shown for the user to accept */
};

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioAddRegionDialog, studio_add_region_dialog, ADW_TYPE_WINDOW)

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
set_busy (StudioAddRegionDialog *self,
          gboolean               busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-region.add", !busy);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StudioAddRegionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRegion) region = g_steal_pointer (&self->adding);

  if (!studio_regions_add_finish (STUDIO_REGIONS (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_UNTRUSTED_CERTIFICATE))
        {
          /* Offer to trust exactly the certificate seen, shown by its fingerprint. */
          g_free (self->fingerprint);
          self->fingerprint = g_strdup (studio_error_get_certificate (error));
          adw_action_row_set_subtitle (self->trust_row, self->fingerprint);
          gtk_widget_set_visible (GTK_WIDGET (self->trust_row), self->fingerprint != NULL);
          gtk_label_set_label (self->error_label,
                               _("This system does not trust the hub's certificate. Compare its fingerprint with "
                                 "the one your hub's administrators give, and trust it only if they match."));
        }
      else if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_UNKNOWN_HOST_KEY))
        {
          /* Exactly the key seen, by its fingerprint; ssh checks it again. */
          g_free (self->host_key);
          self->host_key = g_strdup (studio_error_get_certificate (error));
          adw_action_row_set_subtitle (self->host_key_row, self->host_key);
          gtk_switch_set_active (self->host_key_switch, FALSE);
          gtk_widget_set_visible (GTK_WIDGET (self->host_key_row), self->host_key != NULL);
          gtk_label_set_label (self->error_label,
                               _("This computer does not know the machine's key yet. Compare its fingerprint with "
                                 "the one the machine's administrator gives (or “ssh-keygen -lf” of its host key "
                                 "there), and accept it only if they match."));
        }
      else
        gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, region);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_insecure_response (AdwMessageDialog      *dialog,
                      const char            *response,
                      StudioAddRegionDialog *self)
{
  if (g_strcmp0 (response, "connect") != 0)
    return;
  self->insecure = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), g_object_get_data (G_OBJECT (dialog), "then"), NULL);
}

/* An http:// hub on another computer: ask before anything is sent there.
 * Returns TRUE when the user still has to answer. */
static gboolean
confirm_insecure (StudioAddRegionDialog *self,
                  const char            *then_action)
{
  const char *url = text_of (self->url_row);
  AdwMessageDialog *dialog;

  if (self->insecure || !studio_hub_url_is_unencrypted (url))
    return FALSE;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Connect Without Encryption?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s uses http://, not https://. Your password, your token and everything "
                                    "you do on this hub would cross the network unencrypted, where others can "
                                    "read them. Use the hub's https:// address if it has one."), url);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "connect", _("Connect _Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "connect", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "then", g_strdup (then_action), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_insecure_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* How long a token made at sign-in lives: the user's setting, in days. */
static guint
token_lifetime_seconds (StudioAddRegionDialog *self)
{
  return 24 * 3600 * g_settings_get_uint (studio_application_get_settings (self->app), "hub-token-lifetime-days");
}

static void
on_url_changed (StudioAddRegionDialog *self)
{
  self->insecure = FALSE;
}

static void
show_error (StudioAddRegionDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* ssh://[USER@]HOST[:PORT] from the machine's rows, or NULL after saying
 * what is wrong. */
static char *
machine_url (StudioAddRegionDialog *self)
{
  g_autofree char *host = g_strstrip (g_strdup (text_of (self->host_row)));
  g_autofree char *login = g_strstrip (g_strdup (text_of (self->login_row)));
  g_autofree char *port = g_strstrip (g_strdup (text_of (self->port_row)));
  g_autofree char *bracketed = NULL;
  guint64 number = 0;

  if (*host == '\0')
    {
      show_error (self, _("Give the machine's host: an address, or a Host of your ~/.ssh/config."));
      return NULL;
    }
  if (*port != '\0' && (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL)))
    {
      show_error (self, _("The port is a number from 1 to 65535; leave it empty for ssh's own."));
      return NULL;
    }
  /* An IPv6 address takes brackets in a URL. */
  bracketed = strchr (host, ':') != NULL && host[0] != '[' ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  return g_strdup_printf ("ssh://%s%s%s%s%s", login, *login ? "@" : "", bracketed, *port ? ":" : "", port);
}

static void
add_machine (StudioAddRegionDialog *self)
{
  g_autofree char *url = machine_url (self);

  if (url == NULL)
    return;
  set_busy (self, TRUE);
  g_clear_object (&self->adding);
  self->adding = studio_regions_new_region ("ssh", "id", text_of (self->machine_name_row), "url", url,
                                            "host-key", gtk_switch_get_active (self->host_key_switch)
                                                        ? self->host_key : NULL,
                                            NULL);
  studio_regions_add_async (studio_application_get_regions (self->app), self->adding, STUDIO_REGIONS_ADD_NONE,
                            self->cancellable, added_cb, g_object_ref (self));
}

static void
on_kind_changed (StudioAddRegionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_machine_changed (StudioAddRegionDialog *self)
{
  /* Another machine: a key accepted for the one before is not this one's. */
  gtk_widget_set_visible (GTK_WIDGET (self->host_key_row), FALSE);
  gtk_switch_set_active (self->host_key_switch, FALSE);
  g_clear_pointer (&self->host_key, g_free);
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioAddRegionDialog *self = STUDIO_ADD_REGION_DIALOG (widget);
  const char *token = text_of (self->token_row);
  const char *username = text_of (self->username_row);

  if (self->busy)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "ssh") == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      add_machine (self);
      return;
    }
  if (confirm_insecure (self, "add-region.add"))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  g_clear_object (&self->adding);
  self->adding = studio_regions_new_region ("hub", "id", text_of (self->name_row), "url", text_of (self->url_row),
                                            "certificate", gtk_switch_get_active (self->trust_switch)
                                                           ? self->fingerprint : NULL,
                                            "username", *token || !*username ? NULL : username,
                                            "password", *token ? NULL : text_of (self->password_row),
                                            "token", *token ? token : NULL,
                                            "token-lifetime", token_lifetime_seconds (self),
                                            "insecure", self->insecure, NULL);
  studio_regions_add_async (studio_application_get_regions (self->app), self->adding,
                            self->replacing ? STUDIO_REGIONS_ADD_REPLACE : STUDIO_REGIONS_ADD_NONE,
                            self->cancellable, added_cb, g_object_ref (self));
}

static void
on_browser_token (StudioHubSignInWindow *window,
                  const char            *token,
                  StudioAddRegionDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
  add_action (GTK_WIDGET (self), NULL, NULL);
}

static void
browser_action (GtkWidget *widget, const char *name, GVariant *param)
{
  StudioAddRegionDialog *self = STUDIO_ADD_REGION_DIALOG (widget);
  const char *region = text_of (self->name_row);
  const char *url = text_of (self->url_row);
  StudioHubSignInWindow *window;

  if (*region == '\0' || (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://")))
    {
      gtk_label_set_label (self->error_label, _("Give the region a name and the hub's https:// address first."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (confirm_insecure (self, "add-region.browser"))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  window = studio_hub_sign_in_window_new (studio_application_get_network_session_for (self->app, region), region, url,
                                          gtk_switch_get_active (self->trust_switch) ? self->fingerprint : NULL,
                                          token_lifetime_seconds (self));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  g_signal_connect_object (window, "token", G_CALLBACK (on_browser_token), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

void
studio_add_region_dialog_fill (StudioAddRegionDialog *self,
                               const char            *name,
                               const char            *url,
                               const char            *username,
                               const char            *password,
                               const char            *token)
{
  g_return_if_fail (STUDIO_IS_ADD_REGION_DIALOG (self));
  gtk_stack_set_visible_child_name (self->stack, "hub");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token ? token : "");
}

/* The machine's form, shown, with these in its rows. */
void
studio_add_region_dialog_fill_machine (StudioAddRegionDialog *self,
                                       const char            *name,
                                       const char            *host,
                                       const char            *login,
                                       const char            *port)
{
  g_return_if_fail (STUDIO_IS_ADD_REGION_DIALOG (self));
  gtk_stack_set_visible_child_name (self->stack, "ssh");
  gtk_editable_set_text (GTK_EDITABLE (self->machine_name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login ? login : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port ? port : "");
}

/* The fingerprint of a host key shown for the user to accept, or NULL. */
const char *
studio_add_region_dialog_get_host_key (StudioAddRegionDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_ADD_REGION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->host_key_row)) ? self->host_key : NULL;
}

/* Sign in again to an existing region (its token was revoked or expired). */
void
studio_add_region_dialog_set_replacing (StudioAddRegionDialog *self,
                                        StudioRegion          *region)
{
  g_autofree char *username = NULL;
  g_autofree char *certificate = NULL;

  g_return_if_fail (STUDIO_IS_ADD_REGION_DIALOG (self));
  g_return_if_fail (studio_region_get_sign_in_methods (region) != STUDIO_SIGN_IN_NONE);

  /* The hub's settings, as the region keeps them. */
  g_object_get (region, "username", &username, "certificate", &certificate, NULL);
  self->replacing = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), _("Sign In Again"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), studio_region_get_id (region));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), studio_region_get_url (region));
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), FALSE);
  /* A hub's sign-in, not another kind. */
  gtk_widget_set_visible (GTK_WIDGET (self->switcher), FALSE);
  if (username != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  if (certificate != NULL)
    {
      g_free (self->fingerprint);
      self->fingerprint = g_steal_pointer (&certificate);
      adw_action_row_set_subtitle (self->trust_row, self->fingerprint);
      gtk_switch_set_active (self->trust_switch, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->trust_row), TRUE);
    }
}

/* The last sign-in failure shown, or NULL. */
const char *
studio_add_region_dialog_get_error (StudioAddRegionDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_ADD_REGION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

static void
studio_add_region_dialog_dispose (GObject *object)
{
  StudioAddRegionDialog *self = STUDIO_ADD_REGION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->adding);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->host_key, g_free);
  G_OBJECT_CLASS (studio_add_region_dialog_parent_class)->dispose (object);
}

static void
studio_add_region_dialog_class_init (StudioAddRegionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = studio_add_region_dialog_dispose;
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, STUDIO_TYPE_REGION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aistudio/Studio/ui/studio-add-region-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, trust_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, trust_switch);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, switcher);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, machine_name_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, login_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, host_key_row);
  gtk_widget_class_bind_template_child (widget_class, StudioAddRegionDialog, host_key_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_install_action (widget_class, "add-region.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "add-region.browser", NULL, browser_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
studio_add_region_dialog_init (StudioAddRegionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (on_url_changed), self);
  g_signal_connect_swapped (self->host_row, "changed", G_CALLBACK (on_machine_changed), self);
  g_signal_connect_swapped (self->login_row, "changed", G_CALLBACK (on_machine_changed), self);
  g_signal_connect_swapped (self->port_row, "changed", G_CALLBACK (on_machine_changed), self);
}

StudioAddRegionDialog *
studio_add_region_dialog_new (StudioApplication *app)
{
  StudioAddRegionDialog *self = g_object_new (STUDIO_TYPE_ADD_REGION_DIALOG, NULL);

  self->app = app;
  return self;
}
