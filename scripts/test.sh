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

# The ops versions we support run the same suite: the newest (installed in .venv) and
# the oldest, 2.10, installed by setup.sh into .ops/2.10 and put first on the path.
echo "==> Python tests with ops $(python -c 'import ops; print(ops.__version__)')"
python -m pytest -n auto "$@"
echo "==> Python tests with ops 2.10"
PYTHONPATH="$PWD/.ops/2.10" python -m pytest -n auto "$@"
