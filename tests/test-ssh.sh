#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A machine reached with ssh, as a region, through the CLI (tests/with-sshd:
# a real sshd on loopback, rootless Podman as its user): host keys, adding it
# by alias and by URL, launching, a shell, files and a detached task through
# the tunnel, the faults a user meets (a changed key, a refused key, no
# engine there), and no ssh process left behind by any command.
. "$(dirname "$0")/lib.sh"
export XDG_CONFIG_HOME=$AI_STUDIO_TEST_DIR/config
export XDG_DATA_HOME=$AI_STUDIO_TEST_DIR/data
ini=$XDG_CONFIG_HOME/ai-studio/regions.ini
host=$AI_STUDIO_TEST_SSH_HOST
ssh_dir=$AI_STUDIO_TEST_DIR/ssh
fingerprint=$(ssh-keygen -lf "$ssh_dir/host_key.pub" | cut -d' ' -f2)
# As patterns: base64 has "+" and "/".
re() { sed 's/[][+.*^$/\\]/\\&/g' <<<"$1"; }
fp=$(re "$fingerprint")
remote() { $AI_STUDIO_TEST_SSH_REMOTE "$@"; }
# ssh processes of AI Studio's (their control sockets are in our runtime folder).
ours() { pgrep -a -f -- "$XDG_RUNTIME_DIR/ai-studio/ssh-" || true; }
none_left() {
  local left
  left=$(ours)
  if [ -z "$left" ]; then ok "$1"; else not_ok "$1: $left"; fi
}

# ---- an unknown host key is never taken silently ------------------------------
expect "a machine whose key is not known yet is not added" 1 "$cli" region add gpu "ssh://$host"
one_line_error "in one line"
has "the error gives the key's fingerprint" "$err" "its key’s fingerprint is $fp\."
has "and the flag that accepts that one key" "$err" "ai-studio-cli region add gpu ssh://$host --accept-host-key $fp"
[ ! -f "$ini" ] || hasnt "nothing is kept" "$ini" "gpu"
expect "another fingerprint does not accept it" 1 "$cli" region add gpu "ssh://$host" --accept-host-key "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
has "the error still gives the real one" "$err" "$fp"
[ -f "$ssh_dir/known_hosts" ] && hasnt "and known_hosts learnt nothing" "$ssh_dir/known_hosts" "ssh-ed25519" || ok "and known_hosts learnt nothing"

expect "the machine is added by its alias with its fingerprint" 0 "$cli" region add gpu "ssh://$host" --accept-host-key "$fingerprint"
has "which says what engine runs there" "$out" "Region gpu added: Podman [0-9.]+ at ssh://$host"
has "and is kept as an ssh region" "$ini" "^\[ssh gpu\]"
has "with its address" "$ini" "^url=ssh://$host\$"
has "ssh keeps the key it was shown" "$ssh_dir/known_hosts" "$(re "$(cut -d' ' -f2 "$ssh_dir/host_key.pub")")"
none_left "no ssh process outlives the command"

# The same machine by its address, user and port: its key is known now.
addr=${AI_STUDIO_TEST_SSH_ADDRESS#[}
url="ssh://$AI_STUDIO_TEST_SSH_USER@${addr%%]*}:${addr##*:}"
expect "a machine is added by user, address and port" 0 "$cli" region add byurl "$url"
expect "a host that ssh would take for an option is refused" 1 "$cli" region add bad "ssh://-oProxyCommand=touch%20$AI_STUDIO_TEST_DIR/pwned"
one_line_error "in one line"
[ ! -e "$AI_STUDIO_TEST_DIR/pwned" ] && ok "and nothing ran" || not_ok "a host name ran a command"
expect "regions lists both" 0 "$cli" regions --json
/usr/bin/python3 - "$out" <<'PY' && ok "as remote machines that answer" || not_ok "regions does not show the machines"
import json, sys
rows = {r["id"]: r for r in json.load(open(sys.argv[1]))}
for name in ("gpu", "byurl"):
    r = rows[name]
    assert r["kind"] == "ssh" and r["kind_name"] == "Remote Machine (SSH)" and r["available"], r
PY
expect "byurl is removed" 0 "$cli" region remove byurl

# ---- the region does what This Computer does ----------------------------------
expect "sizes come from the machine" 0 "$cli" sizes --region gpu --json
cpus=$(remote nproc)
/usr/bin/python3 - "$out" "$cpus" <<'PY' && ok "sizes beyond its $cpus CPUs are unavailable" || not_ok "sizes do not follow the machine's CPUs"
import json, sys
sizes = json.load(open(sys.argv[1])); cpus = int(sys.argv[2])
assert sizes and all(s["available"] == (s["cpus"] <= cpus) for s in sizes), sizes
PY
w=$P-ssh
expect "a worker launches on the machine" 0 "$cli" launch --region gpu --size x-small --name "$w"
has "and is ready" "$out" "Worker $w is ready"
remote podman ps --format '{{.Names}}' >"$out" 2>"$err"
has "its container runs on the machine, under its user's Podman" "$out" "^aistudio-$w\$"
export AI_STUDIO_REGION=gpu
on_worker "$w" 'echo "on $(hostname) as $(whoami)"; exit'
has "a shell on it runs through the tunnel" "$out" "^on $w as studio"
run "$cli" exec "$w" -- sh -c 'hostname; echo e >&2; exit 4'
[ $status -eq 4 ] && [ "$(cat "$out")" = "$w" ] && [ "$(cat "$err")" = e ] \
  && ok "exec through the tunnel: output, errors and status apart" || not_ok "exec through the tunnel (status $status)"
echo "hello over ssh" >"$AI_STUDIO_TEST_DIR/up.txt"
expect "a file goes up" 0 "$cli" cp "$AI_STUDIO_TEST_DIR/up.txt" "$w:up.txt"
expect "and comes back" 0 "$cli" cp "$w:up.txt" "$AI_STUDIO_TEST_DIR/down.txt"
cmp -s "$AI_STUDIO_TEST_DIR/up.txt" "$AI_STUDIO_TEST_DIR/down.txt" && ok "unchanged" || not_ok "the file changed on the way"
expect "its logs are read" 0 "$cli" logs "$w"
has "Jupyter's own" "$out" "Jupyter"
none_left "no ssh process outlives any of these"

# A detached task keeps running without the CLI, and is followed again.
printf 'import time\nfor i in range(3):\n    print("step", i, flush=True)\n    time.sleep(1)\nprint("done on ssh")\n' >"$AI_STUDIO_TEST_DIR/steps.py"
expect "a task starts detached on the machine" 0 "$cli" run-task --size x-small --detach "$AI_STUDIO_TEST_DIR/steps.py"
task=$(cat "$out")
[[ "$task" =~ ^[0-9a-f]{12}$ ]] && ok "and says its id ($task)" || not_ok "run-task --detach printed '$task'"
none_left "the CLI that started it left no ssh process"
expect "a later CLI follows it to its end" 0 timeout 120 "$cli" task "$task" --follow
has "with all its output" "$out" "done on ssh"
none_left "nor did the one that followed it"

expect "the worker is terminated" 0 "$cli" terminate "$w"
remote podman ps -a --format '{{.Names}}' >"$out" 2>"$err"
hasnt "and its container is gone from the machine" "$out" "^aistudio-$w\$"
unset AI_STUDIO_REGION

# AI Studio's own image goes over the connection from This Computer, with
# its size first and its progress (the machine needs no package archive).
image=localhost/ai-studio-worker:bookworm
expect "AI Studio's image is copied to the machine" 0 "$cli" build-image --region gpu "$image"
has "saying how big it is first" "$err" "Copying to $host: 0 bytes of [0-9.]+.(MiB|GiB)"
has "and how far it is as it goes" "$err" "Copying to $host: [1-9][0-9.]*.(MiB|GiB) of"
has "then that it is done" "$out" "^Built $image"
[ "$(remote podman image inspect --format '{{.Id}}' "$image")" = "$(env -u CONTAINER_HOST podman image inspect --format '{{.Id}}' "$image")" ] \
  && ok "the machine has the very image This Computer has" || not_ok "the image on the machine is another"
none_left "the copy left no ssh process"

# A key with a passphrase: asked for (on the terminal; here on stdin), used
# once, never kept.
expect "without its key's passphrase, the machine refuses" 1 "$cli" region add pp ssh://pass-machine </dev/null
has "and the error says the login was refused" "$err" "refused the login"
expect "with it typed, the machine is added" 0 "$cli" region add pp ssh://pass-machine <<<"$AI_STUDIO_TEST_SSH_PASSPHRASE"
has "and answers" "$out" "Region pp added: Podman"
hasnt "the passphrase is not kept in the settings" "$ini" "$AI_STUDIO_TEST_SSH_PASSPHRASE"
expect "the next command asks again (nothing was kept)" 1 "$cli" workers --region pp </dev/null
expect "and works with it" 0 "$cli" workers --region pp <<<"$AI_STUDIO_TEST_SSH_PASSPHRASE"
expect "pp is removed" 0 "$cli" region remove pp
# A machine that takes a password: the same question, the same answer path.
expect "with its password typed, a machine that logs in with one is added" 0 "$cli" region add pw ssh://pw-machine <<<"$AI_STUDIO_TEST_SSH_PASSWORD"
expect "a wrong one is refused" 1 "$cli" workers --region pw <<<"wrong $AI_STUDIO_TEST_SSH_PASSWORD"
has "as a refused login" "$err" "refused the login"
expect "pw is removed" 0 "$cli" region remove pw

# ---- faults -------------------------------------------------------------------
# The machine shows another key than the one known for it.
cp "$ssh_dir/known_hosts" "$AI_STUDIO_TEST_DIR/known_hosts.good"
ssh-keygen -q -t ed25519 -N '' -f "$AI_STUDIO_TEST_DIR/other_key"
sed -i "s|ssh-ed25519 [^ ]*|$(cut -d' ' -f1,2 "$AI_STUDIO_TEST_DIR/other_key.pub")|" "$ssh_dir/known_hosts"
expect "a changed host key is refused" 1 "$cli" workers --region gpu
one_line_error "in one line"
has "saying so, in ssh's words too" "$err" "shows another key than the one this computer knows for it.*ssh says: .*(changed|verification failed)"
cp "$AI_STUDIO_TEST_DIR/known_hosts.good" "$ssh_dir/known_hosts"

# The machine no longer takes the key.
mv "$ssh_dir/id" "$ssh_dir/id.away"; mv "$ssh_dir/id.pub" "$ssh_dir/id.pub.away"
ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/id"
expect "a refused key is an error" 1 "$cli" workers --region gpu
has "that says the login was refused" "$err" "refused the login.*Permission denied"
mv -f "$ssh_dir/id.away" "$ssh_dir/id"; mv -f "$ssh_dir/id.pub.away" "$ssh_dir/id.pub"
expect "with the key back, the machine answers again" 0 "$cli" workers --region gpu

# A machine without a container engine, then with one too old: an sshd
# whose sessions find their commands in a folder of the test's.
bin=$AI_STUDIO_TEST_DIR/machine-bin
mkdir -p "$bin"
chmod 755 "$AI_STUDIO_TEST_DIR" "$bin"
for tool in sh id mkdir awk sleep rm cat flock setsid; do ln -s "$(command -v $tool)" "$bin/$tool"; done
port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.2", 0)); print(s.getsockname()[1])')
sed -e "s|^ListenAddress .*|ListenAddress 127.0.0.2:$port2|" -e "s|^PidFile .*|PidFile $ssh_dir/sshd2.pid|" \
    -e "s|^SetEnv .*|& PATH=$bin DOCKER_HOST=unix://$AI_STUDIO_TEST_DIR/docker.sock|" "$ssh_dir/sshd_config" >"$ssh_dir/sshd2_config"
/usr/sbin/sshd -D -e -f "$ssh_dir/sshd2_config" 2>"$ssh_dir/sshd2.log" &
sshd2=$!
for _ in $(seq 100); do grep -q "Server listening" "$ssh_dir/sshd2.log" && break; sleep 0.05; done
bare="ssh://$AI_STUDIO_TEST_SSH_USER@127.0.0.2:$port2"
expect "a machine without an engine is not added" 1 "$cli" region add bare "$bare" --accept-host-key "$fingerprint"
has "and the error says to install one" "$err" "has no container engine. Install Podman there"
# A Docker socket there that is not the user's (root's, not writable by others).
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$AI_STUDIO_TEST_DIR/docker.sock"
expect "a machine whose Docker is not the user's to use is not added" 1 "$cli" region add bare "$bare" --accept-host-key "$fingerprint"
has "and the error says whom to ask" "$err" "Docker runs on 127.0.0.2, but its socket .*docker.sock is not yours to use. Ask its administrator"
printf '#!/bin/sh\ncase "$1" in --version) echo "podman version 2.1.1";; *) exec %s "$@";; esac\n' "$(command -v podman)" >"$bin/podman"
chmod 755 "$bin/podman"
expect "a machine whose Podman is too old is not added" 1 "$cli" region add bare "$bare" --accept-host-key "$fingerprint"
has "and the error says which it has and which it needs" "$err" "Podman 2.1.1 on 127.0.0.2 is too old: AI Studio needs Podman 3 or later"
kill "$sshd2"

expect "the region is removed" 0 "$cli" region remove gpu
none_left "no ssh process is left at the end"
finish
