/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "studio-engine-region-private.h"

G_BEGIN_DECLS

#define STUDIO_ENGINE_REGION_CLASS(k) (G_TYPE_CHECK_CLASS_CAST ((k), STUDIO_TYPE_ENGINE_REGION, StudioEngineRegionClass))

/* A machine reached with OpenSSH (studio-ssh-region.c), kind "ssh". */
#define STUDIO_TYPE_SSH_REGION (studio_ssh_region_get_type ())
G_DECLARE_FINAL_TYPE (StudioSshRegion, studio_ssh_region, STUDIO, SSH_REGION, StudioEngineRegion)

/* The private folder's files. */
#define SSH_CONTROL "control"
#define SSH_ENGINE_SOCKET "engine.sock"
#define SSH_ASKPASS_FILE "askpass"
#define SSH_ANSWER "answer"
#define SSH_ASKPASS_MARK "ai-studio-askpass: "
/* How long a master may take to log in (ConnectTimeout is for the TCP part). */
#define SSH_LOGIN_TIMEOUT_MS 30000
#define SSH_STDERR_LIMIT 8192
#define SSH_MIN_PODMAN 3

struct _StudioSshRegion
{
  StudioEngineRegion parent_instance;

  char *destination;     /* the host or alias, as ssh takes it */
  char *login;           /* the user, or NULL for ssh's choice */
  guint port;            /* 0: ssh's choice */
  char *host_key;        /* a fingerprint the user accepted */
  char *shown_host_key;  /* of a key the machine showed that is not known yet */
  GError *url_error;     /* the url is not a machine's: every connect fails so */
  char *dir;             /* the private folder */
  GSubprocess *master;
  GString *master_errors;
  GHashTable *forwards;  /* remote port -> local port, for the region's life */
  GHashTable *forwarded; /* remote ports forwarded by the current master */
  char *engine_forward;  /* the engine socket's forward by the current master */
  gsize scanned;         /* how much of master_errors was looked at for questions */
  gboolean asking;       /* the user is asked (the login wait pauses) */
  gulong reply_id;
  GPtrArray *pending;    /* GTask: connects waiting for the master */
  gboolean connecting;
};

/* studio-ssh-region.c: the master connection and what goes through it. */
char                *ssh_region_path             (StudioSshRegion  *self,
                                                  const char       *name);
void                 ssh_region_add_common_args  (StudioSshRegion  *self,
                                                  GStrvBuilder     *args);
GSubprocessLauncher *ssh_region_launcher         (StudioSshRegion  *self,
                                                  GSubprocessFlags  flags);
gboolean             ssh_region_control          (StudioSshRegion  *self,
                                                  const char       *command,
                                                  const char       *forward,
                                                  GError          **error);
gboolean             ssh_region_forward_port     (StudioSshRegion  *self,
                                                  guint             remote);
void                 ssh_region_complete_pending (StudioSshRegion  *self,
                                                  const GError     *error);
void                 ssh_region_engine_found     (StudioSshRegion  *self,
                                                  gboolean          restarted);

/* studio-ssh-region-ask.c: what ssh asks, and what it says when it fails. */
extern const char    ssh_region_askpass_script[];
GError              *ssh_region_master_error     (StudioSshRegion  *self,
                                                  const char       *said);
void                 ssh_region_scan_questions   (StudioSshRegion  *self);

/* studio-ssh-region-remote.c: the machine's engine, found and reached. */
void                 ssh_region_run_remote_script (StudioSshRegion *self,
                                                   gboolean         restart);

gboolean studio_ssh_region_parse_url (const char  *url,
                                      char       **login,
                                      char       **host,
                                      guint       *port,
                                      GError     **error);

G_END_DECLS
