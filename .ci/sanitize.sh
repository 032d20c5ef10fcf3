#!/usr/bin/env bash
# Sanitizer stage (issue #7; docs/reliability.md, "Fuzzing and sanitizers"): one clang 14 build of every library
# and test with AddressSanitizer + UndefinedBehaviorSanitizer (GW_FUZZ=ON, which also adds libFuzzer's coverage
# instrumentation so that .ci/fuzz.sh can reuse this build dir without compiling anything again), then the whole
# ctest suite under the sanitizers. Any ASan/UBSan/LeakSanitizer report fails the test it happens in. Known one-off
# leaks of third-party code would go to tests/sanitizers/lsan.supp (each entry says why).
# GUI tests are not in this stage: a second, instrumented build of the client does not fit CI's time budget.
# The PostgreSQL variants are left out too: they run the same code as the SQLite ones through another driver.
# Usage: .ci/sanitize.sh [build-dir]     (default build-asan). Runs on a fresh Debian 12 machine as root.
# (A gcc sanitizer build for developers: cmake -DGW_SANITIZE=ON.)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
export DEBIAN_FRONTEND=noninteractive
bash installer/debian-deps.sh
missing=()
for p in clang-14 libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# -O1 with line tables: readable stack traces, and a build that fits CI's time budget.
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DGW_WERROR=ON -DGW_FUZZ=ON -DGW_BUILD_TESTS=ON \
    -DGW_BUILD_GUI=OFF -DGW_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only"
cmake --build "$build"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:print_stacktrace=1:strict_init_order=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
# Most suites wait on real server processes; two at a time halves the wall time on 2 cores.
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure -j2 -E postgresql
