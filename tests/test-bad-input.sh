#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bad input a user meets, each answered within seconds by one clear error:
# image references no engine takes, a configuration file edited by hand, a
# socket folder someone else made, and logs that must not show a token.
. "$(dirname "$0")/lib.sh"

# ---- image references ---------------------------------------------------------------
for image in 'foo%zz' 'foo#bar' 'Foo/Bar' 'foo bar' 'foo:'; do
  start=$(date +%s)
  run timeout 15 "$cli" launch --name "$P-img" --image "$image"
  took=$(($(date +%s) - start))
  [ $status -eq 1 ] && [ $took -le 5 ] && ok "launch --image '$image' fails at once ($took s)" \
    || not_ok "launch --image '$image' (status $status after $took s)"
  one_line_error "launch --image '$image': one error line"
  has "and says what a reference looks like" "$err" "is not an image reference.*localhost/ai-studio-worker:bookworm"
done
[ "$(state_of "$P-img")" = absent ] && ok "no worker is left behind" || not_ok "a worker was left"

# ---- the Logs never show the worker's token ------------------------------------------------
expect "launch" 0 "$cli" launch --name "$P-logs" --size x-small
expect "jupyter-url" 0 "$cli" jupyter-url "$P-logs"
url=$(cat "$out"); token=${url##*token=}
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 302 ] && ok "a browser signs in with the URL" || not_ok "sign-in URL"
curl -s -o /dev/null "${url%%\?*}lab?token=$token&x=1"
expect "logs" 0 "$cli" logs "$P-logs"
has "Jupyter logged the requests" "$out" "GET /\?token=\[token hidden\]"
if grep -q "$token" "$out"; then not_ok "the logs show the token"; else ok "the logs never show the token"; fi
"$cli" terminate --yes "$P-logs" >/dev/null

# ---- a configuration file edited by hand ---------------------------------------------------
export XDG_CONFIG_HOME=$AI_STUDIO_TEST_DIR/config
mkdir -p "$XDG_CONFIG_HOME/ai-studio"
ini=$XDG_CONFIG_HOME/ai-studio/regions.ini
printf 'this is [not a key file\n\x01\x02' >"$ini"
expect "a regions.ini that is not a key file" 1 timeout 15 "$cli" regions
one_line_error "is one error"
has "that names the file and says to fix it" "$err" "regions.ini.*fix or remove it"

cat >"$ini" <<'EOF'
[hub odd]
url=https://bad host
profiles=[1, "x", {"slug": 3}, {"slug": "ok", "name": "Fine", "options": "not a list", "defaults": [1]}]
[hub shapes]
url=https://hub.invalid
profiles=[{"slug": "gpu", "name": ["not", "a", "string"], "options": [1, {"choices": "no"}, {"key": "k", "choices": [2, {"value": 3}]}], "defaults": {"k": {}}}]
[hub nourl]
username=alice
EOF
expect "regions lists hubs with broken entries" 0 timeout 15 "$cli" regions
has "each of them, unavailable" "$out" "odd +hub +unavailable: "
run timeout 15 env AI_STUDIO_TOKEN=x "$cli" sizes --region odd --json
[ $status -eq 0 ] && [ "$(json_get "','.join(s['id'] for s in j)")" = "ok" ] \
  && ok "profiles of the wrong shape are skipped, good ones kept" || not_ok "sizes with broken profiles (status $status)"
run timeout 15 env AI_STUDIO_TOKEN=x "$cli" sizes --region shapes --json
[ $status -eq 0 ] && [ "$(json_get "','.join(s['id'] for s in j)")" = "gpu" ] \
  && ok "a profile whose options are of the wrong shape still lists" || not_ok "sizes with odd options (status $status)"
run timeout 15 env AI_STUDIO_TOKEN=x "$cli" workers --region odd
[ $status -eq 1 ] && grep -q "bad host" "$err" && ok "using the broken hub fails with an error that names its address" \
  || not_ok "broken hub (status $status)"
unset XDG_CONFIG_HOME

# ---- our own Podman socket's folder belongs to someone else ------------------------------------
if [ "$(id -u)" = 0 ] && [ ! -S /run/podman/podman.sock ] && [ ! -S /var/run/docker.sock ]; then
  tmp=$AI_STUDIO_TEST_DIR/tmp
  mkdir -p "$tmp/ai-studio-0" && chown 65534:65534 "$tmp/ai-studio-0"
  run timeout 30 env -u CONTAINER_HOST -u DOCKER_HOST -u XDG_RUNTIME_DIR TMPDIR="$tmp" "$cli" workers
  [ $status -eq 1 ] && ok "a socket folder another user made is refused" || not_ok "foreign socket folder (status $status)"
  has "and the error says so" "$err" "ai-studio-0, where AI Studio keeps its own Podman socket, is not a folder of yours"
  [ ! -e "$tmp/ai-studio-0/podman.sock" ] && ok "and no service was started there" || not_ok "a socket was made there"
fi

finish
