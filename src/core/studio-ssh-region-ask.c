/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What ssh asks an SSH region (through its askpass helper) and what it says
 * when a master fails: a host key not known yet, a changed one, a key's
 * passphrase or a password (asked of the user through the region's
 * interaction and answered through a pipe of the private folder), a login
 * refused. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-engine-private.h"
#include "studio-error.h"
#include "studio-ssh-region-private.h"
#include "studio-util.h"

/* Asks ssh's questions of AI Studio, not of a terminal: a host key the user
 * accepted (its fingerprint, which ssh checks, is the answer), anything
 * else is refused and told to AI Studio on ssh's standard error. */
const char ssh_region_askpass_script[] =
  "#!/bin/sh\n"
  "# AI Studio answers ssh's questions (SSH_ASKPASS); it keeps no secret.\n"
  "q=$(printf '%s' \"$1\" | tr '\\n' ' ')\n"
  "case \"$q\" in\n"
  "*'fingerprint is '*)\n"
  "  if [ -n \"${AI_STUDIO_SSH_HOST_KEY:-}\" ]; then\n"
  "    case \"$q\" in *\"fingerprint is $AI_STUDIO_SSH_HOST_KEY.\"*)\n"
  "      printf '%s\\n' \"$AI_STUDIO_SSH_HOST_KEY\"; exit 0;; esac\n"
  "  fi\n"
  "  printf '" SSH_ASKPASS_MARK "host-key %s\\n' \"$q\" >&2; exit 1;;\n"
  "*)\n"
  /* A passphrase or password: AI Studio asks the user and answers through
   * a pipe of its private folder (never a file, an argument or the
   * environment); an empty answer refuses. */
  "  f=${AI_STUDIO_SSH_ANSWER:-}\n"
  "  [ -n \"$f\" ] && [ -p \"$f\" ] || { printf '" SSH_ASKPASS_MARK "secret %s\\n' \"$q\" >&2; exit 1; }\n"
  "  exec 3<>\"$f\"\n"
  "  printf '" SSH_ASKPASS_MARK "secret %s\\n' \"$q\" >&2\n"
  "  IFS= read -r a <&3 || exit 1\n"
  "  [ -n \"$a\" ] || exit 1\n"
  "  printf '%s\\n' \"$a\";;\n"
  "esac\n";

/* What ssh said, as an error a user can act on. */
GError *
ssh_region_master_error (StudioSshRegion *self,
              const char      *said)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (said ?: "", "\n", -1);
  const char *key_prompt = NULL;
  gboolean secret = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, SSH_ASKPASS_MARK "host-key "))
        key_prompt = line + strlen (SSH_ASKPASS_MARK "host-key ");
      else if (g_str_has_prefix (line, SSH_ASKPASS_MARK "secret "))
        secret = TRUE;
      else if (*line != '\0' && line[0] != '@' && !g_str_has_prefix (line, "Warning: Permanently added"))
        g_string_append_printf (words, "%s%s", words->len ? " " : "", line);
    }
  if (words->len > 500)
    g_string_truncate (words, 500);

  if (key_prompt != NULL)
    {
      const char *fp = strstr (key_prompt, "fingerprint is ");
      g_autofree char *fingerprint = fp ? g_strndup (fp + strlen ("fingerprint is "),
                                                     strcspn (fp + strlen ("fingerprint is "), ". ")) : NULL;
      GError *error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNKNOWN_HOST_KEY,
                                   _("%s is not known to this computer yet: its key’s fingerprint is %s. "
                                     "Accept it only if it is the fingerprint of that machine (ask its "
                                     "administrator, or run “ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub” there)."),
                                   self->destination, fingerprint ?: "?");

      studio_error_set_certificate (error, fingerprint);
      if (g_set_str (&self->shown_host_key, fingerprint))
        g_object_notify (G_OBJECT (self), "shown-host-key");
      return error;
    }
  if (strstr (said ?: "", "REMOTE HOST IDENTIFICATION HAS CHANGED") != NULL ||
      strstr (said ?: "", "has changed and you have requested strict checking") != NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_HOST_KEY_CHANGED,
                        _("%s shows another key than the one this computer knows for it, so AI Studio "
                          "did not connect. ssh says: %s"), self->destination, words->str);
  if (secret && studio_region_get_interaction (STUDIO_REGION (self)) == NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_AUTH,
                        _("%s asks for a password or a key’s passphrase. Add your key to the SSH agent "
                          "(“ssh-add”) or set up a key without one for it, then retry. ssh says: %s"),
                        self->destination, words->str);
  if (strstr (said ?: "", "Permission denied") != NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_AUTH,
                        _("%s refused the login. Check that “ssh %s” works in a terminal (your key, "
                          "the user name). ssh says: %s"), self->destination, self->destination, words->str);
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNREACHABLE,
                      _("Cannot connect to %s. Check that “ssh %s” works in a terminal. ssh says: %s"),
                      self->destination, self->destination, words->len ? words->str : _("nothing"));
}

/* The user's answer to ssh's question, into the pipe the helper reads (an
 * empty line refuses); nothing of it is kept. */
static void
answer (StudioSshRegion *self,
        const char      *secret)
{
  g_autofree char *path = ssh_region_path (self, SSH_ANSWER);
  int fd = open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

  self->asking = FALSE;
  if (fd < 0)
    return;   /* the helper is gone (ssh gave up) */
  if (secret != NULL && strchr (secret, '\n') == NULL)
    {
      gssize ignored = write (fd, secret, strlen (secret));
      (void) ignored;
    }
  if (write (fd, "\n", 1) < 0)
    g_debug ("the helper did not take the answer");
  close (fd);
}

static void
on_reply (GMountOperation       *operation,
          GMountOperationResult  result,
          StudioSshRegion       *self)
{
  g_clear_signal_handler (&self->reply_id, operation);
  answer (self, result == G_MOUNT_OPERATION_HANDLED ? g_mount_operation_get_password (operation) : NULL);
  g_mount_operation_set_password (operation, NULL);
}

/* ssh asks for a key's passphrase or a password: the region's interaction
 * asks the user (a dialog, the terminal); without one, it is refused. */
static void
ask (StudioSshRegion *self,
     const char      *question)
{
  GMountOperation *operation = studio_region_get_interaction (STUDIO_REGION (self));
  g_autofree char *message = NULL;

  if (operation == NULL || self->reply_id != 0)
    {
      answer (self, NULL);
      return;
    }
  self->asking = TRUE;
  message = g_strdup_printf (_("Connecting to %s\n%s"), self->destination, question);
  self->reply_id = g_signal_connect (operation, "reply", G_CALLBACK (on_reply), self);
  g_signal_emit_by_name (operation, "ask-password", message, "", "", G_ASK_PASSWORD_NEED_PASSWORD);
}

/* Questions the helper passed on, in the lines ssh wrote since the last look. */
void
ssh_region_scan_questions (StudioSshRegion *self)
{
  const char *start = self->master_errors->str + self->scanned;
  const char *end;

  while ((end = strchr (start, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (start, end - start);

      if (g_str_has_prefix (line, SSH_ASKPASS_MARK "secret "))
        ask (self, g_strstrip (line + strlen (SSH_ASKPASS_MARK "secret ")));
      start = end + 1;
    }
  self->scanned = start - self->master_errors->str;
}
