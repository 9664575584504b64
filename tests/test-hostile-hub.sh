#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A hub that is not what it says (tests/hostile-hub.py): answers that nest
# without end or never end, a server whose address points elsewhere, and
# redirects to another host. The CLI fails within seconds with a clear
# error, keeps its memory, and the token goes nowhere but the hub.
. "$(dirname "$0")/lib.sh"
export XDG_CONFIG_HOME=$AI_STUDIO_TEST_DIR/config
mkdir -p "$XDG_CONFIG_HOME/ai-studio"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port) evil_port=$(free_port)
evil_log=$AI_STUDIO_TEST_DIR/evil.log
: >"$evil_log"
python3 "$(dirname "$0")/hostile-hub.py" "$port" "$evil_port" "$evil_log" >"$AI_STUDIO_TEST_DIR/hostile.log" 2>&1 &
hostile=$!
trap 'kill $hostile 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q ready "$AI_STUDIO_TEST_DIR/hostile.log" && break; sleep 0.1; done
for mode in deep endless evilurl redirect files progress; do
  printf '[hub %s]\nurl=http://127.0.0.1:%s/%s\nusername=mallory\n' "$mode" "$port" "$mode"
done >"$XDG_CONFIG_HOME/ai-studio/regions.ini"
export AI_STUDIO_TOKEN=the-regions-token-0123456789

# The CLI's peak memory (KiB) and its run, bounded in time.
measured() { /usr/bin/time -f '%M' -o "$AI_STUDIO_TEST_DIR/rss" timeout 60 "$@"; }

run measured "$cli" workers --region deep
[ $status -eq 1 ] && ok "an answer nested 200,000 deep fails, and the CLI does not crash" || not_ok "deep: status $status"
one_line_error "with one error line"
has "that says the answer nests too deeply" "$err" "nests deeper than 256 levels"

run measured "$cli" workers --region endless
[ $status -eq 1 ] && ok "an answer that never ends fails" || not_ok "endless: status $status"
has "saying it is too large, and where it came from" "$err" "answer of http://127.0.0.1:$port/endless/hub/api/user.* larger than 64 MiB"
rss_under "the CLI stays under 256 MiB meanwhile" 262144 "$AI_STUDIO_TEST_DIR/rss"

run "$cli" running --region evilurl w
[ $status -eq 1 ] && ok "a server whose address leaves the hub cannot be reached" || not_ok "evil url: status $status"
[ ! -s "$evil_log" ] && ok "and the token went nowhere else" || not_ok "the other host got: $(cat "$evil_log")"

run "$cli" workers --region redirect
[ $status -eq 1 ] && ok "a redirect to another host fails" || not_ok "redirect: status $status"
if grep -q "the-regions-token" "$evil_log"; then not_ok "the token followed the redirect: $(cat "$evil_log")"
else ok "without the token following it"; fi

run measured "$cli" launch --region progress --name v
[ $status -ne 124 ] && ok "a progress line that never ends does not keep a launch waiting" || not_ok "progress: timed out"
rss_under "nor fill memory" 262144 "$AI_STUDIO_TEST_DIR/rss"

run timeout 30 "$cli" cp -r --region files w:dir "$AI_STUDIO_TEST_DIR/copied"
[ $status -eq 0 ] && ok "a folder whose listing names \"\" (itself) downloads, and ends" || not_ok "listing with \"\": status $status"
[ "$(cat "$AI_STUDIO_TEST_DIR/copied/a.txt" 2>/dev/null)" = abc ] && ok "with the file beside it" || not_ok "a.txt not copied"
finish
