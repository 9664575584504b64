/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "studio-error.h"
#include "studio-util.h"

/* Typed data that an error carries beside its message, so that a front end
 * can offer what to do without reading the (translated) text. */
typedef struct
{
  char *certificate;
} StudioErrorPrivate;

static void
studio_error_private_init (StudioErrorPrivate *priv)
{
  priv->certificate = NULL;
}

static void
studio_error_private_copy (const StudioErrorPrivate *src,
                           StudioErrorPrivate       *dest)
{
  dest->certificate = g_strdup (src->certificate);
}

static void
studio_error_private_clear (StudioErrorPrivate *priv)
{
  g_clear_pointer (&priv->certificate, g_free);
}

/**
 * studio_error_quark:
 *
 * The domain of AI Studio's errors, #StudioError.
 *
 * Returns: the domain of AI Studio's errors, #StudioError
 */
G_DEFINE_EXTENDED_ERROR (StudioError, studio_error)

/**
 * studio_error_get_certificate:
 * @error: a #STUDIO_ERROR_UNTRUSTED_CERTIFICATE or #STUDIO_ERROR_UNKNOWN_HOST_KEY error
 *
 * The SHA-256 fingerprint of the certificate that the hub showed and the
 * system does not trust, or of the key an SSH host showed that is not known
 * yet: what the user may choose to trust, once they know it is their hub's
 * or machine's (#StudioRegions adds a hub with it as "certificate", an SSH
 * machine as "host-key").
 *
 * Returns: (nullable): the fingerprint, or %NULL if @error carries none
 */
const char *
studio_error_get_certificate (const GError *error)
{
  StudioErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);
  if (error->domain != STUDIO_ERROR)
    return NULL;
  priv = studio_error_get_private (error);
  return priv ? priv->certificate : NULL;
}

void
studio_error_set_certificate (GError     *error,
                              const char *fingerprint)
{
  StudioErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == STUDIO_ERROR);
  priv = studio_error_get_private (error);
  g_free (priv->certificate);
  priv->certificate = g_strdup (fingerprint);
}
