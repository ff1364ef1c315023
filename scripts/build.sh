#!/usr/bin/env bash
# Installs the Debian 12 packages DimStudio needs (only those missing), then
# configures and builds into ./build (or $BUILD_DIR). Extra arguments go to
# CMake, e.g. -DDIMSTUDIO_SANITIZE=ON. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" --parallel "$(nproc)"
