/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spinners that rest where they are not shown. */
#include "studio-spinner.h"

/* GTK 4.8 animates a spinning spinner for as long as it is realized: also
 * on a page not shown (another tab, another page of a stack), where it asks
 * the window's frame clock for every frame, 60 a second, while nothing on
 * screen moves. So it spins only while busy and mapped. */
static void
sync_spinning (GtkSpinner *spinner)
{
  gboolean busy = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spinner), "studio-busy"));

  gtk_spinner_set_spinning (spinner, busy && gtk_widget_get_mapped (GTK_WIDGET (spinner)));
}

/**
 * studio_spinner_set_busy:
 * @spinner: a spinner
 * @busy: whether what it stands for is under way
 *
 * Makes @spinner spin while @busy, whenever it is shown.
 */
void
studio_spinner_set_busy (GtkSpinner *spinner,
                         gboolean    busy)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  if (g_object_get_data (G_OBJECT (spinner), "studio-busy-followed") == NULL)
    {
      /* Both signals run after GTK has set the widget's mapped state. */
      g_signal_connect (spinner, "map", G_CALLBACK (sync_spinning), NULL);
      g_signal_connect (spinner, "unmap", G_CALLBACK (sync_spinning), NULL);
      g_object_set_data (G_OBJECT (spinner), "studio-busy-followed", GINT_TO_POINTER (TRUE));
    }
  g_object_set_data (G_OBJECT (spinner), "studio-busy", GINT_TO_POINTER (busy));
  sync_spinning (spinner);
}
