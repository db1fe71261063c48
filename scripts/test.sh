#!/usr/bin/env bash
# scripts/test.sh: run every test: the C++ engine's (ctest) and the Python package's
# (pytest). Run ./scripts/setup.sh once first.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x .venv/bin/python ]]; then
  echo "scripts/test.sh: no .venv here; run ./scripts/setup.sh first" >&2
  exit 2
fi
export PATH="$PWD/.venv/bin:$PATH"
preset=${SCENARIO_PRESET:-ci}

echo "==> C++ engine: build and test (preset '$preset')"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j"$(nproc)"

echo "==> Python package: rebuild the editable install"
python -m pip install -q --no-build-isolation -e .

# The same suite runs on the newest ops (installed in .venv) and on each older release
# setup.sh installed under .ops/VERSION, put first on the path.
echo "==> Python tests with ops $(python -c 'import ops; print(ops.__version__)')"
python -m pytest -n auto "$@"
for dir in $(find .ops -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V); do
  echo "==> Python tests with ops $(basename "$dir")"
  PYTHONPATH="$PWD/$dir" python -m pytest -n auto "$@"
done
