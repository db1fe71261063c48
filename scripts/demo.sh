#!/usr/bin/env bash
# scripts/demo.sh: show the engine on the example charm (run ./scripts/setup.sh first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
charm=examples/charms/webapp

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step scenario --version
scenario --version

step scenario spec "$charm"
scenario spec "$charm"

step scenario state validate examples/states/webapp-leader.json
scenario state validate examples/states/webapp-leader.json

step scenario state validate examples/states/webapp-broken.json
status=0
scenario state validate examples/states/webapp-broken.json || status=$?
if [[ $status -ne 1 ]]; then
  echo "demo: expected exit status 1 (problems found), got $status" >&2
  exit 1
fi

step scenario check "$charm" --state examples/states/webapp-inconsistent.json --event start
status=0
scenario check "$charm" --state examples/states/webapp-inconsistent.json --event start || status=$?
if [[ $status -ne 1 ]]; then
  echo "demo: expected exit status 1 (inconsistent scenario), got $status" >&2
  exit 1
fi

step python examples/inspect_state.py
python examples/inspect_state.py

step python examples/webapp_scenarios.py
python examples/webapp_scenarios.py
