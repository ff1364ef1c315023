#!/usr/bin/env bash
# CI's export stage: everything that needs a real torch, against the reference
# environment (scripts/torch-env.sh: Debian sid's torch 2.14 + transformers
# 5.12, and trixie's torch 2.6), built when missing and reused when present:
#   0. the environment rebinds a recreated top-level folder (a fresh checkout);
#   1. the export runner's own tests (tests/runner/run_runner_tests.py);
#   2. the app's Verify against the real runner (tst_exportpanel with
#      DIMSTUDIO_TEST_PYTHON: the warm runner, the tree's statuses);
#   3. the export loop on 17 model families (tests/export/run_export_loop.sh).
# When the environment cannot be built the stage fails, loudly: it never passes
# without having run.
#
#   bash tests/export/run_export_stage.sh [BUILD_DIR]
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
banner() { printf '\n==== %s ====\n' "$*"; }

banner "reference environment (torch 2.14 + transformers 5.12; torch 2.6)"
if ! bash "$SRC/scripts/torch-env.sh" build all; then
    banner "EXPORT STAGE CANNOT RUN: the reference environment could not be built (see above)"
    exit 3
fi
status=0

banner "the reference environment follows a recreated checkout"
if ! bash "$SRC/tests/export/test_torch_env_binds.sh"; then
    banner "EXPORT STAGE: torch-env bind test FAILED"
    status=1
fi

banner "export runner tests"
if ! python3 "$SRC/tests/runner/run_runner_tests.py" --no-fixtures; then
    banner "EXPORT STAGE: runner tests FAILED"
    status=1
fi

banner "the app's Verify against the real runner"
if ! DIMSTUDIO_TEST_PYTHON="bash $SRC/scripts/torch-env.sh python sid" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_exportpanel"; then
    banner "EXPORT STAGE: tst_exportpanel FAILED"
    status=1
fi

banner "the export loop on every model family"
if ! bash "$SRC/tests/export/run_export_loop.sh" "$BUILD"; then
    banner "EXPORT STAGE: export loop FAILED"
    status=1
fi
exit $status
