#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ai-studio-cli running: a worker's kernels (with the notebooks that hold
# them) and terminals, shut down one by one or all at once, a kernel
# interrupted and restarted, and looking that
# does not count as activity. On This Computer (tests/with-podman) or a hub
# region (tests/with-hub).
. "$(dirname "$0")/lib.sh"
region=()
if [ -n "${AI_STUDIO_TEST_HUB:-}" ]; then
  curl -sf -X POST -H "Authorization: token $AI_STUDIO_HUB_ADMIN_TOKEN" "$AI_STUDIO_TEST_HUB/hub/api/users/alice" >/dev/null
  "$cli" region add team "$AI_STUDIO_TEST_HUB" --username alice <<<"$AI_STUDIO_HUB_PASSWORD" >/dev/null
  region=(--region team)
fi
w="$P-run"
size=(--size x-small)
[ -n "${AI_STUDIO_TEST_HUB:-}" ] && size=()
expect "launch a worker" 0 "$cli" launch "${region[@]}" "${size[@]}" --name "$w"

# The test's own client of the worker's Jupyter server, as a notebook tab would be.
if [ -n "${AI_STUDIO_TEST_HUB:-}" ]; then
  base="$AI_STUDIO_TEST_HUB/user/alice/$w"
  token=$(curl -sf -X POST -H "Authorization: token $AI_STUDIO_HUB_ADMIN_TOKEN" \
    -d '{"scopes": ["access:servers!user=alice"], "note": "test-running"}' \
    "$AI_STUDIO_TEST_HUB/hub/api/users/alice/tokens" | python3 -c "import json,sys; print(json.load(sys.stdin)['token'])")
else
  url=$("$cli" jupyter-url "$w")
  base=${url%%\?*}; base=${base%/tree*}; base=${base%/}
  token=${url##*token=}
fi
api() { curl -sf -H "Authorization: token $token" "$@"; }

expect "running on a fresh worker" 0 "$cli" running "${region[@]}" "$w"
has "says nothing runs" "$out" "Nothing runs on this worker"

api -X POST -d '{"path": "analysis.ipynb", "name": "analysis.ipynb", "type": "notebook", "kernel": {"name": "python3"}}' \
  "$base/api/sessions" >/dev/null && ok "a notebook's session started" || not_ok "session"
kernel=$(api -X POST -d '{}' "$base/api/kernels" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
terminal=$(api -X POST "$base/api/terminals" | python3 -c "import json,sys; print(json.load(sys.stdin)['name'])")
[ -n "$kernel" ] && [ -n "$terminal" ] && ok "a bare kernel and a terminal started" || not_ok "kernel or terminal"

expect "running --json lists them" 0 "$cli" running "${region[@]}" "$w" --json
python3 - "$out" "$kernel" "$terminal" <<'PY' && ok "kernels with their notebook and kind, and the terminal" || not_ok "running --json: $(tr -d '\n' <"$out")"
import json, sys
j = json.load(open(sys.argv[1]))
kernels = {k["id"]: k for k in j["kernels"]}
assert len(kernels) == 2, kernels
assert set(kernels[sys.argv[2]]) >= {"id", "name", "display_name", "state", "last_activity", "connections", "path"}
assert kernels[sys.argv[2]]["path"] is None
nb = [k for k in kernels.values() if k["path"] == "analysis.ipynb"]
assert len(nb) == 1 and nb[0]["name"] == "python3" and "Python" in nb[0]["display_name"], nb
assert all(k["state"] in ("idle", "busy", "starting") for k in kernels.values())
assert [t["name"] for t in j["terminals"]] == [sys.argv[3]] and "last_activity" in j["terminals"][0]
PY
notebook_kernel=$(python3 -c "import json; print([k['id'] for k in json.load(open('$out'))['kernels'] if k['path']][0])")
expect "running lists them in a table" 0 "$cli" running "${region[@]}" "$w"
has "with the notebook" "$out" "^$notebook_kernel +Python.*analysis\.ipynb$"
has "and the terminal" "$out" "^$terminal "

expect "shut down the notebook's kernel" 0 "$cli" running "${region[@]}" "$w" --shutdown "$notebook_kernel"
has "says which notebook loses its state" "$out" "notebook analysis\.ipynb loses its state"
api "$base/api/sessions" | grep -q analysis.ipynb && not_ok "the session is still there" || ok "its session is gone with it"
expect "an unknown id" 1 "$cli" running "${region[@]}" "$w" --shutdown nothing-here
one_line_error "is one error line"
has "naming it" "$err" "Nothing called “nothing-here” runs"
expect "shut down all" 0 "$cli" running "${region[@]}" "$w" --shutdown-all
has "the kernel" "$out" "Kernel $kernel is shut down"
has "and the terminal" "$out" "Terminal $terminal is shut down"
expect "and then" 0 "$cli" running "${region[@]}" "$w" --json
[ "$(json_get "len(j['kernels']) + len(j['terminals'])")" = 0 ] && ok "nothing runs" || not_ok "left: $(tr -d '\n' <"$out")"

# Looking does not keep a worker from its idle shutdown. (Checked with nothing
# running: a kernel's own start and messages count as activity.) First, until
# the server's last activity stands still.
activity() { api "$base/api/status" | python3 -c "import json,sys; print(json.load(sys.stdin)['last_activity'])"; }
before=$(activity)
for i in $(seq 20); do sleep 0.5; now=$(activity); [ "$now" = "$before" ] && break; before=$now; done
"$cli" running "${region[@]}" "$w" >/dev/null && "$cli" running "${region[@]}" "$w" --json >/dev/null && "$cli" stats "${region[@]}" "$w" >/dev/null
after=$(activity)
[ "$before" = "$after" ] && ok "looking (running, stats) does not count as activity (last activity $after)" || not_ok "activity moved: $before -> $after"
expect "both options is a usage error" 2 "$cli" running "${region[@]}" "$w" --shutdown x --shutdown-all
expect "shutdown and restart together is a usage error" 2 "$cli" running "${region[@]}" "$w" --shutdown x --restart y

# Interrupt and restart a kernel that runs a loop, as a notebook cell would.
/usr/bin/python3 "$(dirname "$0")/kernel-client.py" "$base" "$token" busy >"$AI_STUDIO_TEST_DIR/busy.log" 2>&1 &
busy_client=$!
trap 'kill $busy_client 2>/dev/null' EXIT
for _ in $(seq 120); do grep -q connected "$AI_STUDIO_TEST_DIR/busy.log" && break; sleep 0.5; done
kernel_state() {
  "$cli" running "${region[@]}" "$w" --json | python3 -c "import json,sys; print(*[k['state'] for k in json.load(sys.stdin)['kernels'] if k['id'] == '$1'])"
}
busy_kernel=$("$cli" running "${region[@]}" "$w" --json \
  | python3 -c "import json,sys; print(*[k['id'] for k in json.load(sys.stdin)['kernels'] if k['state'] == 'busy'])")
[ -n "$busy_kernel" ] && ok "a kernel runs a loop" || not_ok "no busy kernel: $(cat "$AI_STUDIO_TEST_DIR/busy.log")"
expect "interrupt it" 0 "$cli" running "${region[@]}" "$w" --interrupt "$busy_kernel"
has "says so" "$out" "Kernel $busy_kernel is interrupted"
kernel_idle() { [ "$(kernel_state "$busy_kernel")" = idle ]; }
eventually 40 0.25 kernel_idle && ok "the loop stopped: the kernel is idle, and still there" \
  || not_ok "after the interrupt the kernel is '$(kernel_state "$busy_kernel")'"
expect "restart it" 0 "$cli" running "${region[@]}" "$w" --restart "$busy_kernel"
has "says so" "$out" "Kernel $busy_kernel is restarted"
[ -n "$(kernel_state "$busy_kernel")" ] && ok "the restarted kernel keeps its id" || not_ok "the kernel is gone after its restart"
expect "interrupt an unknown kernel" 1 "$cli" running "${region[@]}" "$w" --interrupt nothing-here
has "says what to give" "$err" "No kernel “nothing-here” runs on the worker"
kill $busy_client 2>/dev/null
expect "and shut everything down" 0 "$cli" running "${region[@]}" "$w" --shutdown-all

# ---- stats ------------------------------------------------------------------------------
expect "stats --json" 0 "$cli" stats "${region[@]}" "$w" --json
if [ -z "${AI_STUDIO_TEST_HUB:-}" ]; then
  python3 - "$out" <<'PY' && ok "CPU, memory against the size's 2 GiB, network and disk" || not_ok "stats: $(tr -d '\n' <"$out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["source"] == "engine" and j["note"] is None
assert 0 <= j["cpu_percent"] < 50, j
assert 0 < j["memory_bytes"] < j["memory_limit_bytes"] == 2 << 30, j
assert j["net_rx_bytes"] > 0 and j["net_tx_bytes"] > 0 and j["block_read_bytes"] >= 0, j
PY
  # Two loops on its one CPU: on a machine loaded by the tests beside this
  # one, a single loop may get less than half a CPU in turns.
  on_worker "$w" 'for i in 1 2; do nohup sh -c "while :; do :; done" >/dev/null 2>&1 & echo $!; done >/tmp/busy.pid'
  busy() { "$cli" stats "$w" --json >"$out" 2>"$err" && [ "$(json_get "int(j['cpu_percent'] > 50)")" = 1 ]; }
  # On a loaded machine the loop gets its CPU in turns: up to half a minute.
  eventually 60 0.5 busy && ok "a busy loop shows above 50% of the worker's CPU ($(json_get "round(j['cpu_percent'])")%)" \
    || not_ok "busy: $(tr -d '\n' <"$out")"
  expect "stats in words" 0 "$cli" stats "$w"
  has "with the CPU and the memory" "$out" "^CPU +[0-9.]+%   memory [0-9.]+.MiB of 2.0.GiB"
  run timeout 5 "$cli" stats "$w" --follow --json
  [ "$(grep -c '"cpu_percent"' "$out")" -ge 2 ] && ok "--follow prints again every 2 seconds, a JSON line each" || not_ok "--follow: $(tr -d '\n' <"$out")"
  # The loop has made its point: it would only slow the tests beside this one.
  on_worker "$w" 'kill $(cat /tmp/busy.pid)'
else
  python3 - "$out" <<'PY' && ok "a hub without jupyter-resource-usage: nulls and why, not an error" || not_ok "hub stats: $(tr -d '\n' <"$out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["cpu_percent"] is None and j["memory_bytes"] is None and j["memory_limit_bytes"] is None, j
assert "not available" in j["note"], j
PY
  expect "and in words" 0 "$cli" stats "${region[@]}" "$w"
  has "it says so" "$out" "not available"
fi

expect "stop the worker" 0 "$cli" stop "${region[@]}" "$w"
expect "running on a stopped worker" 1 "$cli" running "${region[@]}" "$w"
has "says to start it" "$err" "stopped; start it first"
expect "stats on a stopped worker" 1 "$cli" stats "${region[@]}" "$w"
"$cli" terminate "${region[@]}" --yes "$w" >/dev/null
finish
