#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Tasks: scripts and notebooks run on fresh workers, their output streamed
# and kept, their workers ended or kept, runs that outlive the CLI, and the
# errors a user meets. On This Computer (tests/with-podman) or a hub region
# with a profile (tests/with-hub).
. "$(dirname "$0")/lib.sh"
region=()
size=(--size x-small)
if [ -n "${AI_STUDIO_TEST_HUB:-}" ]; then
  REGION=team
  curl -sf -X POST -H "Authorization: token $AI_STUDIO_HUB_ADMIN_TOKEN" "$AI_STUDIO_TEST_HUB/hub/api/users/alice" >/dev/null
  # A password sign-in keeps the login cookie, so the hub's profiles can be read.
  "$cli" region add team "$AI_STUDIO_TEST_HUB" --username alice <<<"$AI_STUDIO_HUB_PASSWORD" >/dev/null
  region=(--region team)
  size=(--size small)
fi
export XDG_DATA_HOME=$AI_STUDIO_TEST_DIR/data
d=$AI_STUDIO_TEST_DIR/tasks
rm -rf "$d" && mkdir -p "$d/hello/sub/deeper" "$d/hello/.secret" "$d/sh" "$d/fail" "$d/nb" "$d/slow" "$d/bad"
records=$XDG_DATA_HOME/ai-studio/tasks
rt() { "$cli" run-task "${region[@]}" "$@"; }
# task_workers: the workers of this run's tasks that are still there, one per line
ours() { cat "$records"/*.json 2>/dev/null | python3 -c "import json,sys,re; print(' '.join(m for m in re.findall(r'\"worker\" : \"(task-[0-9a-f]+)\"', sys.stdin.read())))"; }
task_workers() { local mine; mine=$(ours); "$cli" workers "${region[@]}" --json | python3 -c "import json,sys; mine=set('$mine'.split()); print('\n'.join(w['name'] for w in json.load(sys.stdin) if w['name'] in mine))"; }
# Whatever a failing run leaves is removed at the end.
cleanup_tasks() { for w in $(task_workers); do "$cli" terminate "${region[@]}" --yes "$w" >/dev/null 2>&1; done; }
trap 'cleanup_tasks' EXIT
worker_state() { "$cli" workers "${region[@]}" --json | python3 -c "import json,sys; print(next((w['state'] for w in json.load(sys.stdin) if w['name']=='$1'), 'absent'))"; }
# wait_for CMD...: until it succeeds, at most 60 s
wait_for() { local i; for i in $(seq 120); do "$@" && return 0; sleep 0.5; done; return 1; }
last_task() { ls -t "$records"/*.json | head -n1 | xargs basename | sed 's/\.json$//'; }

# ---- a Python file that prints, with its folder ------------------------------------------
cat >"$d/hello/hello.py" <<'EOF'
import os, sys
print("hello from", os.getcwd())
print(open("sub/deeper/data.txt").read().strip())
print("hidden uploaded:", os.path.exists(".secret"))
sys.stderr.write("a line on stderr\n")
EOF
echo "nested data" >"$d/hello/sub/deeper/data.txt"
echo "do not upload" >"$d/hello/.secret/key"
expect "a Python task succeeds" 0 rt "${size[@]}" "$d/hello/hello.py"
has "its output comes to stdout, run in ~/task" "$out" "^hello from .*/task$"
has "the nested folder was uploaded" "$out" "^nested data$"
has "hidden files were not" "$out" "^hidden uploaded: False$"
has "stderr is shown too" "$out" "a line on stderr"
id=$(last_task)
expect "task --json reads its record" 0 "$cli" task "$id" --json
[ "$(json_get "j['state'], j['exit_status'], j['kept'], j['worker'].startswith('task-')")" = "succeeded 0 False True" ] \
  && ok "the record says succeeded, exit 0, not kept" || not_ok "record $(tr -d '\n' <"$out")"
grep -q "nested data" "$(json_get "j['log']")" && ok "and keeps the output" || not_ok "output log"
[ -z "$(task_workers)" ] && ok "the worker is terminated (the default)" || not_ok "worker left: $(task_workers)"

# ---- a shell script, its own --files folder -----------------------------------------------
# (This Computer only: the hub run covers what differs there, and keeps the suite short.)
if [ -z "${AI_STUDIO_TEST_HUB:-}" ]; then
printf 'echo "shell says $((6 * 7))"\nls\n' >"$d/sh/job.sh"
echo x >"$d/hello/extra.txt"
expect "a shell task succeeds" 0 rt "${size[@]}" --files "$d/hello" "$d/sh/job.sh"
has "run by bash" "$out" "^shell says 42$"
has "beside the --files folder" "$out" "^extra.txt$"

# ---- a script that runs notebooks on its worker (the seed's task_with_notebook) -----------
mkdir -p "$d/seed"
python3 - "$d/seed" <<'PY'
import json, sys
def nb(cells):
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": m, "outputs": [], "source": s}
                      for s, m in cells],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}
json.dump(nb([("rows = 1", {"tags": ["parameters"]}), ("print(rows * 7)", {}),
              ("open('made.txt', 'w').write(str(rows * 7))", {})]), open(sys.argv[1] + "/task_with_notebook.ipynb", "w"))
json.dump(nb([("print('before')", {}), ("1 / 0", {})]), open(sys.argv[1] + "/failing.ipynb", "w"))
PY
cat >"$d/seed/run_notebooks.py" <<'EOF'
import json
import aistudio
print("running for", aistudio.whoami())
result = aistudio.notebooks.execute_notebook("task_with_notebook", parameters={"rows": 6}, raise_on_failure=True)
print("kept as", result.output)
print("its cell printed", "".join(json.load(open(result.output))["cells"][2]["outputs"][0]["text"]).strip())
print("it wrote", open("made.txt").read())
try:
    aistudio.notebooks.execute_notebook("failing", raise_on_failure=True)
except aistudio.NotebookFailed as e:
    print("failed as expected:", e)
print("quietly:", aistudio.notebooks.execute_notebook("failing").succeeded)
EOF
expect "a task's script runs notebooks on its worker" 0 rt "${size[@]}" "$d/seed/run_notebooks.py"
has "and says who the worker runs for" "$out" "^running for studio$"
has "the output notebook kept beside it" "$out" "^kept as /home/studio/task/task_with_notebook_output.ipynb$"
has "its parameters injected after the parameters cell" "$out" "^its cell printed 42$"
has "run in the notebook's folder" "$out" "^it wrote 42$"
has "a failing notebook raises, saying where" "$out" "^failed as expected: Notebook failing.ipynb failed: ZeroDivisionError: division by zero"
has "or only says so" "$out" "^quietly: False$"

fi

# ---- a failing Python file, kept on failure ------------------------------------------------
printf 'import sys\nprint("about to fail")\nsys.exit(3)\n' >"$d/fail/fail.py"
expect "a task that exits 3 makes run-task exit 3" 3 rt "${size[@]}" --keep-on-failure "$d/fail/fail.py"
has "its output is shown" "$out" "^about to fail$"
has "the end says so" "$err" "Failed \(exit status 3\)"
has "and names the kept worker" "$err" "Worker task-[0-9a-f]+ is kept"
id=$(last_task)
"$cli" task "$id" >"$out" 2>"$err"
has "task TASK shows the state" "$out" "State: +failed"
has "and the output" "$out" "^about to fail$"
kept=$("$cli" task "$id" --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['worker'] if j['kept'] else '')")
[ -n "$kept" ] && [ "$(worker_state "$kept")" = ready ] && ok "the failed task's worker is kept, ready" || not_ok "kept worker ($kept)"
"$cli" terminate "${region[@]}" --yes "$kept" >/dev/null
expect "a finished task can be forgotten" 0 "$cli" task "$id" --remove
[ ! -e "$records/$id.json" ] && [ ! -e "$records/$id" ] && ok "its record and output are gone" || not_ok "record left"

if [ -z "${AI_STUDIO_TEST_HUB:-}" ]; then
  expect "--keep keeps a worker of a task that succeeded" 0 rt "${size[@]}" --keep "$d/hello/hello.py"
  kept=$("$cli" task "$(last_task)" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['worker'])")
  [ "$(worker_state "$kept")" = ready ] && ok "it is ready to open" || not_ok "--keep ($kept)"
  "$cli" terminate "${region[@]}" --yes "$kept" >/dev/null
fi

# ---- notebooks ------------------------------------------------------------------------------
cat >"$d/nb/make.py" <<'EOF'
import json, sys
def code(src, tags=()):
    return {"cell_type": "code", "execution_count": None, "metadata": {"tags": list(tags)}, "outputs": [], "source": src}
cells = [{"cell_type": "markdown", "metadata": {}, "source": "# A report"},
         code("alpha = 0.1\nname = 'x'\ncount = 1\nflag = False\nnothing = 1\n", ["parameters"]),
         code("print('alpha', repr(alpha), type(alpha).__name__)\nprint('name', repr(name))\n"
              "print('count', repr(count), type(count).__name__)\nprint('flag', flag, 'nothing', nothing)")]
if sys.argv[2] == "fails":
    cells = [code("print('first cell')"), code("x = 41\nx + 1"), code("raise ValueError('bad input data')"), code("print('never')")]
json.dump({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
           "nbformat": 4, "nbformat_minor": 5}, open(sys.argv[1], "w"), indent=1)
EOF
python3 "$d/nb/make.py" "$d/nb/report.ipynb" ok
python3 "$d/nb/make.py" "$d/nb/broken.ipynb" fails
expect "a notebook with parameters succeeds" 0 rt "${size[@]}" "$d/nb/report.ipynb" -p alpha=0.5 -p name=hello -p count=3 -p flag=True -p nothing=None
has "a float parameter is a float" "$out" "^alpha 0.5 float$"
has "a string stays a string" "$out" "^name 'hello'$"
has "an integer is an int" "$out" "^count 3 int$"
has "True and None are Python's" "$out" "^flag True nothing None$"
nb=$("$cli" task "$(last_task)" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['output_notebook'])")
python3 - "$nb" <<'EOF' && ok "report_output.ipynb is copied home, parameters injected after the tagged cell" || not_ok "output notebook $nb"
import json, sys
nb = json.load(open(sys.argv[1]))
assert sys.argv[1].endswith("report_output.ipynb")
tags = [c.get("metadata", {}).get("tags", []) for c in nb["cells"]]
assert tags[1] == ["parameters"] and tags[2] == ["injected-parameters"], tags
assert "alpha = 0.5" in nb["cells"][2]["source"]
assert "float" in "".join(o.get("text", "") for o in nb["cells"][3]["outputs"])
EOF

expect "a notebook whose third cell raises exits 1" 1 rt "${size[@]}" "$d/nb/broken.ipynb"
has "the error is named" "$err" "ValueError: bad input data"
has "the cell's output was streamed" "$out" "^first cell$"
nb=$("$cli" task "$(last_task)" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['output_notebook'])")
python3 - "$nb" <<'EOF' && ok "broken_output.ipynb keeps the first cells' outputs and the error" || not_ok "failed output notebook $nb"
import json, sys
nb = json.load(open(sys.argv[1]))
out = [c["outputs"] for c in nb["cells"]]
assert out[0][0]["text"] == "first cell\n", out[0]
assert out[1][0]["data"]["text/plain"] == "42", out[1]
assert out[2][0]["output_type"] == "error" and out[2][0]["ename"] == "ValueError", out[2]
assert out[3] == [], out[3]
EOF

# ---- a virtual environment ------------------------------------------------------------------
printf 'import sys\nprint("prefix", sys.prefix)\n' >"$d/hello/where.py"
printf 'python3 -m venv --without-pip --system-site-packages "$HOME/.venv/demo"\n' >"$d/venv.sh"
if [ -n "${AI_STUDIO_TEST_HUB:-}" ]; then
  # A hub runs no startup scripts: refused before anything is launched.
  expect "a startup script is refused where the region runs none" 125 rt "${size[@]}" --startup-script "$d/venv.sh" "$d/hello/where.py"
  has "saying so" "$err" "cannot run a startup script"
else
# (This Computer only from here to the detached run: the hub run covers what differs there, and keeps the suite short.)
expect "--venv runs the environment's Python" 0 rt "${size[@]}" --startup-script "$d/venv.sh" --venv demo "$d/hello/where.py"
has "(its prefix)" "$out" "^prefix .*/\.venv/demo$"
expect "a missing venv is an error (125)" 125 rt "${size[@]}" --venv nowhere "$d/hello/where.py"
has "saying how to make it" "$err" "no virtual environment ~/.venv/nowhere.*python3 -m venv"

# ---- a task whose log is made 50 GB ---------------------------------------------------------------
# (a sparse file: the worker's disk holds none of it). Followed and kept up to 64 MiB, a piece at a time.
mkdir -p "$d/huge"
printf 'echo before-the-flood\ntruncate -s 50G ~/task-run/output.log\nsleep 1\n' >"$d/huge/huge.sh"
/usr/bin/time -f '%M' -o "$d/huge.rss" timeout 300 "$cli" run-task "${region[@]}" "${size[@]}" "$d/huge/huge.sh" >"$out" 2>"$err"; status=$?
[ $status -eq 0 ] && ok "a task that makes its log 50 GB ends" || not_ok "50 GB log: status $status"
rss_under "and the CLI stays under 256 MiB" 262144 "$d/huge.rss"
has "saying it showed and kept the first 64 MiB" "$out" "shows and keeps the first 64 MiB"
kept_log=$(ls -t "$records"/*/output.log 2>/dev/null | head -n1)
size_kept=$(stat -c %s "$kept_log" 2>/dev/null || echo 0)
[ "$size_kept" -le $((65 << 20)) ] && [ "$size_kept" -ge $((64 << 20)) ] && ok "and kept no more of it here" || not_ok "kept log of $size_kept bytes"
"$cli" task "$(last_task)" --remove >/dev/null 2>&1

# ---- a timeout --------------------------------------------------------------------------------
printf 'import time\nprint("working", flush=True)\ntime.sleep(600)\n' >"$d/slow/slow.py"
expect "--timeout ends a task that runs too long with 124" 124 timeout 120 "$cli" run-task "${region[@]}" "${size[@]}" --timeout 0.1 "$d/slow/slow.py"
has "after its output so far" "$out" "^working$"
[ "$("$cli" task "$(last_task)" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['state'])")" = timed-out ] \
  && ok "the record says timed-out" || not_ok "timed-out state"

fi

# ---- detached, and followed again -------------------------------------------------------------
printf 'import time\nfor i in range(6):\n    print("step", i, flush=True)\n    time.sleep(0.5)\nraise SystemExit(5)\n' >"$d/slow/steps.py"
expect "--detach prints the id and returns while it runs" 0 rt "${size[@]}" --detach "$d/slow/steps.py"
id=$(cat "$out")
[[ "$id" =~ ^[0-9a-f]{12}$ ]] && ok "an id ($id)" || not_ok "detach printed '$id'"
expect "task ID --follow gets the output and the exit status" 5 "$cli" task "${id:0:6}" --follow
has "all of the output" "$out" "^step 5$"
has "from the start" "$out" "^step 0$"

# ---- the CLI killed during a run ----------------------------------------------------------------
# (This Computer only: the hub run covers what differs there, and keeps the suite short.)
if [ -z "${AI_STUDIO_TEST_HUB:-}" ]; then
"$cli" run-task "${region[@]}" "${size[@]}" "$d/slow/steps.py" >"$d/killed.out" 2>&1 &
pid=$!
wait_for grep -q "step 1" "$d/killed.out" && ok "a run is under way" || not_ok "no output from the run"
kill -9 $pid; wait $pid 2>/dev/null
id=$(last_task)
expect "task --follow after the CLI was killed gets the exit status" 5 "$cli" task "$id" --follow
has "and the rest of the output" "$out" "^step 5$"
c=$(cat "$records/$id/output.log")
[ "$(grep -c '^step' <<<"$c")" -eq 6 ] && ok "the kept output has each line once" || not_ok "kept output: $c"
wait_for test -z "$(task_workers)" && ok "and its worker ends per its policy" \
  || not_ok "worker left: $(task_workers) (the task's record: $("$cli" task "$id" 2>&1 | tr '\n' ' '))"

# ---- cancel -------------------------------------------------------------------------------------
expect "a detached task to cancel" 0 rt "${size[@]}" --detach "$d/slow/slow.py"
id=$(cat "$out")
wait_for grep -q working <("$cli" task "$id" 2>/dev/null) || true
expect "task --cancel stops it" 0 "$cli" task "$id" --cancel
[ "$("$cli" task "$id" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['state'])")" = cancelled ] \
  && ok "the record says cancelled" || not_ok "cancel state"
wait_for test -z "$(task_workers)" && ok "its worker is gone" || not_ok "worker left after cancel: $(task_workers)"

fi

# ---- the list ------------------------------------------------------------------------------------
expect "tasks lists them" 0 "$cli" tasks "${region[@]}"
if [ -z "${AI_STUDIO_TEST_HUB:-}" ]; then
  sed -n 2p "$out" | grep -Eq "^$id +cancelled" && ok "newest first" || not_ok "tasks order"
fi
echo '{"id": "broken' >"$records/ffffffffffff.json"
expect "tasks --json with a damaged record" 0 "$cli" tasks --json
python3 -c "
import json; j = json.load(open('$out'))
assert len(j) >= 4 and all(set(t) >= {'id','file','region','worker','state','exit_status','started','ended','kept','output_notebook'} for t in j)
" && ok "every task has its fields, the damaged one skipped" || not_ok "tasks --json"
has "the damaged record is reported" "$err" "damaged task record.*ffffffffffff"
rm -f "$records/ffffffffffff.json"

# ---- bad input: 125, one error line, no worker left ------------------------------------------------
expect "a missing file" 125 rt "$d/nothing.py"
one_line_error "is one error line"
has "naming it" "$err" "There is no file .*nothing.py"
echo 'x' >"$d/bad/notes.txt"
expect "an unknown extension" 125 rt "$d/bad/notes.txt"
has "says what runs" "$err" "\.py.*\.sh.*\.ipynb"
expect "an unknown size" 125 rt --size enormous "$d/hello/hello.py"
has "lists the sizes" "$err" "There is no size “enormous”"
expect "a bad option" 125 rt --timeout soon "$d/hello/hello.py"
one_line_error "is one error line too"
# A file right in the home folder would take the whole home with it.
mkdir -p "$d/home/Documents" && echo 'echo hi' >"$d/home/job.sh" && echo private >"$d/home/Documents/letter.txt"
HOME=$d/home expect "a file in the home folder is refused" 125 rt "$d/home/job.sh"
has "saying the whole home would go with it" "$err" "is in your home folder.*whole home"
HOME=$d/home expect "unless its folder is named" 0 rt "${size[@]}" --files "$d/home" "$d/home/job.sh"
truncate -s 1100M "$d/bad/huge.bin"
cp "$d/hello/hello.py" "$d/bad/"
expect "a folder above 1 GiB" 125 rt "$d/bad/hello.py"
has "suggests ~/my" "$err" "more than a task may upload.*~/my"
rm -f "$d/bad/huge.bin"
if [ -z "${AI_STUDIO_TEST_HUB:-}" ]; then
  cid=$(eng create -q --user root localhost/ai-studio-worker:bookworm sh -c 'rm -f /usr/bin/python3*')
  eng start -a "$cid" >/dev/null
  eng commit -q --change 'USER studio' "$cid" "localhost/ai-studio-nopython:$P" >/dev/null
  eng rm -f "$cid" >/dev/null
  run timeout 120 "$cli" run-task --size x-small --image "localhost/ai-studio-nopython:$P" "$d/hello/hello.py"
  [ $status -eq 125 ] && ok "an image without Python exits 125" || not_ok "image without Python (status $status)"
  has "saying the image lacks Jupyter" "$err" "error: .*Jupyter"
  eng image rm -f "localhost/ai-studio-nopython:$P" >/dev/null 2>&1
fi
[ -z "$(task_workers)" ] && ok "no worker is left behind by bad input" || not_ok "workers left: $(task_workers)"
finish
