#!/bin/bash
# Builds DimStudio's libFuzzer targets with clang (ASan + UBSan) in their own
# build directory and runs each for a bounded time, seeded with the committed
# fixtures. Exits non-zero when a target finds a crash, a leak, a timeout or
# runs out of memory; the input is kept in $BUILD/artifacts/.
#
#   fuzz/run_short.sh [seconds per target, default 60]
#   BUILD=/path JOBS=2 fuzz/run_short.sh 300
#   TIMEOUT=30 ...                         libFuzzer's -timeout (wall seconds, default
#                                          10): a campaign run niced beside other
#                                          work needs more, or slow-but-bounded
#                                          inputs are reported as hangs
#   PARALLEL=1 fuzz/run_short.sh 3600     the three targets at once (a campaign:
#                                          the corpus in $BUILD/corpus grows
#                                          from one run to the next)
#   TARGETS="fuzz_torch_file" ...         only these targets (to top one up)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-fuzz}
JOBS=${JOBS:-2}
SECONDS_EACH=${1:-60}
TIMEOUT=${TIMEOUT:-10}
CXX_COMPILER=${CXX_COMPILER:-$(command -v clang++-14 || command -v clang++)}
FIXTURES=$ROOT/tests/fixtures

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$ROOT/fuzz" -B "$BUILD" "${generator[@]}" -DCMAKE_CXX_COMPILER="$CXX_COMPILER" \
    -DCMAKE_BUILD_TYPE=None >/dev/null
cmake --build "$BUILD" -j "$JOBS"

# Seeds: every committed torch file for the file target; their data.pkl and
# the pickle cases for the pickle target.
SEEDS=$BUILD/seeds
rm -rf "$SEEDS"
mkdir -p "$SEEDS/file" "$SEEDS/pickle" "$SEEDS/program" "$BUILD/artifacts" "$BUILD/corpus/file" \
    "$BUILD/corpus/pickle" "$BUILD/corpus/program"
for f in "$FIXTURES"/pt/*.pt "$FIXTURES"/pt/*.pth "$FIXTURES"/pt/*.bin "$FIXTURES"/values/*.pt \
    "$FIXTURES"/hostile/*.pt "$FIXTURES"/hostile_opens/*.pt; do
    # Large files only slow the fuzzer down; small ones are good seeds.
    if [ "$(stat -c %s "$f")" -le 65536 ]; then
        cp "$f" "$SEEDS/file/$(basename "$(dirname "$f")")_$(basename "$f")"
    fi
done
python3 - "$FIXTURES" "$SEEDS/pickle" <<'PY'
import json, os, sys, zipfile
fixtures, out = sys.argv[1], sys.argv[2]
n = 0
for folder in ("pt", "values"):
    for name in sorted(os.listdir(os.path.join(fixtures, folder))):
        path = os.path.join(fixtures, folder, name)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                for entry in z.namelist():
                    if entry.endswith("/data.pkl"):
                        open(os.path.join(out, f"{folder}_{name}.pkl"), "wb").write(z.read(entry))
                        n += 1
# The model JSON of every small saved exported program (fixtures/exported).
exported = os.path.join(fixtures, "exported")
for name in sorted(os.listdir(exported)) if os.path.isdir(exported) else []:
    path = os.path.join(exported, name)
    if name.endswith(".pt2") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for entry in z.namelist():
                if entry.endswith(".json") and ("models/" in entry or "serialized_exported" in entry):
                    data = z.read(entry)
                    if len(data) <= 262144:
                        open(os.path.join(out, "..", "program", name + ".json"), "wb").write(data)
for i, case in enumerate(json.load(open(os.path.join(fixtures, "pickles", "cases.json")))):
    open(os.path.join(out, f"case_{i}.pkl"), "wb").write(bytes.fromhex(case["hex"]))
    n += 1
print(f"{n} pickle seeds")
PY

status=0
run() {
    local target=$1 corpus=$2 seeds=$3
    shift 3
    echo "== $target: $SECONDS_EACH s"
    local log=$BUILD/$target.log
    local timer=()
    command -v /usr/bin/time >/dev/null && timer=(/usr/bin/time -o "$log.cpu" -f "%U %S")
    if ! "${timer[@]}" "$BUILD/$target" -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" -rss_limit_mb=2048 \
        -max_len=262144 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target-" \
        "$@" "$corpus" "$seeds" >"$log" 2>&1; then
        echo "!! $target failed; see $log and $BUILD/artifacts/"
        grep -E "ERROR|SUMMARY" "$log" | head -5 || true
        status=1
    fi
    grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb" "$log" || tail -3 "$log"
    if [[ -f $log.cpu ]]; then
        tail -n 1 "$log.cpu" | awk '{printf "cpu seconds: %.0f\n", $1 + $2}'
    fi
}
all_targets=(
    "fuzz_pickle $BUILD/corpus/pickle $SEEDS/pickle -dict=$ROOT/fuzz/pickle.dict"
    "fuzz_torch_file $BUILD/corpus/file $SEEDS/file"
    "fuzz_exported_program $BUILD/corpus/program $SEEDS/program"
)
targets=()
for t in "${all_targets[@]}"; do
    if [[ -z ${TARGETS:-} || " $TARGETS " == *" ${t%% *} "* ]]; then
        targets+=("$t")
    fi
done
if [[ ${#targets[@]} -eq 0 ]]; then
    echo "no target named in TARGETS='$TARGETS' (the targets: ${all_targets[*]%% *})" >&2
    exit 2
fi
if [[ ${PARALLEL:-0} == 1 ]]; then
    pids=()
    for t in "${targets[@]}"; do
        # shellcheck disable=SC2086 # the words of one target's command line
        (run $t >"$BUILD/${t%% *}.summary" 2>&1) &
        pids+=($!)
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || true
        cat "$BUILD/${targets[$i]%% *}.summary"
        grep -q '^!! ' "$BUILD/${targets[$i]%% *}.summary" && status=1
    done
else
    for t in "${targets[@]}"; do
        # shellcheck disable=SC2086
        run $t
    done
fi
exit $status
