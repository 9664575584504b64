#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A hub with a self-signed certificate: refused until the user trusts that
# certificate; then pinned, for the API and the terminal alike.
set -u
n=0; failed=0
cli=${AI_STUDIO_CLI:?}
out=$AI_STUDIO_TEST_DIR/out; err=$AI_STUDIO_TEST_DIR/err
hub=$AI_STUDIO_TEST_HUB
admin="Authorization: token $AI_STUDIO_HUB_ADMIN_TOKEN"
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/#   err: /' "$err" | head -5; }
run() { "$@" >"$out" 2>"$err"; status=$?; }
fingerprint=$(cat "$AI_STUDIO_HUB_DIR/hub.fingerprint")
curl -sk -X POST -H "$admin" "$hub/hub/api/users/alice" >/dev/null

run "$cli" region add team "$hub" --username alice <<<"$AI_STUDIO_HUB_PASSWORD"
[ $status -eq 1 ] && grep -q "does not trust the certificate" "$err" && ok "an untrusted certificate is refused" || not_ok "untrusted certificate"
grep -q -- "--trust-certificate $fingerprint" "$err" && ok "the error shows its SHA-256 fingerprint and what to run" || not_ok "fingerprint in the error"
run "$cli" region add team "$hub" --username alice --trust-certificate "00:11:22" <<<"$AI_STUDIO_HUB_PASSWORD"
[ $status -eq 1 ] && ok "trusting another fingerprint does not help" || not_ok "a wrong pin was accepted"
run "$cli" region add team "$hub" --username alice --trust-certificate "$fingerprint" <<<"$AI_STUDIO_HUB_PASSWORD"
[ $status -eq 0 ] && ok "trusting its fingerprint signs in" || not_ok "pinned sign-in"
grep -q "certificate=$fingerprint" "$XDG_CONFIG_HOME/ai-studio/regions.ini" && ok "the certificate is pinned for the region" || not_ok "pin not saved"

run "$cli" launch --region team --name t1
[ $status -eq 0 ] && ok "launch over the pinned connection" || not_ok "launch"
printf 'echo tls-$((6*7))\n' | timeout 30 "$cli" shell --region team t1 >"$out" 2>"$err"
grep -q "tls-42" "$out" && ok "the terminal uses the same trust" || not_ok "terminal over wss"

# The hub's certificate changes: not trusted any more.
stop_hub; new_certificate; start_hub >/dev/null
run "$cli" workers --region team
[ $status -eq 1 ] && grep -q "different certificate" "$err" && ok "a changed certificate is refused, and said so" || not_ok "changed certificate"

echo "1..$n"
[ $failed -eq 0 ]
