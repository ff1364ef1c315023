#!/usr/bin/env bash
# The reference environment must follow the host when a top-level folder is
# deleted and recreated between two runs (a CI checkout at /check/... that is
# a fresh tree each time): the earlier run's bind mount inside the chroot
# still shows the old, deleted folder, and "python" must notice and rebind
# instead of saying the working directory is not visible.
#
#   bash tests/export/test_torch_env_binds.sh      (as root, sid built)
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
ENV="$SRC/scripts/torch-env.sh"
top=/dimstudio-bind-test.$$
chroot_dir=$(bash "$ENV" path sid)
cleanup() {
    cd /
    umount -- "$chroot_dir$top" 2>/dev/null || umount -l -- "$chroot_dir$top" 2>/dev/null
    rmdir -- "$chroot_dir$top" 2>/dev/null
    rm -rf -- "$top"
}
trap cleanup EXIT
fail() { echo "FAIL torch-env binds: $*"; exit 1; }

run_in() { # dir: python's getcwd() inside, from that host folder
    (cd "$1" && bash "$ENV" python sid -c 'import os; print(os.getcwd())' 2>&1)
}
mkdir -p "$top/first" || fail "cannot create $top"
out=$(run_in "$top/first") || fail "first run: $out"
[[ $out == "$top/first" ]] || fail "first run printed '$out'"
rm -rf -- "$top" && mkdir -p "$top/second" || fail "cannot recreate $top"
out=$(run_in "$top/second") || fail "run after recreating $top: $out"
[[ $out == "$top/second" ]] || fail "run after recreating $top printed '$out'"
echo "PASS torch-env binds: a recreated top-level folder is rebound ($top)"
