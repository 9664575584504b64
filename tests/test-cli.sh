#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ai-studio-cli end to end against a real engine (Podman's or Docker's): every verb, and the
# bad inputs a user meets.
. "$(dirname "$0")/lib.sh"

# ---- usage ------------------------------------------------------------------
for verb in regions sizes workers launch stop start terminate replicate logs jupyter-url shell exec; do
  run "$cli" $verb --help
  if [ $status -eq 0 ] && grep -q "ai-studio-cli $verb" "$out"; then ok "$verb --help"; else not_ok "$verb --help"; fi
done
expect "unknown command is a usage error" 2 "$cli" frobnicate
expect "a missing WORKER is a usage error" 2 "$cli" stop
expect "an unknown option is a usage error" 2 "$cli" workers --bogus
expect "a non-number auto-shutdown is a usage error" 2 "$cli" launch --auto-shutdown soon

# ---- regions and sizes --------------------------------------------------------
expect "regions" 0 "$cli" regions
engine_name=Podman
[ "${AI_STUDIO_TEST_ENGINE:-podman}" = docker ] && engine_name=Docker
has "regions lists This Computer with its engine" "$out" "This Computer +local +$engine_name"
expect "sizes --json" 0 "$cli" sizes --json
[ "$(json_get "','.join(s['id'] for s in j)")" = "x-small,small,medium,large" ] && ok "four sizes, smallest first" || not_ok "four sizes"
cpus=$(nproc)
want=$(python3 -c "print(','.join(str(c <= $cpus).lower() for c in (1,2,4,8)))")
[ "$(json_get "','.join(str(s['available']).lower() for s in j)")" = "$want" ] && ok "sizes larger than this computer are unavailable" || not_ok "size availability"
expect "sizes table" 0 "$cli" sizes
[ "$cpus" -lt 8 ] && has "an unavailable size says why" "$out" "Needs 8 CPUs; this computer has $cpus"

# ---- launch ------------------------------------------------------------------
expect "launch --json" 0 "$cli" launch --name "$P-a" --size x-small --json
[ "$(json_get "j['name'], j['state'], j['size'], j['region']")" = "$P-a ready x-small This Computer" ] && ok "launch prints the ready worker" || not_ok "launch json"
id=$(json_get "j['id']")
[ ! -s "$err" ] && ok "launch on a pipe prints no progress" || not_ok "launch on a pipe printed progress"
script -qfc "'$cli' launch --name '$P-tty' --size x-small" /dev/null >"$out" 2>&1
has "launch on a terminal draws a progress bar in place" "$out" $'\r.*\\[.*\\] +[0-9.]+s (Creating|Starting|Waiting for Jupyter)'
has "and ends with the ready worker" "$out" "Worker $P-tty is ready"

expect "workers --json" 0 "$cli" workers --json
python3 - "$out" "$P-a" <<'PY' && ok "workers --json has every field" || not_ok "workers --json fields"
import json, sys
w = next(w for w in json.load(open(sys.argv[1])) if w["name"] == sys.argv[2])
assert all(k in w for k in ("id", "name", "region", "state", "size", "image", "created"))
assert w["state"] == "ready" and w["image"] == "localhost/ai-studio-worker:bookworm"
assert w["auto_shutdown_minutes"] == 90 and w["shutdown_at"] is not None
PY
expect "workers table" 0 "$cli" workers
has "workers table shows the worker" "$out" "^$P-a +ready +x-small"

expect "a worker is found by id prefix" 0 "$cli" jupyter-url "${id:0:12}"
expect "jupyter-url" 0 "$cli" jupyter-url "$P-a"
has "and says the URL carries a secret" "$err" "^note: this URL carries the worker's token"
url=$(cat "$out")
base=${url%%\?*}
token=${url##*token=}
[ ${#token} -ge 32 ] && ok "the token has at least 128 bits" || not_ok "token length"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${base}api/contents")" = 403 ] && ok "Jupyter refuses a request without the token" || not_ok "Jupyter without token"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$code" = 302 ] && ok "the URL logs a browser in" || not_ok "jupyter-url answers $code"
curl -s -H "Authorization: token $token" "${base}api/contents" >"$out"
python3 -c "import json; names={c['name'] for c in json.load(open('$out'))['content']}; assert {'my','shared'} <= names" \
  && ok "Jupyter opens in the home, with ~/my and ~/shared" || not_ok "Jupyter root"
published=$(eng port "aistudio-$P-a")
[[ "$published" == "8888/tcp -> 127.0.0.1:"* ]] && ok "Jupyter is published on 127.0.0.1 only" || not_ok "published as '$published'"

# ---- shell ---------------------------------------------------------------------
on_worker "$P-a" 'echo marker-$((6*7)); pwd; sudo -n true && echo SUDO-OK; echo "host=$(hostname)"'
[ $status -eq 0 ] && ok "shell with piped input exits 0 when the input ends" || not_ok "shell status $status"
has "shell runs commands on the worker" "$out" "marker-42"
has "the shell starts in the home" "$out" "^/home/studio"
has "the shell has sudo" "$out" "SUDO-OK"
has "and its host is named as the worker (its prompt names it)" "$out" "^host=$P-a\$"
hasnt "sudo finds that host" "$out" "unable to resolve host"

# ---- exec: one command, for scripts ----------------------------------------------
run "$cli" exec "$P-a" -- sh -c 'echo out-$((6*7)); echo err-1 >&2; exit 3'
[ $status -eq 3 ] && ok "exec: the command's exit status is the CLI's" || not_ok "exec status $status"
[ "$(cat "$out")" = "out-42" ] && ok "exec: its output alone and clean (no prompt, no terminal codes)" || not_ok "exec output"
[ "$(cat "$err")" = "err-1" ] && ok "exec: its errors apart, on stderr" || not_ok "exec errors"
printf 'a\nb\nc\n' | "$cli" exec "$P-a" wc -l >"$out" 2>"$err"; status=$?
[ $status -eq 0 ] && [ "$(tr -d ' ' <"$out")" = 3 ] && ok "exec passes its input through, to its end" || not_ok "exec input (status $status)"
run "$cli" exec "$P-a" ls -d /home/studio
[ $status -eq 0 ] && [ "$(cat "$out")" = /home/studio ] && ok "exec: the command's own options are its own" || not_ok "exec options"
head -c 3000000 /dev/urandom >"$AI_STUDIO_TEST_DIR/exec-in"
"$cli" exec --region local "$P-a" cat <"$AI_STUDIO_TEST_DIR/exec-in" >"$out" 2>"$err"; status=$?
[ $status -eq 0 ] && cmp -s "$AI_STUDIO_TEST_DIR/exec-in" "$out" && ok "exec carries 3 MB of bytes through and back exactly" || not_ok "exec bytes (status $status)"
expect "exec of a command the worker does not have: 127, as a shell says" 127 "$cli" exec "$P-a" no-such-command-42
has "and says why" "$err" "No such file"
expect "exec without a command is an error" 1 "$cli" exec "$P-a"
run "$cli" exec "$P-a" sh -c 'nproc; echo "$OMP_NUM_THREADS"'
[ "$(tr '\n' ' ' <"$out")" = "1 1 " ] && ok "nproc on an x-small worker says its 1 CPU (and OpenMP uses as many threads)" || not_ok "nproc: $(cat "$out")"
run "$cli" exec "$P-a" free -b
[ "$(awk '/^Mem:/ {print $2}' "$out")" = 2147483648 ] && ok "free on an x-small worker says its 2 GiB, not the host's memory" \
  || not_ok "free: $(cat "$out")"
run "$cli" exec "$P-a" free -h
has "free -h in procps' own units" "$out" "^Mem: +2\.0Gi "

# ---- services: what a worker serves, through its Jupyter server -------------------
expect "services of a fresh worker: JupyterLab and VS Code" 0 "$cli" services "$P-a" --json
[ "$(json_get "[(s['id'], s['name'], s['port']) for s in j]")" = "[('jupyterlab', 'JupyterLab', None), ('vscode', 'VS Code', None)]" ] \
  && ok "JupyterLab first, then VS Code (started when opened)" || not_ok "services: $(cat "$out")"
expect "open --url of VS Code" 0 "$cli" open "$P-a" vscode --url
vscode=$(curl -s -o /dev/null -w '%{http_code} %header{location}' "$(cat "$out")")
[ "$vscode" = "302 ./?folder=/home/studio" ] \
  && ok "VS Code starts when opened, in the worker's home" || not_ok "VS Code: $vscode"
# A program of the worker starts listening (as from its terminal): it is listed
# by its name and port, and reached through the worker's Jupyter server.
run "$cli" exec "$P-a" sh -c 'mkdir -p site && echo "hello from $(hostname)" >site/index.html &&
  cd site && setsid python3 -m http.server 8000 >/dev/null 2>&1 </dev/null &'
for _ in $(seq 50); do
  "$cli" services "$P-a" >"$out" 2>"$err" && grep -q "^8000 " "$out" && break
  sleep 0.2
done
has "a port opened on the worker is listed, named" "$out" "^8000 +http\.server +http://127\.0\.0\.1:[0-9]+/ai-studio/proxy/8000/$"
expect "open --url by port" 0 "$cli" open "$P-a" 8000 --url
url=$(cat "$out")
has "says the address carries the token" "$err" "carries the worker's token"
[ "$(curl -s "$url")" = "hello from $P-a" ] && ok "its page, through the proxy" || not_ok "proxy page: $(curl -s "$url" | head -c 200)"
expect "open --url by name" 0 "$cli" open "$P-a" http.server --url
[ "$(cat "$out")" = "$url" ] && ok "the same address by its name" || not_ok "open by name"
bare=${url%%\?*}
[ "$(curl -s -o /dev/null -w '%{http_code}' "$bare")" = 403 ] && ok "not without the worker's token" || not_ok "proxy without a token"
expect "open of what the worker does not serve fails" 1 "$cli" open "$P-a" 8123 --url
one_line_error "in one line"
has "and says what it serves" "$err" "serves nothing called .8123.; it serves: JupyterLab, VS Code, 8000 \(http\.server\)"
run "$cli" exec "$P-a" pkill -f 'http[.]server 8000'

# ---- bad input at launch --------------------------------------------------------
expect "a taken name fails" 1 "$cli" launch --name "$P-a"
one_line_error "a taken name: one error line"
has "a taken name says so" "$err" "already exists"
expect "a name a container cannot hold fails" 1 "$cli" launch --name "bad name!"
has "the bad name error says what is allowed" "$err" "letters, digits"
expect "an unknown size fails" 1 "$cli" launch --name "$P-x" --size huge
has "the unknown size error lists sizes" "$err" "x-small, small, medium, large"
if [ "$cpus" -lt 8 ]; then
  expect "a size larger than the machine fails" 1 "$cli" launch --name "$P-x" --size large
  has "the error says why" "$err" "too large for this computer"
fi
expect "a missing image fails" 1 "$cli" launch --name "$P-x" --image localhost/ai-studio-no-such-image:1
one_line_error "a missing image: one error line"
has "the missing image is named" "$err" "localhost/ai-studio-no-such-image:1"
[ "$(state_of "$P-x")" = absent ] && ok "a failed pull leaves no worker behind" || not_ok "failed pull left a worker"

# ---- stop, start, the worker's own disk -------------------------------------------
on_worker "$P-a" 'echo on-disk > ~/disk.txt; echo keep-$$ > ~/my/keep-'"$P"'.txt; sync; echo WROTE'
has "files written on the worker" "$out" "WROTE"
expect "stop" 0 "$cli" stop "$P-a"
[ "$(state_of "$P-a")" = stopped ] && ok "a stopped worker is listed as stopped" || not_ok "state after stop"
expect "stop of a stopped worker is a no-op" 0 "$cli" stop "$P-a"
has "and says so" "$out" "already stopped"
expect "jupyter-url of a stopped worker fails" 1 "$cli" jupyter-url "$P-a"
has "and says to start it" "$err" "start it first"
expect "start" 0 "$cli" start "$P-a"
[ "$(state_of "$P-a")" = ready ] && ok "a started worker is ready" || not_ok "state after start"
expect "start of a running worker is a no-op" 0 "$cli" start "$P-a"
has "and says so" "$out" "already running"
on_worker "$P-a" 'cat ~/disk.txt'
has "a file on the worker's disk survives stop and start" "$out" "^on-disk"

# ---- replicate -------------------------------------------------------------------
# The token is a file in the container, not in what the engine shows of it.
eng inspect "aistudio-$P-a" >"$AI_STUDIO_TEST_DIR/inspect.json"
[ ${#token} -ge 32 ] && ! grep -q "$token" "$AI_STUDIO_TEST_DIR/inspect.json" \
  && ok "the worker's token is not in the engine's inspect" || not_ok "the token is in the engine's inspect"
expect "replicate" 0 "$cli" replicate "$P-a" --json
eng image inspect "localhost/ai-studio-replica:$P-a-copy" >"$AI_STUDIO_TEST_DIR/replica-image.json"
copied=$(eng run --rm --network none --entrypoint /bin/cat "localhost/ai-studio-replica:$P-a-copy" /etc/ai-studio/token 2>/dev/null)
! grep -q "$token" "$AI_STUDIO_TEST_DIR/replica-image.json" && [ -z "$copied" ] \
  && ok "the replica's image carries none of its source's token" || not_ok "the source's token is in the replica's image ($copied)"
[ "$(json_get "j['name'], j['state'], j['size']")" = "$P-a-copy ready x-small" ] && ok "the replica is ready with the same size" || not_ok "replica"
on_worker "$P-a-copy" 'cat ~/disk.txt'
has "the replica has the worker's disk" "$out" "^on-disk"
on_worker "$P-a" 'cat /etc/ai-studio/token; echo'
has "and the source keeps its token, to start again" "$out" "^$token\$"

# ---- on a terminal: the terminate question, and a raw-mode shell ---------------------------------
"$cli" exec "$P-a-copy" sh -c 'echo 1,2 >results.csv; echo kept >my/kept-here.txt' >/dev/null 2>&1
printf 'n\n' | script -qfec "'$cli' terminate '$P-a-copy'" /dev/null >"$out" 2>&1; status=$?
[ $status -eq 1 ] && grep -q "Its own disk is deleted; ~/my and ~/shared are kept" "$out" && grep -q "Not terminated" "$out" \
  && ok "terminate on a terminal asks first, and no means no" || not_ok "terminate question (status $status)"
has "and lists what it would lose first" "$out" "^  results.csv \(4 bytes\)"
hasnt "not what ~/my keeps" "$out" "kept-here"
[ "$(state_of "$P-a-copy")" = ready ] && ok "the worker is still there" || not_ok "worker gone after no"
printf 'echo raw-$((6*7)); exit\n' | script -qfec "'$cli' shell '$P-a-copy'" /dev/null >"$out" 2>&1; status=$?
[ $status -eq 0 ] && grep -q "raw-42" "$out" && ok "shell on a terminal runs in raw mode and ends with the shell" || not_ok "tty shell (status $status)"
printf 'y\n' | script -qfec "'$cli' terminate '$P-a-copy'" /dev/null >"$out" 2>&1; status=$?
[ $status -eq 0 ] && [ "$(state_of "$P-a-copy")" = absent ] && ok "and yes terminates" || not_ok "terminate yes (status $status)"
eng image inspect "localhost/ai-studio-replica:$P-a-copy" >/dev/null 2>&1 && not_ok "the replica's image is left" \
  || ok "with the image made for the replica"

# ---- terminate and ~/my ------------------------------------------------------------
expect "terminate --yes" 0 "$cli" terminate --yes "$P-a"
[ "$(state_of "$P-a")" = absent ] && ok "a terminated worker is gone" || not_ok "terminated worker listed"
eng volume inspect ai-studio-my >/dev/null 2>&1 && ok "~/my's volume outlives terminate" || not_ok "~/my volume gone"
expect "terminate of a worker that does not exist fails" 1 "$cli" terminate --yes "$P-a"
one_line_error "a missing worker: one error line"
has "and says how to list workers" "$err" "ai-studio-cli workers"
expect "launch another" 0 "$cli" launch --name "$P-b" --size x-small
on_worker "$P-b" "cat ~/my/keep-$P.txt; ls ~/disk.txt 2>&1"
has "a file in ~/my appears in a new worker" "$out" "^keep-"
has "the new worker has its own disk" "$out" "No such file"

# ---- logs and startup scripts -------------------------------------------------------------
printf '#!/bin/sh\necho setup-ran-$((40+2))\ntouch ~/from-startup\nsleep 1\n' >"$AI_STUDIO_TEST_DIR/ok.sh"
expect "launch with a startup script" 0 "$cli" launch --name "$P-s" --size x-small --startup-script "$AI_STUDIO_TEST_DIR/ok.sh"
expect "logs" 0 "$cli" logs "$P-s"
has "logs hold the startup script's output" "$out" "setup-ran-42"
on_worker "$P-s" 'ls ~/from-startup'
has "the startup script ran before the worker was ready" "$out" "^/home/studio/from-startup"
! eng inspect "aistudio-$P-s" | grep -q "setup-ran" && ok "the startup script is not in the engine's inspect" || not_ok "startup script in inspect"
printf 'echo about-to-fail\nexit 3\n' >"$AI_STUDIO_TEST_DIR/bad.sh"
expect "a failing startup script fails the launch" 1 "$cli" launch --name "$P-f" --size x-small --startup-script "$AI_STUDIO_TEST_DIR/bad.sh"
one_line_error "startup failure: one error line"
has "the error says the startup script failed" "$err" "startup script"
has "and points at the logs" "$err" "ai-studio-cli logs $P-f"
[ "$(state_of "$P-f")" = failed ] && ok "the worker is listed as failed" || not_ok "failed state"
expect "logs of the failed worker" 0 "$cli" logs "$P-f"
has "they hold the script's output" "$out" "about-to-fail"
expect "a missing startup script file fails" 1 "$cli" launch --name "$P-y" --startup-script /nonexistent/script.sh

# ---- a port taken by another process ----------------------------------------------------
expect "stop before taking its port" 0 "$cli" stop "$P-b"
if [ "${AI_STUDIO_TEST_ENGINE:-podman}" = docker ]; then
  # Docker picks a free port each time a container starts: one another
  # program took while the worker was stopped is not its port any more.
  ok "# SKIP Docker gives a started worker a free port; no port of its can be taken"
  expect "start" 0 "$cli" start "$P-b"
else
port=$(eng inspect "aistudio-$P-b" --format '{{(index (index .HostConfig.PortBindings "8888/tcp") 0).HostPort}}')
python3 -c "import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port)); s.listen(); time.sleep(30)" &
holder=$!
sleep 0.5
expect "start with the port taken fails" 1 "$cli" start "$P-b"
one_line_error "port taken: one error line"
has "the error says the port is taken and what to do" "$err" "another program now uses its port.*replicate"
kill $holder; wait $holder 2>/dev/null
expect "start once the port is free" 0 "$cli" start "$P-b"
fi

# ---- not ours ------------------------------------------------------------------------
eng create --name "aistudio-$P-foreign" localhost/ai-studio-worker:bookworm true >/dev/null
eng create --name "$P-other" --label io.github.aistudio.size=small localhost/ai-studio-worker:bookworm true >/dev/null
expect "workers" 0 "$cli" workers --json
hasnt "a container that is not ours is not listed" "$out" "foreign|$P-other"
expect "and cannot be terminated" 1 "$cli" terminate --yes "aistudio-$P-foreign"
eng container inspect "aistudio-$P-foreign" >/dev/null 2>&1 && ok "and is not touched" || not_ok "foreign container touched"
expect "a name held by a container not ours" 1 "$cli" launch --name "$P-foreign" --size x-small
has "says the name is taken" "$err" "name $P-foreign is taken"
eng rm -f "$P-other" "aistudio-$P-foreign" >/dev/null

# ---- Jupyter that never becomes ready -----------------------------------------------------
printf 'sleep 60\n' >"$AI_STUDIO_TEST_DIR/slow.sh"
AI_STUDIO_READY_TIMEOUT=3 expect "a worker whose Jupyter never answers times out" 1 \
  "$cli" launch --name "$P-slow" --size x-small --startup-script "$AI_STUDIO_TEST_DIR/slow.sh"
has "the timeout says how long it waited" "$err" "did not answer within 3 seconds"

# ---- killing the CLI during launch ---------------------------------------------------------
printf 'sleep 2\n' >"$AI_STUDIO_TEST_DIR/two.sh"
"$cli" launch --name "$P-k" --size x-small --startup-script "$AI_STUDIO_TEST_DIR/two.sh" >/dev/null 2>&1 &
killer=$!
# Killed once its container runs (its startup script takes two seconds).
for _ in $(seq 100); do
  [ "$(eng inspect --format '{{.State.Running}}' "aistudio-$P-k" 2>/dev/null)" = true ] && break
  sleep 0.1
done
kill -9 $killer; wait $killer 2>/dev/null
s=$(state_of "$P-k")
[ "$s" = launching ] && ok "a launch whose CLI was killed shows as launching" || not_ok "killed launch shows $s"
wait_state "$P-k" ready 60 && ok "and then as ready, once its Jupyter answers" || not_ok "killed launch never ready"

# ---- no engine, broken engines ------------------------------------------------------------
# Nothing answers at the usual sockets: the CLI starts Podman's service on a socket of its own, and says so.
own_runtime="$AI_STUDIO_TEST_DIR/own-runtime"
mkdir -p "$own_runtime" && chmod 700 "$own_runtime"
env -u CONTAINER_HOST -u DOCKER_HOST XDG_RUNTIME_DIR="$own_runtime" "$cli" workers >"$out" 2>"$err"; status=$?
if [ -S /run/podman/podman.sock ] && curl -sf --unix-socket /run/podman/podman.sock http://d/_ping >/dev/null; then
  ok "# SKIP a system Podman socket answers here"
else
  [ $status -eq 0 ] && ok "with no engine running, the CLI starts Podman's service" || not_ok "self-started service: status $status"
  has "and says so" "$err" "^note: No container engine was running, so AI Studio started Podman's service at unix://$own_runtime/ai-studio/podman.sock"
  pkill -f "podman system service --time=600 unix://$own_runtime/ai-studio/podman.sock"
fi

CONTAINER_HOST=unix:///nonexistent/podman.sock expect "no engine reachable fails" 1 "$cli" workers
one_line_error "no engine: one error line"
has "the no-engine error names the socket" "$err" "No container engine answers at unix:///nonexistent/podman.sock"

python3 "$(dirname "$0")/fake-engine.py" "$AI_STUDIO_TEST_DIR/bad.sock" malformed &
fake=$!
for _ in $(seq 50); do [ -S "$AI_STUDIO_TEST_DIR/bad.sock" ] && break; sleep 0.1; done
CONTAINER_HOST=unix://$AI_STUDIO_TEST_DIR/bad.sock expect "a malformed engine reply fails" 1 "$cli" workers
has "and says the reply is not valid JSON" "$err" "not valid JSON"
kill $fake; wait $fake 2>/dev/null
python3 "$(dirname "$0")/fake-engine.py" "$AI_STUDIO_TEST_DIR/trunc.sock" truncated &
fake=$!
for _ in $(seq 50); do [ -S "$AI_STUDIO_TEST_DIR/trunc.sock" ] && break; sleep 0.1; done
CONTAINER_HOST=unix://$AI_STUDIO_TEST_DIR/trunc.sock expect "a truncated engine reply fails" 1 "$cli" workers
has "and says it is truncated" "$err" "truncated"
kill $fake; wait $fake 2>/dev/null

# The engine dies while a launch waits for the startup script (not the
# run's one Docker daemon, which other tests use meanwhile).
if [ "${AI_STUDIO_TEST_ENGINE:-podman}" = docker ]; then
  ok "# SKIP the Docker daemon is shared by the run's tests; Podman's test stops its own"
  ok "# SKIP (the error of an engine that stopped answering is the same code)"
else
"$cli" launch --name "$P-d" --size x-small --startup-script "$AI_STUDIO_TEST_DIR/slow.sh" >"$out" 2>"$err" &
launcher=$!
for _ in $(seq 50); do eng container inspect "aistudio-$P-d" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 1
pkill -f "podman system service --time=0 $CONTAINER_HOST"
wait $launcher; status=$?
[ $status -eq 1 ] && ok "an engine that dies mid-launch fails the launch" || not_ok "engine death: status $status"
has "and says the engine stopped answering" "$err" "stopped answering"
fi

finish
