#!/usr/bin/env bash
# Auto-shutdown is Jupyter's own: an idle worker stops itself with no app
# running. Jupyter checks once a minute, so this takes two to three minutes.
. "$(dirname "$0")/lib.sh"

expect "launch with a one-minute auto-shutdown" 0 "$cli" launch --name "$P-idle" --size x-small --auto-shutdown 1 --json
[ "$(json_get "j['auto_shutdown_minutes']")" = 1 ] && ok "the worker keeps its auto-shutdown minutes" || not_ok "auto-shutdown minutes"
python3 - "$out" <<'PY' && ok "the shutdown time is a minute after the last activity" || not_ok "shutdown_at"
import json, sys, datetime
w = json.load(open(sys.argv[1]))
last = datetime.datetime.fromisoformat(w["last_activity"].replace("Z", "+00:00"))
at = datetime.datetime.fromisoformat(w["shutdown_at"].replace("Z", "+00:00"))
assert abs((at - last).total_seconds() - 60) < 1, (last, at)
PY
wait_state "$P-idle" stopped 240 && ok "the idle worker stopped itself" || not_ok "the idle worker is still $(state_of "$P-idle")"
expect "it can be started again" 0 "$cli" start "$P-idle"
finish
