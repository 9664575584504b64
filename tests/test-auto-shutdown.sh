#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Auto-shutdown is Jupyter's own: an idle worker stops itself with no app
# running, also while watched as the details pane watches it, and while a
# notebook tab holds an idle kernel; a kernel running
# work keeps its worker up, and the countdown says so. Jupyter checks once a
# minute, so this takes three to four minutes; the three workers wait side by side.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

for w in idle tab busy; do
  expect "launch $w with a one-minute auto-shutdown" 0 "$cli" launch --name "$P-$w" --size x-small --auto-shutdown 1 --json
  cp "$out" "$AI_STUDIO_TEST_DIR/$w.json"
done
out=$AI_STUDIO_TEST_DIR/idle.json
[ "$(json_get "j['auto_shutdown_minutes']")" = 1 ] && ok "the worker keeps its auto-shutdown minutes" || not_ok "auto-shutdown minutes"
python3 - "$out" <<'PY' && ok "the shutdown time is a minute after the last activity" || not_ok "shutdown_at"
import json, sys, datetime
w = json.load(open(sys.argv[1]))
last = datetime.datetime.fromisoformat(w["last_activity"].replace("Z", "+00:00"))
at = datetime.datetime.fromisoformat(w["shutdown_at"].replace("Z", "+00:00"))
assert abs((at - last).total_seconds() - 60) < 1, (last, at)
PY

# An open notebook: an idle kernel with a client on its channels.
"$cli" jupyter-url "$P-tab" >"$out.tab"
url=$(cat "$out.tab")
/usr/bin/python3 "$here/kernel-client.py" "${url%%\?*}" "${url##*token=}" idle >"$AI_STUDIO_TEST_DIR/tab.log" 2>&1 &
tab_client=$!
# A kernel running work (a sleep loop that never ends), its client connected too.
"$cli" jupyter-url "$P-busy" >"$out.busy"
url=$(cat "$out.busy")
/usr/bin/python3 "$here/kernel-client.py" "${url%%\?*}" "${url##*token=}" busy >"$AI_STUDIO_TEST_DIR/busy.log" 2>&1 &
busy_client=$!
# Someone watching the idle worker as the window's details pane does, every
# two seconds: what runs on it and its usage. Looking must not keep it up.
( while "$cli" running "$P-idle" --json >/dev/null 2>&1 && "$cli" stats "$P-idle" --json >"$AI_STUDIO_TEST_DIR/watch.json" 2>&1; do
    echo looked >>"$AI_STUDIO_TEST_DIR/watch.log"; sleep 2; done ) &
watcher=$!
trap 'kill $tab_client $busy_client $watcher 2>/dev/null' EXIT
both_connected() { grep -q connected "$AI_STUDIO_TEST_DIR/tab.log" && grep -q connected "$AI_STUDIO_TEST_DIR/busy.log"; }
eventually 60 0.5 both_connected && ok "a connected idle kernel and a connected busy kernel" || not_ok "kernel clients: $(cat "$AI_STUDIO_TEST_DIR"/{tab,busy}.log)"

wait_state "$P-idle" stopped 240 && ok "the idle worker stopped itself" || not_ok "the idle worker is still $(state_of "$P-idle")"
# (Each look is two CLI runs: on a loaded machine a round takes several
# seconds, so a minute's idling holds fewer of them than 30.)
[ "$(wc -l <"$AI_STUDIO_TEST_DIR/watch.log")" -ge 5 ] \
  && ok "while it was watched every two seconds (running and stats, $(wc -l <"$AI_STUDIO_TEST_DIR/watch.log") looks)" \
  || not_ok "the watcher looked $(wc -l <"$AI_STUDIO_TEST_DIR/watch.log" 2>/dev/null) times: $(cat "$AI_STUDIO_TEST_DIR/watch.json")"
wait_state "$P-tab" stopped 240 && ok "a worker whose idle kernel has a client (an open notebook) stopped itself too" \
  || not_ok "the worker with an open notebook is still $(state_of "$P-tab")"

# The busy worker outlives its deadline by more than a whole check of Jupyter's.
busy_past_deadline() {
  "$cli" workers --json >"$out.busy-json"
  python3 - "$out.busy-json" "$P-busy" <<'PY'
import json, sys, datetime
w = next((w for w in json.load(open(sys.argv[1])) if w['name'] == sys.argv[2]), None)
if w is None or w['state'] != 'ready':
    sys.exit(2)                     # gone or stopped: no use waiting
at = datetime.datetime.fromisoformat(w['shutdown_at'].replace('Z', '+00:00'))
sys.exit(0 if (datetime.datetime.now(datetime.timezone.utc) - at).total_seconds() > 75 else 1)
PY
}
end=$((SECONDS + 240))
while [ $SECONDS -lt $end ]; do busy_past_deadline; r=$?; [ $r -ne 1 ] && break; sleep 2; done
[ "$(state_of "$P-busy")" = ready ] && ok "a busy kernel is never culled: its worker stays up past its deadline" \
  || { not_ok "the busy worker is $(state_of "$P-busy")"; "$cli" logs "$P-busy" | tail -15 | sed 's/^/#   /'; }
run "$cli" workers
has "and the countdown says why, instead of counting below zero" "$out" "^$P-busy +ready .*kept up by a busy kernel"
hasnt "no countdown is negative" "$out" "-[0-9]+:[0-9]{2}"
run "$cli" workers --json
[ "$(json_get "[w['busy_kernels'] for w in j if w['name'] == '$P-busy'][0]")" = 1 ] && ok "workers --json counts its busy kernels" \
  || not_ok "busy_kernels"
kill $tab_client $busy_client 2>/dev/null

expect "a stopped worker can be started again" 0 "$cli" start "$P-idle"
finish
