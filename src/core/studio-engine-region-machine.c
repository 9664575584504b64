/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The machine an engine region's engine runs on, and the sizes it allows.
 * Its CPUs, memory and GPUs are the engine's to tell (GET /info), not this
 * computer's: Docker Desktop runs its engine in a VM, and a tunnel's engine
 * runs elsewhere. Podman takes a quarter of a second over /info, so no
 * launch waits for it: until the engine has answered (once per region, after
 * its first list), a engine on a Unix socket is taken to run here, on this
 * computer's figures. */
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "studio-engine-region-private.h"
#include "studio-util.h"

/* This computer's figures: a Unix socket's engine, before it has said. */
static void
this_computer (StudioMachine *machine)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  machine->cpus = g_get_num_processors ();
  machine->memory_bytes = pages > 0 && page_size > 0 ? (guint64) pages * page_size : 0;
  machine->gpus = 0;
  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *dev = g_strdup_printf ("/dev/nvidia%u", i);
      if (g_file_test (dev, G_FILE_TEST_EXISTS))
        machine->gpus++;
    }
}

/* The engine's /info: NCPU and MemTotal (Docker and Podman alike), and the
 * GPUs where the engine lists them: Docker 28 names CDI devices
 * (DiscoveredDevices, "nvidia.com/gpu=0"); Docker 20.10 and Podman 4.3 do
 * not say (gpus -1). Reads no network (the fuzzers call it too). */
gboolean
studio_engine_region_parse_machine (JsonNode      *info,
                                    StudioMachine *machine)
{
  JsonObject *o = info && JSON_NODE_HOLDS_OBJECT (info) ? json_node_get_object (info) : NULL;
  JsonArray *devices = studio_util_json_array (o, "DiscoveredDevices");
  gint64 cpus = studio_util_json_int (o, "NCPU", 0);
  gint64 memory = studio_util_json_int (o, "MemTotal", 0);

  if (cpus <= 0 || cpus > 65536 || memory <= 0)
    return FALSE;
  machine->cpus = (guint) cpus;
  machine->memory_bytes = (guint64) memory;
  machine->gpus = -1;
  for (guint i = 0; devices != NULL && i < json_array_get_length (devices); i++)
    {
      const char *id = studio_util_json_string (studio_util_json_array_object (devices, i), "ID");

      if (machine->gpus < 0)
        machine->gpus = 0;
      if (id != NULL && g_str_has_prefix (id, "nvidia.com/gpu=") && g_ascii_isdigit (id[strlen ("nvidia.com/gpu=")]))
        machine->gpus++;
    }
  return TRUE;
}

static StudioSize *
size_for (StudioEngineRegion  *self,
          const StudioMachine *machine,
          const char          *id,
          const char          *name,
          guint                cpus,
          guint                memory_gib,
          guint                gpus)
{
  StudioSize *size = studio_size_new (id, name, cpus, (guint64) memory_gib << 30, gpus);
  gboolean here = self->address == NULL;

  if (cpus > machine->cpus)
    {
      g_autofree char *reason = here
        ? g_strdup_printf (_("Needs %u CPUs; this computer has %u."), cpus, machine->cpus)
        : g_strdup_printf (_("Needs %u CPUs; the engine's machine has %u."), cpus, machine->cpus);
      studio_size_set_unavailable (size, reason);
    }
  else if (machine->memory_bytes > 0 && ((guint64) memory_gib << 30) > machine->memory_bytes)
    {
      g_autofree char *have = g_format_size_full (machine->memory_bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *reason = here
        ? g_strdup_printf (_("Needs %u GiB of memory; this computer has %s."), memory_gib, have)
        : g_strdup_printf (_("Needs %u GiB of memory; the engine's machine has %s."), memory_gib, have);
      studio_size_set_unavailable (size, reason);
    }
  return size;
}

/* The region's sizes for this machine (NULL: this computer's figures), in
 * place of the ones it had, in one change. */
void
studio_engine_region_apply_machine (StudioEngineRegion  *self,
                                    const StudioMachine *machine)
{
  StudioMachine local;
  g_autoptr(GPtrArray) sizes = g_ptr_array_new_with_free_func (g_object_unref);

  this_computer (&local);
  if (machine == NULL)
    machine = &local;
  else if (machine->gpus < 0)
    {
      /* The engine does not list GPUs: those of this computer, whose devices a
       * Unix socket's engine passes through. */
      local.cpus = machine->cpus;
      local.memory_bytes = machine->memory_bytes;
      machine = &local;
    }
  /* The same machine: the same sizes (an open launch dialog keeps its rows). */
  if (self->machine_key[0] == machine->cpus && self->machine_key[1] == machine->memory_bytes &&
      self->machine_key[2] == (guint64) machine->gpus && g_list_model_get_n_items (G_LIST_MODEL (self->sizes)) > 0)
    return;
  self->machine_key[0] = machine->cpus;
  self->machine_key[1] = machine->memory_bytes;
  self->machine_key[2] = (guint64) machine->gpus;
  g_ptr_array_add (sizes, size_for (self, machine, "x-small", _("X-Small"), 1, 2, 0));
  g_ptr_array_add (sizes, size_for (self, machine, "small", _("Small"), 2, 4, 0));
  g_ptr_array_add (sizes, size_for (self, machine, "medium", _("Medium"), 4, 8, 0));
  g_ptr_array_add (sizes, size_for (self, machine, "large", _("Large"), 8, 16, 0));
  if (machine->gpus > 0)
    {
      g_ptr_array_add (sizes, size_for (self, machine, "gpu", _("GPU"), 4, 16, 1));
      if (machine->gpus > 1)
        g_ptr_array_add (sizes, size_for (self, machine, "gpu-large", _("GPU Large"), 8, 32, machine->gpus));
    }
  g_list_store_splice (self->sizes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sizes)),
                       sizes->pdata, sizes->len);
}

static void
info_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StudioEngineRegion) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) info = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);
  StudioMachine machine;

  if (info == NULL || !studio_engine_region_parse_machine (info, &machine))
    {
      /* Asked again at the next list that works. */
      self->machine_asked = FALSE;
      return;
    }
  studio_engine_region_apply_machine (self, &machine);
}

/* Asks the engine for its machine, once, without anyone waiting. */
void
studio_engine_region_read_machine (StudioEngineRegion *self)
{
  if (self->machine_asked)
    return;
  self->machine_asked = TRUE;
  studio_engine_request_async (self->engine, "GET", "/info", NULL, self->cancellable, info_cb, g_object_ref (self));
}
