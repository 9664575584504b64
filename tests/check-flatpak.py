#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest cannot be built here (no GNOME runtime); this checks it
parses, names every module with a build system and sources, and asks for the
permissions the app needs and no more."""
import json
import sys

manifest = json.load(open(sys.argv[1]))
failures = []

def check(ok, what):
    print(("ok - " if ok else "not ok - ") + what)
    if not ok:
        failures.append(what)

check(manifest.get("id") == "io.github.aistudio.Studio", "application id")
check(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk", "GNOME runtime and SDK")
check(manifest.get("command") == "ai-studio", "command")
modules = manifest.get("modules", [])
check(len(modules) > 0, "has modules")
for module in modules:
    check(isinstance(module, dict) and module.get("name") and module.get("buildsystem") and module.get("sources"),
          "module %s has a name, build system and sources" % module.get("name"))
check(modules and modules[-1].get("name") == "ai-studio", "the app is the last module")
args = set(manifest.get("finish-args", []))
check("--share=network" in args, "network (hubs, image pulls)")
check("--filesystem=xdg-run/podman:ro" in args, "the Podman socket")
check("--talk-name=org.freedesktop.Notifications" in args, "notifications")
allowed = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
           "--filesystem=xdg-run/podman:ro", "--filesystem=/run/podman:ro", "--filesystem=/var/run/docker.sock",
           "--filesystem=xdg-download", "--talk-name=org.freedesktop.Notifications",
           "--talk-name=org.freedesktop.secrets"}
check(args <= allowed, "no permission beyond what the app needs: %s" % sorted(args - allowed))
check("--filesystem=home" not in args and "--filesystem=host" not in args, "no home or host access")
sys.exit(1 if failures else 0)
