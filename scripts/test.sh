#!/usr/bin/env bash
# The test command: installs what is missing, builds everything (warnings are errors under CI),
# and runs the whole suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${BEAUTYIDX_TEST_BUILD_DIR:-build-tests}
werror=OFF
[[ "${CI:-}" == "true" ]] && werror=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBEAUTYIDX_WERROR=$werror >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 600 "$@"
