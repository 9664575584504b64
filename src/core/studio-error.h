/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (__AISTUDIO_H_INSIDE__) && !defined (STUDIO_COMPILATION)
#error "Only <aistudio.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#pragma GCC visibility push(default)

/**
 * STUDIO_ERROR:
 *
 * The error domain of AI Studio's core.
 */
#define STUDIO_ERROR (studio_error_quark ())

/**
 * StudioError:
 * @STUDIO_ERROR_FAILED: something failed; the message says what
 * @STUDIO_ERROR_NO_ENGINE: no container engine or hub answers
 * @STUDIO_ERROR_ENGINE: the container engine refused a request
 * @STUDIO_ERROR_BAD_REPLY: a reply was not of the shape expected
 * @STUDIO_ERROR_NOT_FOUND: no such worker, region or file
 * @STUDIO_ERROR_EXISTS: the name is taken
 * @STUDIO_ERROR_INVALID_NAME: the name is not one a worker or region may have
 * @STUDIO_ERROR_INVALID_SIZE: no such size
 * @STUDIO_ERROR_SIZE_UNAVAILABLE: the size does not fit here
 * @STUDIO_ERROR_IMAGE_NOT_FOUND: the image is neither here nor in a registry
 * @STUDIO_ERROR_PORT_IN_USE: no free port for Jupyter
 * @STUDIO_ERROR_STARTUP_FAILED: the startup script, or Jupyter, failed
 * @STUDIO_ERROR_TIMEOUT: the worker did not become ready in time
 * @STUDIO_ERROR_NOT_RUNNING: the worker is not running
 * @STUDIO_ERROR_AUTH: a token was refused, or there is none: sign in again
 * @STUDIO_ERROR_UNTRUSTED_CERTIFICATE: the system does not trust the hub's certificate
 * @STUDIO_ERROR_INVALID_IMAGE: not an image reference
 * @STUDIO_ERROR_INSECURE: an unencrypted hub on another computer, not accepted
 * @STUDIO_ERROR_IMAGE_NOT_BUILT: one of AI Studio's own images, not built on This Computer yet: build it (#StudioImageBuild)
 * @STUDIO_ERROR_UNKNOWN_HOST_KEY: an SSH host shows a key not known yet; its
 *   fingerprint is studio_error_get_certificate(), to accept ("host-key")
 * @STUDIO_ERROR_HOST_KEY_CHANGED: an SSH host shows another key than the one
 *   known for it: refused
 * @STUDIO_ERROR_UNREACHABLE: a machine or server does not answer
 *
 * Errors of AI Studio's core, in the #STUDIO_ERROR domain. Decide on these
 * codes, never on the text of a message, which is translated.
 */
typedef enum {
  STUDIO_ERROR_FAILED,
  STUDIO_ERROR_NO_ENGINE,
  STUDIO_ERROR_ENGINE,
  STUDIO_ERROR_BAD_REPLY,
  STUDIO_ERROR_NOT_FOUND,
  STUDIO_ERROR_EXISTS,
  STUDIO_ERROR_INVALID_NAME,
  STUDIO_ERROR_INVALID_SIZE,
  STUDIO_ERROR_SIZE_UNAVAILABLE,
  STUDIO_ERROR_IMAGE_NOT_FOUND,
  STUDIO_ERROR_PORT_IN_USE,
  STUDIO_ERROR_STARTUP_FAILED,
  STUDIO_ERROR_TIMEOUT,
  STUDIO_ERROR_NOT_RUNNING,
  STUDIO_ERROR_AUTH,
  STUDIO_ERROR_UNTRUSTED_CERTIFICATE,
  STUDIO_ERROR_INVALID_IMAGE,
  STUDIO_ERROR_INSECURE,
  STUDIO_ERROR_IMAGE_NOT_BUILT,
  STUDIO_ERROR_UNKNOWN_HOST_KEY,
  STUDIO_ERROR_HOST_KEY_CHANGED,
  STUDIO_ERROR_UNREACHABLE,
} StudioError;

GQuark      studio_error_quark           (void);
const char *studio_error_get_certificate (const GError *error);

#pragma GCC visibility pop

G_END_DECLS
