/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A converter that passes a stream through as it is, and fails once a line
 * passes a limit: streams of lines from outside (a hub's progress events,
 * an engine's pull progress and events) are read with GDataInputStream,
 * which keeps a line in memory until its end, and a line that never ends
 * would fill it. */
#include <glib/gi18n-lib.h>

#include "studio-line-limit-private.h"

struct _StudioLineLimit
{
  GObject parent_instance;

  gsize max_line;
  gsize in_line;   /* bytes since the last newline */
};

static void studio_line_limit_converter_init (GConverterIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioLineLimit, studio_line_limit, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER, studio_line_limit_converter_init))

static GConverterResult
studio_line_limit_convert (GConverter      *converter,
                           const void      *inbuf,
                           gsize            inbuf_size,
                           void            *outbuf,
                           gsize            outbuf_size,
                           GConverterFlags  flags,
                           gsize           *bytes_read,
                           gsize           *bytes_written,
                           GError         **error)
{
  StudioLineLimit *self = STUDIO_LINE_LIMIT (converter);
  const char *in = inbuf;
  gsize n = MIN (inbuf_size, outbuf_size);

  if (n == 0 && inbuf_size > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "");
      return G_CONVERTER_ERROR;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (in[i] == '\n')
        self->in_line = 0;
      else if (++self->in_line > self->max_line)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("A line of the stream is longer than %" G_GSIZE_FORMAT " KiB."), self->max_line / 1024);
          return G_CONVERTER_ERROR;
        }
    }
  memcpy (outbuf, inbuf, n);
  *bytes_read = *bytes_written = n;
  if ((flags & G_CONVERTER_INPUT_AT_END) && n == inbuf_size)
    return G_CONVERTER_FINISHED;
  if ((flags & G_CONVERTER_FLUSH) && n == inbuf_size)
    return G_CONVERTER_FLUSHED;
  return G_CONVERTER_CONVERTED;
}

static void
studio_line_limit_reset (GConverter *converter)
{
  STUDIO_LINE_LIMIT (converter)->in_line = 0;
}

static void
studio_line_limit_converter_init (GConverterIface *iface)
{
  iface->convert = studio_line_limit_convert;
  iface->reset = studio_line_limit_reset;
}

static void
studio_line_limit_class_init (StudioLineLimitClass *klass)
{
}

static void
studio_line_limit_init (StudioLineLimit *self)
{
}

/* base, read through a limit of max_line bytes per line. */
GInputStream *
studio_line_limit_stream_new (GInputStream *base,
                              gsize         max_line)
{
  g_autoptr(StudioLineLimit) limit = g_object_new (STUDIO_TYPE_LINE_LIMIT, NULL);

  limit->max_line = max_line;
  return g_converter_input_stream_new (base, G_CONVERTER (limit));
}
