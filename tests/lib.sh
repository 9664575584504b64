# SPDX-License-Identifier: GPL-3.0-or-later
# A few helpers for the shell tests; they print TAP.
set -u
n=0
failed=0
cli=${AI_STUDIO_CLI:?set by meson}
P=${AI_STUDIO_TEST_PREFIX:?run me through tests/with-podman or tests/with-docker}
out=$AI_STUDIO_TEST_DIR/out
err=$AI_STUDIO_TEST_DIR/err

ok() { n=$((n + 1)); echo "ok $n - $1"; }
# eng ARGS…: the engine's own client, podman's or docker's (tests/with-docker),
# for what a test prepares behind AI Studio's back. Docker's has no -q where
# podman's commit has it (and prints only the id anyway), and no
# --tls-verify (it pushes to a registry on loopback in plain HTTP itself).
eng() {
  if [ "${AI_STUDIO_TEST_ENGINE:-podman}" = docker ]; then
    local a args=()
    for a in "$@"; do [ "$a" = -q ] || [ "$a" = --tls-verify=false ] || args+=("$a"); done
    docker "${args[@]}"
  else
    podman "$@"
  fi
}
# A failure and what the last command printed go to stdout (TAP) and to
# stderr too, which is what meson shows of a failed test (in CI's log).
not_ok() {
  n=$((n + 1)); failed=$((failed + 1))
  {
    echo "not ok $n - $1"
    [ -s "$out" ] && sed 's/^/#   out: /' "$out" | head -20
    [ -s "$err" ] && sed 's/^/#   err: /' "$err" | head -20
  } | tee /dev/stderr
  return 0
}

# run CMD...: runs it, keeping stdout, stderr and the status
run() { "$@" >"$out" 2>"$err"; status=$?; }

# expect DESC STATUS CMD...: the command exits with STATUS
expect() {
  local desc=$1 want=$2; shift 2
  run "$@"
  if [ "$status" -eq "$want" ]; then ok "$desc"; else not_ok "$desc (status $status, wanted $want)"; fi
}

# has DESC FILE PATTERN: the file matches the extended regex
has() {
  if grep -Eq -- "$3" "$2"; then ok "$1"; else not_ok "$1 (no /$3/ in $(basename "$2"))"; fi
}
hasnt() {
  if grep -Eq -- "$3" "$2"; then not_ok "$1 (/$3/ in $(basename "$2"))"; else ok "$1"; fi
}
# one_line_error DESC: stderr is exactly one line that starts with "error: "
one_line_error() {
  if [ "$(grep -c '' "$err")" -eq 1 ] && grep -q '^error: ' "$err"; then ok "$1"; else not_ok "$1 (stderr not one error line)"; fi
}
# json_get EXPR: evaluates a Python expression on the JSON in $out (as j)
json_get() { python3 -c "import json,sys; j=json.load(open('$out')); print($1)"; }
state_of() { "$cli" workers --json | python3 -c "import json,sys; print(next((w['state'] for w in json.load(sys.stdin) if w['name']=='$1'), 'absent'))"; }
# eventually TRIES GAP CMD...: runs CMD until it succeeds, up to TRIES times
# GAP seconds apart; its status is the last run's. A reading that passed is
# the one the test reports: a measure that moves (a CPU figure) is never
# asked twice.
eventually() {
  local tries=$1 gap=$2 i; shift 2
  for i in $(seq "$tries"); do
    "$@" && return 0
    [ "$i" -lt "$tries" ] && sleep "$gap"
  done
  return 1
}
# wait_state NAME STATE SECONDS
in_state() { [ "$(state_of "$1")" = "$2" ]; }
wait_state() { eventually $(($3 * 2)) 0.5 in_state "$1" "$2"; }
# on_worker NAME COMMANDS: runs commands in the worker's shell, output in $out
# (terminal escape sequences removed, so that patterns can anchor at line starts)
on_worker() {
  printf '%s\n' "$2" | timeout 60 "$cli" shell "$1" >"$out.raw" 2>"$err"; status=$?
  sed -E 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1b\][^\x07]*\x07//g; s/\r//g' "$out.raw" >"$out"
}

# rss_under DESC KIB FILE: the peak RSS that /usr/bin/time wrote to FILE is
# under KIB; AddressSanitizer keeps freed memory in quarantine (256 MB), so
# RSS says nothing under it and the check is skipped.
rss_under() {
  local rss
  rss=$(tail -n1 "$3")
  if [ -n "${ASAN_OPTIONS:-}" ]; then ok "$1 # SKIP under AddressSanitizer"
  elif [ "$rss" -lt "$2" ]; then ok "$1 ($((rss / 1024)) MiB)"
  else not_ok "$1: $((rss / 1024)) MiB"; fi
}

finish() {
  echo "1..$n"
  [ "$failed" -eq 0 ]
}
