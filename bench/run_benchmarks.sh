#!/usr/bin/env bash
# DimStudio against the Python way, on big inputs. Prints the tables of
# bench/README.md. Usage, from anywhere:
#
#   bash bench/run_benchmarks.sh [BUILD_DIR]     (default: build-bench beside bench/)
#
# Environment: RUNS (whole-process runs per figure, default 7), STAGE_RUNS
# (runs per in-process stage, default 5), PY_RUNS (whole Python processes,
# default 3), DATA (the generated inputs, default BUILD_DIR/bench-data; about
# 1.1 GiB, written once by Debian's python3-torch and never committed).
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(realpath -m "${1:-$SRC/build-bench}")
RUNS=${RUNS:-7}
STAGE_RUNS=${STAGE_RUNS:-5}
PY_RUNS=${PY_RUNS:-3}
DATA=$(realpath -m "${DATA:-$BUILD/bench-data}")
PY=/usr/bin/python3 # Debian's, with python3-torch; the python3 on PATH may have no torch
export QT_QPA_PLATFORM=offscreen

log() { echo "$*" >&2; }

log "== building in $BUILD"
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=(dimstudio stage_bench proc_bench ui_bench)
ninja -C "$BUILD" -t targets all | grep -q '^dimstudio_tensordata:' && targets+=(dimstudio_tensordata)
ninja -C "$BUILD" -j2 "${targets[@]}" >/dev/null
DIMSTUDIO=$BUILD/app/dimstudio
BENCH=$BUILD/bench

log "== inputs in $DATA"
"$PY" "$SRC/bench/bench_inputs.py" make "$DATA" >&2
INPUTS=(big_cache list_100k params_10k)

# The median of each tab-separated column of stdin.
column_medians() {
    awk -F'\t' '{ for (c = 1; c <= NF; ++c) v[c, NR] = $c; n = NR; cols = NF }
        END {
            for (c = 1; c <= cols; ++c) {
                for (i = 1; i <= n; ++i) a[i] = v[c, i] + 0
                for (i = 2; i <= n; ++i) { x = a[i]; j = i - 1
                    while (j > 0 && a[j] > x) { a[j + 1] = a[j]; --j } a[j + 1] = x }
                printf "%s%s", a[int((n + 1) / 2)], (c < cols ? "\t" : "\n")
            }
        }'
}

# verdict VALUE LIMIT -> "yes" when VALUE < LIMIT
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 < l + 0) ? "yes" : "NO" }'; }

echo
echo "Stages, in one process (median of $STAGE_RUNS runs; peak = VmHWM during the stage)"
echo "and the Python way (torch.load, string_type, all_dynamic, pprint.pformat; one run)"
echo
printf '| %-13s | %-16s | %12s | %8s | %10s | %8s |\n' input stage "DimStudio ms" "peak MiB" "Python ms" "peak MiB"
printf '|%s|%s|%s|%s|%s|%s|\n' --------------- ------------------ -------------: ---------: -----------: ---------:
for name in "${INPUTS[@]}"; do
    file=$DATA/$name.pt
    "$BENCH/stage_bench" "$file" "$STAGE_RUNS" 2>/dev/null >"$DATA/$name.stages"
    "$PY" "$SRC/bench/bench_inputs.py" python "$file" >"$DATA/$name.python"
    while IFS=$'\t' read -r stage ms mib; do
        py=$(awk -F'\t' -v s="$stage" '$1 == s { printf "%s\t%s", $2, $3 }' "$DATA/$name.python")
        pyms=${py%%$'\t'*}
        pymib=${py##*$'\t'}
        printf '| %-13s | %-16s | %12s | %8s | %10s | %8s |\n' "$name.pt" "$stage" "$ms" "$mib" \
            "${pyms:--}" "${pymib:--}"
    done <"$DATA/$name.stages"
done

echo
echo "Whole process (median wall time of $RUNS runs after one warm-up; peak = largest ru_maxrss)"
echo
printf '| %-44s | %9s | %8s | %-18s | %-4s |\n' command "median ms" "peak MiB" goal met
printf '|%s|%s|%s|%s|%s|\n' ---------------------------------------------- ----------: ---------: -------------------- ------
whole() { # LABEL MS_LIMIT MIB_LIMIT GOAL_TEXT RUNS EXIT_CODE COMMAND...
    local label=$1 limit_ms=$2 limit_mib=$3 goal=$4 runs=$5 want=$6
    shift 6
    local ms mib code met=-
    IFS=$'\t' read -r ms mib code < <("$BENCH/proc_bench" "$runs" "$@" 2>/dev/null)
    if [ "$code" != "$want" ]; then
        met="exit $code"
    elif [ "$limit_ms" != - ]; then
        met=$(verdict "$ms" "$limit_ms")
        if [ "$limit_mib" != - ] && [ "$(verdict "$mib" "$limit_mib")" = NO ]; then met=NO; fi
    fi
    printf '| %-44s | %9s | %8s | %-18s | %-4s |\n' "$label" "$ms" "$mib" "$goal" "$met"
}
whole "dimstudio --version" 30 - "< 30 ms" "$RUNS" 0 "$DIMSTUDIO" --version
for name in "${INPUTS[@]}"; do
    file=$DATA/$name.pt
    case $name in
        big_cache) goal="< 50 ms, < 100 MiB"; goal_ms=50; goal_mib=100 ;;
        list_100k) goal="< 300 ms"; goal_ms=300; goal_mib=- ;;
        *) goal=-; goal_ms=-; goal_mib=- ;;
    esac
    # "metadata-only commands start in under 30 ms": inspect on the file whose
    # metadata is small (64 tensors); on the others it is reading, not starting.
    inspect_goal=-; inspect_ms=-
    [ "$name" = big_cache ] && inspect_goal="< 30 ms" && inspect_ms=30
    # check exits 1 when it finds errors: the all-dynamic spec of inputs with
    # sizes of 1 has some (specialized_size), as it should.
    check_exit=$("$DIMSTUDIO" check "$file" >/dev/null 2>&1; echo $?)
    whole "dimstudio inspect $name.pt" "$inspect_ms" - "$inspect_goal" "$RUNS" 0 \
        "$DIMSTUDIO" inspect "$file"
    whole "dimstudio spec $name.pt" "$goal_ms" "$goal_mib" "$goal" "$RUNS" 0 "$DIMSTUDIO" spec "$file"
    whole "dimstudio check $name.pt (exit $check_exit)" - - - "$RUNS" "$check_exit" \
        "$DIMSTUDIO" check "$file"
    whole "Python way, whole process, $name.pt" - - - "$PY_RUNS" 0 \
        "$PY" "$SRC/bench/bench_inputs.py" python "$file"
done

echo
echo "LibTorch: shared objects named libtorch* that the dynamic loader opened (LD_DEBUG=files)"
echo
libtorch_opened() { LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -c 'file=[^ ]*libtorch' || true; }
for args in "--version" "inspect $DATA/big_cache.pt" "spec $DATA/big_cache.pt" \
    "check $DATA/big_cache.pt" "spec $DATA/list_100k.pt"; do
    # shellcheck disable=SC2086 # the words of $args are the arguments
    n=$(libtorch_opened "$DIMSTUDIO" $args)
    printf '  dimstudio %-48s %s\n' "${args//$DATA\//}" "$n libtorch objects$([ "$n" = 0 ] && echo ' (goal met)' || echo ' (GOAL MISSED)')"
done
n=$(libtorch_opened "$DIMSTUDIO" inspect --values "$DATA/big_cache.pt")
printf '  dimstudio %-48s %s\n' "inspect --values big_cache.pt" "$n libtorch objects (control: the one command that reads tensor data)"

echo
echo "Desktop app on list_100k.pt (offscreen; median of $RUNS runs; ms)"
echo
"$BENCH/proc_bench" --print "$RUNS" "$BENCH/ui_bench" "$DATA/list_100k.pt" 2>/dev/null |
    grep -v '^total' | column_medians >"$DATA/ui.medians"
IFS=$'\t' read -r shown idle load_stall toggle toggle_worst toggle_stall <"$DATA/ui.medians"
printf '| %-52s | %8s | %-8s | %-4s |\n' figure ms goal met
printf '|%s|%s|%s|%s|\n' ------------------------------------------------------ ---------: ---------- ------
printf '| %-52s | %8s | %-8s | %-4s |\n' "start to tree shown (100,000 tensors)" "$shown" "< 1000" "$(verdict "$shown" 1000)"
printf '| %-52s | %8s | %-8s | %-4s |\n' "start to idle (preview and checks done)" "$idle" - -
printf '| %-52s | %8s | %-8s | %-4s |\n' "longest GUI stall after opening" "$load_stall" - -
printf '| %-52s | %8s | %-8s | %-4s |\n' "one toggle + repaint, median" "$toggle" "< 5" "$(verdict "$toggle" 5)"
printf '| %-52s | %8s | %-8s | %-4s |\n' "one toggle + repaint, worst of a run" "$toggle_worst" "< 5" "$(verdict "$toggle_worst" 5)"
printf '| %-52s | %8s | %-8s | %-4s |\n' "longest GUI stall after toggles (preview, checks)" "$toggle_stall" - -
