#!/usr/bin/env bash
# CI's install stage: DimStudio installs like a desktop application.
#   1. the desktop entry passes desktop-file-validate, the AppStream metadata
#      appstreamcli validate --no-net (no error, no warning), the MIME package
#      xmllint and update-mime-database;
#   2. cpack -G DEB in BUILD_DIR makes dimstudio_<version>_<arch>.deb, with
#      every file where desktops look;
#   3. on a clean Debian 12 (a debootstrap --variant=minbase bookworm chroot,
#      extracted afresh each run from a cached tarball of the pristine
#      debootstrap result), `apt-get install ./dimstudio_*.deb` resolves its
#      Depends from the Debian mirror; then, with QT_QPA_PLATFORM=offscreen,
#      dimstudio --version, inspect and inspect --values on a committed fixture
#      (the LibTorch module found in /usr/lib/dimstudio) and --screenshot run
#      there, and the desktop files are where they belong.
# The stage fails loudly: exit 1 when a check fails, 3 when it cannot run
# (not root, no network, no build), never 0 without having run.
#
#   bash tests/install/run_install_stage.sh [BUILD_DIR]    (as root; default: build)
#
# Variables (as scripts/torch-env.sh): DIMSTUDIO_DEBIAN_MIRROR (default
# http://deb.debian.org/debian), DIMSTUDIO_DEBIAN_SECURITY_MIRROR (default
# http://deb.debian.org/debian-security), DIMSTUDIO_CACHE_DIR (default
# /var/cache/dimstudio: the tarball, bookworm-minbase.tar.gz, and each run's
# chroot while it runs, outside the work tree). JOBS: build parallelism (2).
set -Eeuo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd -P)
BUILD_ARG=${1:-$SRC/build}
cache=${DIMSTUDIO_CACHE_DIR:-/var/cache/dimstudio}
mirror=${DIMSTUDIO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DIMSTUDIO_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=bookworm
chroot_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
fixture=$SRC/tests/fixtures/pt/bare_tensor.pt
t_start=$SECONDS

banner() { printf '\n==== %s ====\n' "$*"; }
elapsed() { printf '%dm%02ds' $(((SECONDS - t_start) / 60)) $(((SECONDS - t_start) % 60)); }
cant() {
    banner "INSTALL STAGE CANNOT RUN: $* (after $(elapsed))" >&2
    exit 3
}
fail() {
    banner "INSTALL STAGE FAILED: $* (after $(elapsed))" >&2
    exit 1
}
# In a $(...) the command's own message follows from the caller's "|| fail".
trap 'if ((BASH_SUBSHELL)); then exit 1; fi; fail "command failed (line $LINENO: $BASH_COMMAND)"' ERR

[[ $(id -u) -eq 0 ]] || cant "must run as root (debootstrap, chroot, mount)"
mkdir -p "$cache" || cant "cannot create $cache"
cache=$(cd "$cache" && pwd -P) # as /proc/self/mountinfo shows it
tarball=$cache/$suite-minbase.tar.gz
[[ -f $BUILD_ARG/CMakeCache.txt ]] || cant "$BUILD_ARG is not a configured build folder"
BUILD=$(cd "$BUILD_ARG" && pwd -P)
if grep -q '^DIMSTUDIO_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt"; then
    cant "$BUILD is a sanitized build: package a release build"
fi
app_id=$(sed -n 's/^set(DIMSTUDIO_APP_ID \([^)]*\))$/\1/p' "$SRC/CMakeLists.txt")
version=$(sed -n 's/^project(DimStudio VERSION \([0-9.]*\) .*/\1/p' "$SRC/CMakeLists.txt")
[[ -n $app_id && -n $version ]] || cant "no DIMSTUDIO_APP_ID or project(VERSION) in CMakeLists.txt"
desktop_dir=$SRC/resources/desktop

banner "tools (desktop-file-utils, appstream, shared-mime-info, debootstrap, dpkg-dev, libxml2-utils, file)"
bash "$SRC/scripts/install-deps.sh" desktop-file-utils appstream shared-mime-info debootstrap \
    dpkg-dev libxml2-utils file ||
    cant "the tools could not be installed"

# ---------------------------------------------------------------------------
banner "1. validators"
desktop-file-validate "$desktop_dir/$app_id.desktop" ||
    fail "desktop-file-validate refuses $app_id.desktop"
echo "desktop-file-validate: $app_id.desktop OK"

report=$(appstreamcli validate --no-net --explain --no-color "$desktop_dir/$app_id.metainfo.xml" 2>&1) ||
    { printf '%s\n' "$report"; fail "appstreamcli validate refuses $app_id.metainfo.xml"; }
printf '%s\n' "$report"
if grep -Eq '^[EW]: ' <<<"$report"; then
    fail "appstreamcli validate gives errors or warnings on $app_id.metainfo.xml"
fi

xmllint --noout "$desktop_dir/$app_id.xml" || fail "$app_id.xml is not well-formed XML"
data_tmp=$(mktemp -d)
mime_tmp=$data_tmp/mime
mkdir -p "$mime_tmp/packages"
cp "$desktop_dir/$app_id.xml" "$mime_tmp/packages/"
XDG_DATA_DIRS=$data_tmp update-mime-database "$mime_tmp" ||
    fail "update-mime-database refuses $app_id.xml"
for glob in 'application/x-dimstudio-spec+json:\*_spec.json' 'application/x-pytorch:\*.pt'; do
    grep -q "^50:$glob" "$mime_tmp/globs2" || fail "update-mime-database made no glob $glob"
done
[[ $(grep -c '^\[' "$mime_tmp/magic") -ge 2 ]] || fail "update-mime-database made no magic"
rm -rf "$data_tmp"
echo "xmllint, update-mime-database: $app_id.xml OK (globs and magic compiled)"

# ---------------------------------------------------------------------------
banner "2. the Debian package (cpack -G DEB in $BUILD)"
# What the package holds, up to date (nothing else: the tests are not packaged).
targets=$(cmake --build "$BUILD" --target help) || cant "cannot list the targets of $BUILD"
grep -q 'dimstudio_tensordata' <<<"$targets" ||
    cant "$BUILD is built without the LibTorch module (DIMSTUDIO_TENSOR_DATA=OFF)"
build_targets=(dimstudio dimstudio_tensordata dimstudio_icons)
grep -q 'dimstudio_onnxmodel' <<<"$targets" && build_targets+=(dimstudio_onnxmodel)
cmake --build "$BUILD" --parallel "${JOBS:-2}" --target "${build_targets[@]}" ||
    fail "building ${build_targets[*]} in $BUILD fails"
arch=$(dpkg --print-architecture)
deb=$BUILD/dimstudio_${version}_$arch.deb
rm -f "$deb"
(cd "$BUILD" && cpack -G DEB) || fail "cpack -G DEB fails"
[[ -f $deb ]] || fail "cpack made no $deb"
dpkg-deb --info "$deb"
depends=$(dpkg-deb --field "$deb" Depends)
for dep in libqt6core6 libqt6widgets6 libqt6svg6 libtorch; do
    [[ $depends == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
listing=$(dpkg-deb --contents "$deb" | awk '{print $6}')
expected_files=(
    ./usr/bin/dimstudio
    ./usr/lib/dimstudio/libdimstudio_tensordata.so
    "./usr/share/applications/$app_id.desktop"
    "./usr/share/metainfo/$app_id.metainfo.xml"
    "./usr/share/mime/packages/$app_id.xml"
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
)
for size in 16 32 48 64 128 256; do
    expected_files+=("./usr/share/icons/hicolor/${size}x$size/apps/$app_id.png")
done
for f in "${expected_files[@]}"; do
    grep -qxF "$f" <<<"$listing" || fail "the package lacks $f"
done
echo "package: $(basename "$deb"), $(du -h "$deb" | cut -f1), ${#expected_files[@]} files checked"

# What the host build prints, to compare with the installed program's output.
expected_values=$(QT_QPA_PLATFORM=offscreen "$BUILD/app/dimstudio" inspect --values "$fixture") ||
    fail "the build's own dimstudio inspect --values fails"

# ---------------------------------------------------------------------------
banner "3. a clean Debian 12 ($suite, debootstrap --variant=minbase, $mirror)"

# Mount points at or under $1, deepest first.
mounts_under() {
    awk -v d="$1" '$5 == d || index($5, d "/") == 1 {print $5}' /proc/self/mountinfo |
        awk -F/ '{print NF "\t" $0}' | sort -rn | cut -f2-
}
unmount_under() {
    local m
    for _ in 1 2 3; do
        while IFS= read -r m; do
            if [[ -n $m ]]; then umount -- "$m" 2>/dev/null || umount -l -- "$m" 2>/dev/null || true; fi
        done < <(mounts_under "$1")
        if [[ -z $(mounts_under "$1") ]]; then return 0; fi
    done
    return 1
}
# Deletes a chroot only when nothing is mounted under it anymore.
remove_root() {
    local dir=$1
    [[ -n $dir && $dir == "$cache"/?* && -d $dir ]] || return 0
    if ! unmount_under "$dir"; then
        echo "install stage: mounts remain under $dir; not deleting it" >&2
        return 1
    fi
    rm -rf --one-file-system -- "$dir"
}

# The pristine debootstrap result, made once (under a lock: runs may overlap)
# and kept as a tarball; what a run changes is never kept.
tarball_key="suite=$suite variant=minbase mirror=$mirror"
make_tarball() {
    exec 7>>"$cache/.$suite-minbase.lock"
    flock 7
    if [[ -f $tarball && $(cat "$tarball.key" 2>/dev/null) == "$tarball_key" ]]; then
        return 0
    fi
    local t0=$SECONDS dir log=$cache/$suite-minbase.debootstrap.log
    dir=$(mktemp -d "$cache/$suite-minbase.debootstrap.XXXXXX")
    echo "debootstrap --variant=minbase $suite (log: $log)"
    if ! debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$log" 2>&1; then
        remove_root "$dir" || true
        cant "debootstrap failed: $(grep -E '^(E|W):' "$log" | tail -n1) (log: $log)"
    fi
    unmount_under "$dir" || cant "debootstrap left mounts under $dir"
    tar -C "$dir" --numeric-owner -czpf "$tarball.tmp" . || cant "cannot write $tarball"
    mv -f "$tarball.tmp" "$tarball"
    printf '%s\n' "$tarball_key" >"$tarball.key"
    remove_root "$dir"
    echo "cached $tarball ($(du -h "$tarball" | cut -f1)) in $((SECONDS - t0))s"
    flock -u 7
}
make_tarball

root=$(mktemp -d "$cache/install-stage.XXXXXX")
trap 'remove_root "$root" || echo "install stage: could not remove $root" >&2' EXIT
t_chroot=$SECONDS
tar -C "$root" --numeric-owner -xzpf "$tarball" || cant "cannot extract $tarball"
echo "fresh chroot $root from $(basename "$tarball")"

cp -L /etc/resolv.conf "$root/etc/resolv.conf"
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
cat >"$root/etc/apt/apt.conf.d/01-dimstudio" <<'EOF'
Acquire::Languages "none";
Acquire::PDiffs "false";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc" || cant "cannot mount /proc in $root"
{ mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"; } || cant "cannot bind /dev in $root"
# LibTorch reads the CPU list there; read-only, and not essential.
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys" 2>/dev/null || true

cp "$deb" "$fixture" "$root/tmp/"
inside() {
    chroot "$root" /usr/bin/env -i "PATH=$chroot_path" HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen "$@"
}
log=$cache/install-stage.apt.log # the last run's
inside apt-get -q update >"$log" 2>&1 ||
    cant "apt-get update in the chroot failed (no network?): $(grep -E '^(E|W|Err):' "$log" | tail -n1)"
if ! inside apt-get -q -y install "/tmp/$(basename "$deb")" >>"$log" 2>&1; then
    tail -n 20 "$log"
    fail "apt-get install ./$(basename "$deb") on a clean Debian 12 fails"
fi
grep -E '^(Need to get|After this operation)' "$log" || true
echo "installed in $((SECONDS - t_chroot))s (apt log: $log)"

out=$(inside dimstudio --version) || fail "dimstudio --version fails in the chroot"
[[ $out == "dimstudio $version" ]] || fail "dimstudio --version says '$out'"
echo "dimstudio --version: $out"

fixture_in=/tmp/$(basename "$fixture")
out=$(inside dimstudio inspect "$fixture_in") || fail "dimstudio inspect fails in the chroot"
[[ $out == "$(cat "${fixture%.pt}.type.txt")" ]] || fail "dimstudio inspect says '$out'"
echo "dimstudio inspect $(basename "$fixture"): $out"

out=$(inside env LD_DEBUG=files dimstudio inspect --values "$fixture_in" 2>"$root/tmp/ld.txt") ||
    fail "dimstudio inspect --values fails in the chroot: $(grep -v '^ *[0-9]*:' "$root/tmp/ld.txt" | tail -n 3)"
[[ $out == "$expected_values" ]] || fail "inspect --values says '$out', the build '$expected_values'"
grep -q 'file=/usr/lib/dimstudio/libdimstudio_tensordata.so ' "$root/tmp/ld.txt" ||
    fail "inspect --values did not load /usr/lib/dimstudio/libdimstudio_tensordata.so"
echo "dimstudio inspect --values $(basename "$fixture"): $out (module /usr/lib/dimstudio)"

inside dimstudio --screenshot /tmp/shot.png "$fixture_in" >"$root/tmp/shot.log" 2>&1 ||
    fail "dimstudio --screenshot fails in the chroot: $(tail -n 3 "$root/tmp/shot.log")"
[[ -s $root/tmp/shot.png ]] || fail "dimstudio --screenshot wrote no picture"
echo "dimstudio --screenshot: $(du -h "$root/tmp/shot.png" | cut -f1) picture (offscreen)"

for f in "${expected_files[@]}"; do
    [[ -s $root/${f#./} ]] || fail "${f#.} is not installed"
done
echo "installed where desktops look: ${#expected_files[@]} files"

remove_root "$root" || fail "could not remove $root"
trap - EXIT
banner "INSTALL STAGE PASSED in $(elapsed) (the chroot, from extraction to removal: $((SECONDS - t_chroot))s)"
