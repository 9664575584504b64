/* A terminal's WebSocket messages (terminado frames). */
#include "fuzz.h"
#include "studio-terminal-channel-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) output = NULL;
  StudioTerminalFrame frame = studio_terminal_channel_parse_frame ((const char *) data, size, &output);

  g_assert ((frame == STUDIO_TERMINAL_FRAME_OUTPUT) == (output != NULL));
  return 0;
}
