#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# AI Studio's images: both listed with what each is for; the data-science
# image's two kernels, each with its libraries loaded, running notebooks (as
# tasks, on fresh workers); JupyterLab and sudo on its workers. Needs the
# image (./dev test builds it once).
. "$(dirname "$0")/lib.sh"
export XDG_DATA_HOME=$AI_STUDIO_TEST_DIR/data
image=localhost/ai-studio-worker:data-science
d=$AI_STUDIO_TEST_DIR/ds
rm -rf "$d" && mkdir -p "$d"
trap '"$cli" terminate --yes "$P-ds" >/dev/null 2>&1' EXIT

expect "images lists the worker images" 0 "$cli" images
has "the default one, present" "$out" "^localhost/ai-studio-worker:bookworm$"
has "with what it is for" "$out" "JupyterLab, Python 3 and a terminal with sudo"
has "the data-science one, present" "$out" "^localhost/ai-studio-worker:data-science$"
has "with what it is for" "$out" "pandas, scikit-learn, XGBoost"
has "where it is, and its size (IEC units)" "$out" "^    On This Computer, [0-9.]+.+[MG]iB$"
expect "images --json" 0 "$cli" images --json
[ "$(json_get "[(i['state'], i['buildable'], i['size'] > 500e6) for i in j if i['image'] == '$image'][0]")" \
  = "('present', True, True)" ] && ok "says it is present, its size, and that AI Studio builds it" \
  || not_ok "images --json"
expect "build-image refuses an image AI Studio does not build" 1 "$cli" build-image quay.io/jupyter/scipy-notebook:latest
one_line_error "in one line"

# ---- a worker of the image: JupyterLab, both kernels, sudo -------------------------------
expect "a data-science worker launches" 0 "$cli" launch --name "$P-ds" --size x-small --image "$image"
expect "its Jupyter URL" 0 "$cli" jupyter-url "$P-ds"
url=$(cat "$out")
base=${url%%\?*} token=${url##*token=}
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Authorization: token $token" "$base")
[ "$code" = "302 ${base}lab" ] && ok "its Jupyter opens at /lab" || not_ok "/ went to “$code”"
curl -sf -H "Authorization: token $token" "${base}lab" >"$out"
has "which is JupyterLab, AI Studio's build" "$out" "static/ai_studio_lab/bundle.js"
has "with MathJax from the worker, not a CDN" "$out" "\"fullMathjaxUrl\": \"/static/ai_studio_lab/mathjax/MathJax.js\""
hasnt "and no news or update checks" "$out" "\"disabledExtensions\": \[\]"
curl -sf -o /dev/null -H "Authorization: token $token" "${base}static/ai_studio_lab/mathjax/MathJax.js" \
  && ok "MathJax is served" || not_ok "MathJax"
curl -sf -H "Authorization: token $token" "${base}api/kernelspecs" >"$out"
[ "$(json_get "sorted((k, s['spec']['display_name']) for k, s in j['kernelspecs'].items() if k != 'python3')")" = \
  "[('big-data', 'Python 3 (Big Data)'), ('ml', 'Python 3 (ML)')]" ] \
  && ok "it lists an ML kernel and a big-data kernel" || not_ok "kernel specs"
# A page of /lab that does not exist says so, and only that page: JupyterLab's
# server kept it for every later page until it restarted.
curl -sf -H "Authorization: token $token" "${base}lab/no-such-page" >"$out"
has "an unknown /lab page is Path Not Found" "$out" "\"notFoundUrl\": \"/lab/no-such-page\""
curl -sf -H "Authorization: token $token" "${base}lab" >"$out"
hasnt "and /lab after it is not" "$out" "notFoundUrl"
on_worker "$P-ds" 'sudo -n true && echo "sudo-$((6*7))"; pwd; ls -d my shared'
has "its terminal has sudo" "$out" "sudo-42$"
has "and opens in the home" "$out" "^/home/studio$"
has "with my/ and shared/" "$out" "^my +shared$"
"$cli" terminate --yes "$P-ds" >/dev/null

# ---- a notebook in each kernel --------------------------------------------------------------
cat >"$d/make.py" <<'EOF'
import json, sys
path, kernel, title = sys.argv[1], sys.argv[2], sys.argv[3]
cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src}
         for src in sys.argv[4:]]
json.dump({"cells": cells, "metadata": {"kernelspec": {"name": kernel, "display_name": title, "language": "python"}},
           "nbformat": 4, "nbformat_minor": 5}, open(path, "w"), indent=1)
EOF
# What the ML kernel has loaded, without importing it here.
python3 "$d/make.py" "$d/ml.ipynb" ml "Python 3 (ML)" \
  "print('loaded', type(np.zeros(2)).__name__, pd.__name__, sklearn.__name__, xgb.__name__, plt.__name__)" \
  "from sklearn.linear_model import LinearRegression
print('coef', round(float(LinearRegression().fit([[0], [1], [2]], [0, 2, 4]).coef_[0]), 3))" \
  "model = xgb.XGBRegressor(n_estimators=5).fit(np.arange(20).reshape(-1, 1), np.arange(20))
print('xgboost predicts', len(model.predict(np.arange(3).reshape(-1, 1))))" \
  "import statsmodels.api as sm, seaborn as sns, scipy
print('also', sm.__name__, sns.__name__, scipy.__name__)"
expect "a notebook runs in the ML kernel" 0 "$cli" run-task --image "$image" --size x-small "$d/ml.ipynb"
has "NumPy, pandas, scikit-learn, XGBoost and matplotlib are loaded" "$out" "^loaded ndarray pandas sklearn xgboost matplotlib.pyplot$"
has "scikit-learn fits" "$out" "^coef 2.0$"
has "XGBoost trains and predicts" "$out" "^xgboost predicts 3$"
has "statsmodels, seaborn and SciPy import" "$out" "^also statsmodels.api seaborn scipy$"
nb=$("$cli" task "$(ls -t "$XDG_DATA_HOME"/ai-studio/tasks/*.json | head -n1 | xargs basename | sed 's/\.json$//')" --json |
     python3 -c "import json,sys; print(json.load(sys.stdin)['output_notebook'])")
[ "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['metadata']['kernelspec']['name'])" "$nb")" = ml ] \
  && ok "its output notebook names the kernel it ran in" || not_ok "kernelspec of $nb"

python3 "$d/make.py" "$d/big.ipynb" big-data "Python 3 (Big Data)" \
  "print('loaded', dask.__name__, da.__name__, dd.__name__, db.__name__, Client.__name__, LocalCluster.__name__)" \
  "print('sum', dd.from_pandas(pd.DataFrame({'x': range(10)}), npartitions=2).x.sum().compute())" \
  "print('array', int(da.ones((100, 100), chunks=10).sum().compute()))"
expect "a notebook runs in the big-data kernel" 0 "$cli" run-task --image "$image" --size x-small "$d/big.ipynb"
has "Dask and its distributed scheduler are loaded" "$out" "^loaded dask dask.array dask.dataframe dask.bag Client LocalCluster$"
has "a Dask data frame computes" "$out" "^sum 45$"
has "a Dask array computes" "$out" "^array 10000$"

finish
