#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ai-studio-cli cp: files and folders to and from a worker, byte for byte,
# on This Computer (tests/with-podman) or a hub region (tests/with-hub), with
# the errors a user meets.
. "$(dirname "$0")/lib.sh"
region=()
if [ -n "${AI_STUDIO_TEST_HUB:-}" ]; then
  # On a hub region (tests/with-hub): signed in as alice.
  REGION=team
  curl -sf -X POST -H "Authorization: token $AI_STUDIO_HUB_ADMIN_TOKEN" "$AI_STUDIO_TEST_HUB/hub/api/users/alice" >/dev/null
  "$cli" region add team "$AI_STUDIO_TEST_HUB" --username alice <<<"$AI_STUDIO_HUB_PASSWORD" >/dev/null
fi
[ -n "${REGION:-}" ] && region=(--region "$REGION")
w="$P-cp"
d=$AI_STUDIO_TEST_DIR/cp
rm -rf "$d" && mkdir -p "$d/up/nested/deeper" "$d/down"

expect "launch a worker to copy to" 0 "$cli" launch "${region[@]}" --name "$w"

# A big binary file, and a folder of small ones (one empty, one with odd bytes and a space in its name).
head -c $((200 * 1024 * 1024)) /dev/urandom >"$d/big.bin"
head -c 1000 /dev/urandom >"$d/up/a.bin"
: >"$d/up/empty"
printf '\0\377\r\n%%s \\' >"$d/up/nested/odd name.txt"
head -c 5000000 /dev/urandom >"$d/up/nested/deeper/c.bin"

# Remote names of this run alone: a hub's local spawner gives every server of
# a user the same home (/tmp/USER), across test runs too.
big="$P-big.bin" data="$P-data"
run /usr/bin/time -f "%M" -o "$d/rss" "$cli" cp "${region[@]}" "$d/big.bin" "$w:$big"
[ $status -eq 0 ] && ok "a 200 MB file goes up" || not_ok "upload (status $status)"
rss_under "the CLI stays under 64 MiB while it sends 200 MB" 65536 "$d/rss"
expect "and comes back" 0 "$cli" cp "${region[@]}" "$w:$big" "$d/down/"
[ "$(sha256sum <"$d/big.bin")" = "$(sha256sum <"$d/down/$big")" ] && ok "the same bytes, both ways" || not_ok "checksum of big.bin"

expect "a folder with -r goes up" 0 "$cli" cp -r "${region[@]}" "$d/up" "$w:$data"
expect "and comes back with -r" 0 "$cli" cp -r "${region[@]}" "$w:$data" "$d/down/again"
if diff -r "$d/up" "$d/down/again" >"$out" 2>&1; then ok "the nested folder is identical, empty and odd files too"; else not_ok "folder round trip"; fi
expect "into a folder that exists, under its own name" 0 "$cli" cp "${region[@]}" "$d/up/a.bin" "$w:$data/nested"
expect "so it is there" 0 "$cli" cp "${region[@]}" "$w:$data/nested/a.bin" "$d/down/a-again.bin"
cmp -s "$d/up/a.bin" "$d/down/a-again.bin" && ok "copied into the folder" || not_ok "copy into a folder"

# Links inside a folder are not followed: one out of it (a home's secrets)
# stays here, one back into it does not go round without end.
mkdir -p "$d/linked/inside" "$d/secrets"
echo private >"$d/secrets/key"
echo mine >"$d/linked/inside/file.txt"
ln -s "$d/secrets" "$d/linked/out"
ln -s . "$d/linked/inside/loop"
run timeout 60 "$cli" cp -r "${region[@]}" "$d/linked" "$w:$P-linked"
[ $status -eq 0 ] && ok "a folder with links in it goes up, and ends" || not_ok "links: status $status"
expect "the folder's own file is there" 0 "$cli" cp "${region[@]}" "$w:$P-linked/inside/file.txt" "$d/down/linked-file.txt"
expect "what a link led to is not" 1 "$cli" cp "${region[@]}" "$w:$P-linked/out/key" "$d/down/leaked-key"
expect "nor a loop" 1 "$cli" cp -r "${region[@]}" "$w:$P-linked/inside/loop" "$d/down/loop"

# What a user gets wrong.
expect "a missing local file" 1 "$cli" cp "${region[@]}" "$d/nothing-here" "$w:"
one_line_error "says so in one line"
has "naming it" "$err" "There is no .*nothing-here"
expect "a missing remote path" 1 "$cli" cp "${region[@]}" "$w:nothing-here" "$d/down/"
has "says so" "$err" "There is no “nothing-here”"
expect "a folder without -r" 1 "$cli" cp "${region[@]}" "$d/up" "$w:"
has "says to add -r" "$err" "add -r"
expect "a remote folder without -r" 1 "$cli" cp "${region[@]}" "$w:$data" "$d/down/x"
expect "two remote sides is a usage error" 2 "$cli" cp "${region[@]}" "$w:a" "$w:b"
expect "no remote side is a usage error" 2 "$cli" cp "${region[@]}" "$d/up/a.bin" "$d/down/y"
expect "climbing out of the home is refused" 1 "$cli" cp "${region[@]}" "$d/up/a.bin" "$w:../outside"
expect "stop the worker" 0 "$cli" stop "${region[@]}" "$w"
expect "a worker that is not ready" 1 "$cli" cp "${region[@]}" "$d/up/a.bin" "$w:"
has "says to start it" "$err" "start it"
expect "start it again" 0 "$cli" start "${region[@]}" "$w"
printf 'rm -rf ~/%s ~/%s\nexit\n' "$big" "$data" | timeout 30 "$cli" shell "${region[@]}" "$w" >/dev/null 2>&1
expect "terminate" 0 "$cli" terminate "${region[@]}" --yes "$w"
rm -rf "$d"

echo "1..$n"
[ $failed -eq 0 ]
