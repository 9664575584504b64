#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Region kinds through the CLI, with no line of the CLI that knows them: a
# kind only a test module defines (AI_STUDIO_REGION_MODULE_DIR), and a
# container engine added by its socket as a region of its own.
. "$(dirname "$0")/lib.sh"
export XDG_CONFIG_HOME=$AI_STUDIO_TEST_DIR/config
mkdir -p "$XDG_CONFIG_HOME/ai-studio"
ini=$XDG_CONFIG_HOME/ai-studio/regions.ini
printf '[test cloud]\nendpoint=cloud.example.org\n' >"$ini"

expect "regions lists a kind only a module defines" 0 "$cli" regions --json
/usr/bin/python3 - "$out" <<'PY' && ok "with the kind's own name and words" || not_ok "the module's region is not shown as it says"
import json, sys
rows = {r["id"]: r for r in json.load(open(sys.argv[1]))}
assert rows["local"]["kind"] == "local" and rows["local"]["kind_name"] == "This Computer", rows["local"]
cloud = rows["cloud"]
assert cloud["kind"] == "test" and cloud["kind_name"] == "Test Cloud", cloud
assert not cloud["available"] and "The Test Cloud at cloud.example.org is down" in cloud["status"], cloud
PY
expect "its workers cannot be listed while it is down" 1 "$cli" workers --region cloud
has "and the error is the region's" "$err" "^error: The Test Cloud at cloud.example.org is down for maintenance"

# ---- a container engine at an address, as a region ------------------------------
address=${CONTAINER_HOST:-$DOCKER_HOST}
expect "an engine's socket is added as a region" 0 "$cli" region add other "$address"
has "which says what answers there" "$out" "Region other added: (Podman|Docker) .* at $address"
has "and is kept with its address" "$ini" "^\[engine other\]"
has "its address kept" "$ini" "^address=$address\$"
expect "a second region of that name is refused" 1 "$cli" region add other "$address"
has "saying it exists" "$err" "already a region named other"
expect "a dead socket is not added" 1 timeout 20 "$cli" region add gone unix:///nonexistent/podman.sock
has "saying no engine answers there" "$err" "No container engine answers at unix:///nonexistent/podman.sock"
hasnt "and nothing is kept of it" "$ini" "gone"
expect "a worker launches in it" 0 "$cli" launch --region other --name "$P-other" --size x-small
expect "its workers are listed" 0 "$cli" workers --region other
has "with the new one" "$out" "$P-other +ready"
expect "the worker is terminated" 0 "$cli" terminate --region other "$P-other" --yes
expect "the region is removed" 0 "$cli" region remove other
hasnt "and gone from regions.ini" "$ini" "other"
has "the module's region stays" "$ini" "^\[test cloud\]"
finish
