#!/usr/bin/env bash
# Fuzzing stage (issue #7; docs/reliability.md, "Fuzzing and sanitizers"). Builds the libFuzzer targets in
# tests/fuzz with clang 14 + ASan + UBSan and runs each for GW_FUZZ_SECONDS (default 60) on a copy of the
# checked-in corpus, so the tree is never modified. Fails on any crash, broken invariant, timeout or sanitizer
# report (libFuzzer exits non-zero); crash inputs are kept in $build/fuzz-artifacts/ for reproduction:
#   $build/tests/fuzz/<target> <artifact>
# Usage: .ci/fuzz.sh [build-dir]     (default build-fuzz). Runs on a fresh Debian 12 machine as root.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${GW_FUZZ_SECONDS:-60}
targets=(fuzz_event_json fuzz_push_request fuzz_indicator_set fuzz_work_calendar)

export DEBIAN_FRONTEND=noninteractive
bash installer/debian-deps.sh
# libFuzzer and the ASan/UBSan runtimes for clang 14 are in libclang-rt-14-dev on Debian 12.
fuzz_packages=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${fuzz_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DGW_WERROR=ON -DGW_FUZZ=ON \
    -DGW_BUILD_TESTS=OFF -DGW_BUILD_BENCH=OFF -DGW_BUILD_GUI=OFF
cmake --build "$build" --target "${targets[@]}"

export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:print_stacktrace=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
# In memory when possible: fuzz_push_request's server store commits (and syncs) on every accepted push.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then work=$(mktemp -d -p /dev/shm gw-fuzz.XXXXXX); else work=$(mktemp -d); fi
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"  # fuzz_push_request's server store lives here
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
status=0
summary=()
for t in "${targets[@]}"; do
    cp -r "tests/fuzz/corpus/$t" "$work/$t"
    log="$work/$t.log"
    echo "== $t: ${seconds}s on $(ls "tests/fuzz/corpus/$t" | wc -l) seed(s)"
    rc=0
    "$build/tests/fuzz/$t" "$work/$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$t-" >"$log" 2>&1 || rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    corpus=$(ls "$work/$t" | wc -l)
    if [ "$rc" -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|GW_FUZZ_CHECK failed' "$log"; then
        status=1
        echo "---- $t FAILED (exit $rc); last lines of its log:"
        tail -60 "$log"
        summary+=("FAIL $t: exit $rc, runs ${runs:-?}, ${cov:-no coverage line}, corpus $corpus")
    else
        summary+=("ok   $t: runs ${runs:-?} in ${seconds}s, ${cov:-no coverage line}, corpus $corpus (0 crashes, 0 sanitizer reports)")
    fi
done
echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
exit $status
