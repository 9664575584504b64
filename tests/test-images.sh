#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Images: a missing image is pulled with progress (from a real registry on
# loopback), and docker-stacks images start with their own start command.
. "$(dirname "$0")/lib.sh"
registry=${AI_STUDIO_TEST_REGISTRY:?set by tests/with-eng or tests/with-docker}

# ---- pull with progress ------------------------------------------------------
mkdir -p "$AI_STUDIO_TEST_DIR/registry"
cat >"$AI_STUDIO_TEST_DIR/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $AI_STUDIO_TEST_DIR/registry
http:
  addr: $registry
YML
docker-registry serve "$AI_STUDIO_TEST_DIR/registry.yml" >"$AI_STUDIO_TEST_DIR/registry.log" 2>&1 &
reg=$!
trap 'kill $reg 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://$registry/v2/" >/dev/null && break; sleep 0.1; done
image="$registry/ai-studio/worker:$P"
# A layer of its own (40 MB nothing else has), so that the pull really downloads.
cid=$(eng create -q --user root localhost/ai-studio-worker:bookworm sh -c 'head -c 40000000 /dev/urandom > /opt/ballast')
eng start -a "$cid" >/dev/null
eng commit -q --change 'USER studio' --change 'CMD ["jupyter", "server"]' "$cid" "$image" >/dev/null
eng rm -f "$cid" >/dev/null
eng push -q --tls-verify=false "$image" >/dev/null 2>&1
[ $? -eq 0 ] && ok "the worker image is in the test registry" || not_ok "push to the test registry"
eng image rm -f "$image" >/dev/null 2>&1
eng image inspect "$image" >/dev/null 2>&1 && not_ok "the image is still here" || ok "the image is not on this computer"

script -qfc "'$cli' launch --name '$P-pull' --size x-small --image '$image'" /dev/null >"$out" 2>&1
# Docker reports bytes; Podman 4 reports layers.
has "launch pulls a missing image, showing its progress" "$out" "Pulling image: ([0-9.]+ .iB of [0-9.]+ MiB|[0-9]+ of [0-9]+ layers)"
has "and then the worker is ready" "$out" "Worker $P-pull is ready"
eng image inspect "$image" >/dev/null 2>&1 && ok "the image was pulled" || not_ok "the image was not pulled"

kill $reg; wait $reg 2>/dev/null
eng image rm -f "$image" >/dev/null 2>&1
expect "an image that cannot be pulled fails" 1 "$cli" launch --name "$P-nopull" --image "$image"
one_line_error "one error line"
has "the error names the image and what to do" "$err" "Image $image is not on this computer and could not be pulled.*Check its name"

# ---- docker-stacks images ------------------------------------------------------------
# An image shaped like quay.io/jupyter's: started as root by its start-notebook
# script, which grants sudo when GRANT_SUDO=yes and drops to its user.
cid=$(eng create -q --user root localhost/ai-studio-worker:bookworm sh -c '
cat > /usr/local/bin/start-notebook.py <<"SH"
#!/bin/sh
if [ "$(id -u)" = 0 ]; then
  if [ "$GRANT_SUDO" = yes ]; then echo "studio ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/granted; fi
  exec sudo -E -H -u studio env PATH="$PATH" jupyter nbclassic --ServerApp.token="$JUPYTER_TOKEN" "$@"
fi
exec jupyter nbclassic "$@"
SH
chmod +x /usr/local/bin/start-notebook.py; rm -f /etc/sudoers.d/studio
# no AI Studio server extension, as in the quay.io images
rm -f /etc/jupyter/jupyter_server_config.d/ai-studio-lab.json')
eng start -a "$cid" >/dev/null
eng commit -q --change 'USER 1000' --change 'CMD ["start-notebook.py"]' "$cid" "localhost/ai-studio-stacks:$P" >/dev/null
eng rm -f "$cid" >/dev/null
expect "a docker-stacks image launches" 0 "$cli" launch --name "$P-stacks" --size x-small --image "localhost/ai-studio-stacks:$P"
cmd=$(eng inspect "aistudio-$P-stacks" --format '{{join .Config.Cmd " "}}')
[[ "$cmd" == *" start-notebook.py --ServerApp.ip=0.0.0.0 "* ]] && ok "with its own start command" || not_ok "command: $cmd"
on_worker "$P-stacks" 'id -un; sudo -n true && echo SUDO-OK'
has "its shell is the image's user" "$out" "^studio$"
has "who has sudo (GRANT_SUDO)" "$out" "SUDO-OK"
expect "jupyter-url" 0 "$cli" jupyter-url "$P-stacks"
url=$(cat "$out")
[ "$(curl -s -o /dev/null -w '%{http_code}' "${url%%\?*}api/status" -H "Authorization: token ${url##*token=}")" = 200 ] \
  && ok "its Jupyter takes our token (JUPYTER_TOKEN)" || not_ok "token refused"
expect "services of a worker without AI Studio's extension fail" 1 "$cli" services "$P-stacks"
one_line_error "in one line"
has "saying they need one of AI Studio's images" "$err" "services need a worker of one of AI Studio's images"
expect "terminate" 0 "$cli" terminate --yes "$P-stacks"
eng image rm -f "localhost/ai-studio-stacks:$P" >/dev/null 2>&1

# ---- images users bring ------------------------------------------------------------------
# FROM python + pip install jupyterlab: the image's user is root.
cid=$(eng create -q --user root localhost/ai-studio-worker:bookworm true)
eng commit -q --change 'USER root' --change 'WORKDIR /root' --change 'ENV HOME=/root' \
  --change 'CMD ["python3"]' "$cid" "localhost/ai-studio-root:$P" >/dev/null
eng rm -f "$cid" >/dev/null
expect "an image whose user is root launches" 0 "$cli" launch --name "$P-root" --size x-small --image "localhost/ai-studio-root:$P"
on_worker "$P-root" 'id -u; pwd'
has "its shell runs as root" "$out" "^0$"
has "in the worker's home" "$out" "^/root$"
"$cli" terminate --yes "$P-root" >/dev/null

# Only the Jupyter Server module, no jupyter command on PATH (Debian's python3-jupyter-server alone).
cid=$(eng create -q --user root localhost/ai-studio-worker:bookworm sh -c 'rm -f /usr/bin/jupyter /usr/bin/jupyter-* /usr/local/bin/jupyter*')
eng start -a "$cid" >/dev/null
eng commit -q --change 'USER studio' --change 'CMD ["bash"]' "$cid" "localhost/ai-studio-module:$P" >/dev/null
eng rm -f "$cid" >/dev/null
expect "an image with only the jupyter_server module launches" 0 "$cli" launch --name "$P-mod" --size x-small --image "localhost/ai-studio-module:$P"
on_worker "$P-mod" 'command -v jupyter || echo NO-JUPYTER-COMMAND; pwd; sudo -n true && echo SUDO-OK'
has "(it really has no jupyter command)" "$out" "^NO-JUPYTER-COMMAND$"
has "its shell starts in the worker's home" "$out" "^/home/studio$"
has "with sudo, as the image has it" "$out" "SUDO-OK$"
"$cli" terminate --yes "$P-mod" >/dev/null

# No Jupyter at all: a clear failure, not a timeout.
cid=$(eng create -q --user root localhost/ai-studio-worker:bookworm sh -c 'rm -rf /usr/bin/jupyter* /usr/local/bin/jupyter* /usr/lib/python3/dist-packages/jupyter_server')
eng start -a "$cid" >/dev/null
eng commit -q --change 'USER studio' "$cid" "localhost/ai-studio-none:$P" >/dev/null
eng rm -f "$cid" >/dev/null
run timeout 60 "$cli" launch --name "$P-none" --size x-small --image "localhost/ai-studio-none:$P"
[ $status -eq 1 ] && ok "an image without Jupyter fails" || not_ok "no-Jupyter image (status $status)"
has "saying what the image lacks" "$err" "has no Jupyter server"
"$cli" terminate --yes "$P-none" >/dev/null 2>&1
eng image rm -f "localhost/ai-studio-root:$P" "localhost/ai-studio-module:$P" "localhost/ai-studio-none:$P" >/dev/null 2>&1
finish
