#!/usr/bin/env bash
# scripts/setup.sh: install everything this project needs on a fresh Debian machine,
# build it into ./.venv, and run the demo.
#
#   ./scripts/setup.sh            # install, build, run the demo
#   ./scripts/setup.sh --no-demo  # install and build only
set -euo pipefail
cd "$(dirname "$0")/.."

run_demo=1
[[ "${1:-}" == "--no-demo" ]] && run_demo=0

# Debian packages: compiler toolchain and the C++ libraries the engine links.
apt_packages=(g++ cmake ninja-build
  nlohmann-json3-dev libyaml-cpp-dev libgtest-dev libgmock-dev libcli11-dev)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Python: one virtual environment for the package, its build tools and the tests.
python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "==> creating .venv"
  "$python" -m venv .venv
fi
echo "==> installing Python build and test dependencies"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements-dev.txt

# Older ops releases for scripts/test.sh to run the suite on, beside the newest in .venv:
# the oldest we support, and the last of each form in which ops calls hook tools (3.3
# runs them from ops.model, 3.7 from ops.hookcmds before `-r endpoint:id`).
for version in 2.10 3.3 3.7; do
  if [[ ! -d .ops/$version/ops ]]; then
    echo "==> installing ops $version into .ops/$version"
    .venv/bin/python -m pip install -q --target ".ops/$version" "ops==$version.*"
  fi
done

echo "==> building and installing scenario (editable)"
.venv/bin/python -m pip install -q --no-build-isolation -e .

if ((run_demo)); then
  echo
  ./scripts/demo.sh
fi
