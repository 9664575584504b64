#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window through the accessibility tree (AT-SPI), as a screen reader
sees it: every button named, the launch dialog reached and read, states
exposed. (GTK 4.8's AT-SPI cannot yet type into entries or toggle check
buttons from outside, so the launch itself is driven in test-app.c.)
Runs the real ai-studio under tests/with-xvfb and tests/with-podman; prints TAP."""
import json
import os
import subprocess
import sys
import time

import pyatspi

prefix = os.environ["AI_STUDIO_TEST_PREFIX"]
cli = os.environ["AI_STUDIO_CLI"]
app_binary = os.environ["AI_STUDIO_APP"]
name = prefix + "-a11y"
n = 0
failed = 0


def check(ok, what):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, what), flush=True)
    if not ok:
        failed += 1
    return ok


def walk(node, out, depth=0):
    if node is None or depth > 60:
        return out
    try:
        out.append((node.getRoleName(), node.name or "", node))
        count = node.childCount
    except Exception:
        return out   # gone while we looked
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        walk(child, out, depth + 1)
    return out


def wait_for(predicate, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return None


def application():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == "ai-studio":
            return app
    return None


def frame(title):
    app = application()
    for role, label, node in walk(app, []) if app else []:
        if role == "frame" and label.startswith(title):
            return node
    return None


def find(root, role, starts):
    for r, label, node in walk(root, []):
        if r == role and label.replace("_", "").startswith(starts):
            return node
    return None


def click(node):
    # A widget without an action of its own is activated through its row.
    while node is not None:
        action = node.queryAction() if "Action" in pyatspi.listInterfaces(node) else None
        if action is not None and action.nActions > 0:
            action.doAction(0)
            return
        node = node.parent


def worker_state():
    out = subprocess.run([cli, "workers", "--json"], capture_output=True, text=True).stdout
    return next((w["state"] for w in json.loads(out or "[]") if w["name"] == name), "absent")


app_log = open(os.path.join(os.environ.get("AI_STUDIO_TEST_DIR", "/tmp"), "a11y-app.log"), "w+")
app_process = subprocess.Popen([app_binary], stdout=app_log, stderr=subprocess.STDOUT)
try:
    # A loaded machine (the rest of the suite beside it) can take a while to
    # start the accessibility bus and the window.
    main = wait_for(lambda: frame("AI Studio"), 90)
    if main is None:
        app_log.seek(0)
        sys.stderr.write("the app %s; it said:\n%s\n" % (
            "is running" if app_process.poll() is None else "exited with %s" % app_process.returncode,
            app_log.read()))
    check(main is not None, "the window is in the accessibility tree")
    wait_for(lambda: find(main, "push button", "Launch New") and
             find(main, "push button", "Launch New").getState().contains(pyatspi.STATE_SENSITIVE), 20)
    buttons = [(label, node) for role, label, node in walk(main, []) if role == "push button"]
    unnamed = [b for b in buttons if not b[0].strip()]
    check(len(buttons) > 10 and not unnamed, "every button has a name (%d buttons)" % len(buttons))
    for wanted in ("Start", "Stop", "Replicate", "Terminate", "Jupyter", "Terminal", "Logs", "Refresh"):
        check(find(main, "push button", wanted) is not None, "the %s button is named for what it does" % wanted)

    click(find(main, "push button", "Launch New"))
    dialog = wait_for(lambda: frame("Launch New Worker"))
    check(dialog is not None, "Launch New opens the launch dialog")
    fields = [label for role, label, node in walk(dialog, []) if role == "text"]
    check("Name" in fields and "Image" in fields and "Startup script" in fields,
          "its fields are named: %s" % ", ".join(fields))
    sizes = [(label, node) for role, label, node in walk(dialog, []) if role == "check box"]
    check(len(sizes) == 4 and all(label.strip() for label, node in sizes), "each size is a named choice")
    unavailable = [label for label, node in sizes if not node.getState().contains(pyatspi.STATE_SENSITIVE)]
    cpus = os.cpu_count()
    expected = [size for size, need in (("Medium", 4), ("Large", 8)) if need > cpus]
    check(sorted(u.split()[0] for u in unavailable) == sorted(expected),
          "sizes too large for this computer are marked unavailable: %s" % (", ".join(unavailable) or "none"))
    check(find(dialog, "spin button", "Auto-shutdown") is not None, "the auto-shutdown minutes are a named spin button")
    click(find(dialog, "push button", "Cancel"))
    def dialog_gone():
        try:
            state = dialog.getState()
            return state.contains(pyatspi.STATE_DEFUNCT) or not state.contains(pyatspi.STATE_VISIBLE)
        except Exception:
            return True
    check(wait_for(dialog_gone, 10) is not None, "Cancel closes it")

    # With no worker to act on, the worker actions say they cannot be used.
    # (The window found at first: GTK 4.8 drops the application's children
    # from the tree when a dialog closes.)
    others = json.loads(subprocess.run([cli, "workers", "--json"], capture_output=True, text=True).stdout or "[]")
    for wanted in ("Start", "Stop", "Terminate", "Jupyter"):
        button = find(main, "push button", wanted)
        if others:
            check(True, "# SKIP %s: other tests' workers are listed" % wanted)
        else:
            states = [pyatspi.stateToString(x) for x in button.getState().getStates()] if button else []
            check(button is not None and "sensitive" not in states,
                  "%s is marked unavailable with no worker (%s: %s)" % (wanted, button.name if button else None,
                                                                         " ".join(states)))
finally:
    app_process.terminate()
    app_process.wait(10)

print("1..%d" % n)
sys.exit(1 if failed else 0)
