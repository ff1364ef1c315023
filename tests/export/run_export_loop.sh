#!/usr/bin/env bash
# The export loop on real models, as a user runs it: for every family of
# tests/fixtures/models (tiny random-weight models built from their
# config.json, two real input sets each), guess the spec from the two sets
# (--names semantic), then `dimstudio verify --fix --other-inputs` in the
# reference environment (torch 2.14 + transformers 5.12, scripts/torch-env.sh).
# Prints one row per family and layout (the README's table) and compares each
# outcome with tests/export/expected.txt: any other outcome fails the stage.
#
#   bash tests/export/run_export_loop.sh [BUILD_DIR] [--write-expected]
#
# DIMSTUDIO_FAMILIES="a b" runs those families only and compares them with
# their lines of expected.txt (for trying a new family; CI runs them all).
#
# Needs root (the chroot) and a built dimstudio. Exit 0 when every family
# ends as expected, 1 otherwise, 3 when the environment cannot be built.
set -uo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
WRITE_EXPECTED=0
[ "${2:-}" = "--write-expected" ] && WRITE_EXPECTED=1
DIMSTUDIO=$BUILD/app/dimstudio
PYTHON="bash $SRC/scripts/torch-env.sh python sid"
MODELS=$SRC/tests/fixtures/models
EXPECTED=$SRC/tests/export/expected.txt
WORK=$(mktemp -d /tmp/dimstudio-export.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if ! bash "$SRC/scripts/torch-env.sh" build sid; then
    echo "EXPORT LOOP CANNOT RUN: the reference environment (torch 2.14 + transformers 5.12) could not be built" >&2
    exit 3
fi

# A family whose caches hold more than plain DynamicLayers (sliding windows,
# static caches, linear attention, indexed layers) needs the layers layout;
# the others run in transformers' layout and in layers.
layouts_for() {
    if "$DIMSTUDIO" inspect "$1" 2>/dev/null |
        grep -qE 'StaticCache|SlidingWindowLayer|LinearAttention|IndexedLayer'; then
        echo layers
    else
        echo "transformers layers"
    fi
}

printf '| family | layout | exported | rounds | matches eager on the other set | notes |\n'
printf '|---|---|---|---|---|---|\n'
results=$WORK/results.txt
: > "$results"
for dir in "$MODELS"/*/; do
    family=$(basename "$dir")
    if [ -n "${DIMSTUDIO_FAMILIES:-}" ] && ! grep -qw -- "$family" <<< "$DIMSTUDIO_FAMILIES"; then
        continue
    fi
    [ -f "$dir/config.json" ] && [ -f "$dir/inputs_a.pt" ] && [ -f "$dir/inputs_b.pt" ] || continue
    # A quantized cache runs only with its backend (hqq, optimum-quanto),
    # which the reference environment lacks: listed, not run.
    if grep -q 'QuantizedCache' "$dir/classes.txt" 2>/dev/null; then
        printf '| %s | - | - | - | - | not run: its quantization backend (hqq) is not in the reference environment |\n' "$family"
        continue
    fi
    trust=()
    grep -q 'modeling_outputs' "$dir/classes.txt" 2>/dev/null && trust=(--trust-pickle)
    for layout in $(layouts_for "$dir/inputs_a.pt"); do
        spec=$WORK/$family.$layout.json
        report=$WORK/$family.$layout.report.json
        if ! "$DIMSTUDIO" guess "$dir/inputs_a.pt" "$dir/inputs_b.pt" --names semantic \
            --layout "$layout" --format json > "$spec" 2> "$WORK/guess.err"; then
            outcome="guess-failed"
            printf '| %s | %s | - | - | - | %s |\n' "$family" "$layout" "$(head -1 "$WORK/guess.err")"
        else
            "$DIMSTUDIO" verify "$dir/inputs_a.pt" --model "$dir/config.json" --spec "$spec" \
                --other-inputs "$dir/inputs_b.pt" --fix --format json --python "$PYTHON" \
                "${trust[@]}" > "$report" 2> "$WORK/verify.err"
            code=$?
            summary=$(python3 - "$report" "$code" "$WORK/verify.err" <<'PY'
import json, sys
path, code, err = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    r = json.load(open(path))
except Exception:
    last = [l for l in open(err).read().splitlines() if l.strip()]
    print("error|-|-|-|" + (last[-1] if last else "no report").replace("|", "/"))
    sys.exit()
rounds = len(r.get("rounds", []))
refused = sum(1 for x in r.get("rounds", []) if x.get("status") == "refused")
runs = r.get("runs", [])
other = [x for x in runs if x.get("name") == "other_inputs"]
match = "yes" if other and other[0].get("ok") else ("no" if other else "-")
notes = []
for x in runs:
    if not x.get("ok"):
        notes.append("%s: %s" % (x.get("name"), (x.get("message") or "differs")[:140]))
for reg in r.get("registrations", []):
    if not reg.get("faithful", True):
        notes.append("%s not faithful" % reg.get("class"))
if not r.get("exported"):
    last = r["rounds"][-1] if r.get("rounds") else {}
    text = (last.get("error") or "").strip().splitlines()
    notes.append((text[0] if text else "refused")[:160])
outcome = ("exported" if r.get("exported") else "refused") + ("+matches" if match == "yes" else "")
print("%s|%s|%d|%s|%s" % (outcome, "yes" if r.get("exported") else "no", refused, match,
                          "; ".join(notes).replace("|", "/")))
PY
)
            IFS='|' read -r outcome exported rounds match notes <<< "$summary"
            printf '| %s | %s | %s | %s | %s | %s |\n' "$family" "$layout" "$exported" "$rounds" "$match" "$notes"
        fi
        echo "$family $layout $outcome" >> "$results"
    done
done

if [ $WRITE_EXPECTED = 1 ]; then
    { echo "# family layout outcome: what tests/export/run_export_loop.sh must find (--write-expected rewrites it)"
      cat "$results"; } > "$EXPECTED"
    echo "wrote $EXPECTED" >&2
    exit 0
fi
expected_rows() {
    grep -v '^#' "$EXPECTED" | while read -r family rest; do
        if [ -z "${DIMSTUDIO_FAMILIES:-}" ] || grep -qw -- "$family" <<< "$DIMSTUDIO_FAMILIES"; then
            echo "$family $rest"
        fi
    done
}
if ! diff <(expected_rows) "$results" > "$WORK/diff.txt"; then
    echo "EXPORT LOOP: outcomes differ from tests/export/expected.txt:" >&2
    cat "$WORK/diff.txt" >&2
    exit 1
fi
echo "export loop: every family ended as expected" >&2
