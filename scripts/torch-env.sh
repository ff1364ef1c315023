#!/usr/bin/env bash
# torch-env.sh: the DimStudio "reference environment".
#
# What: builds Debian chroots next to the host with the real torch.export and
# transformers that people use today, and runs Python inside them:
#   sid    : python3-torch 2.14 + python3-transformers 5.12 + onnx (the reference)
#   trixie : python3-torch 2.6 + onnx (Debian 13; no transformers in that suite)
# Why: the host is Debian 12, whose torch (1.13) has no torch.export and which has
# no transformers. debootstrap --variant=minbase + apt (--no-install-recommends)
# gives a reproducible-enough environment in a few minutes, without pip or a
# model hub (recipe and findings: the project's notes, torch-env.md).
#
# Usage (as root):
#   scripts/torch-env.sh build [sid|trixie|all]   build when missing, reuse when complete (default sid)
#   scripts/torch-env.sh python [sid|trixie] [ARGS...]
#                                                  run python3 ARGS inside, like a host interpreter:
#                                                  same cwd, host paths at the same absolute paths,
#                                                  stdin/stdout/stderr and exit code untouched
#   scripts/torch-env.sh umount [sid|trixie|all]  remove the bind mounts (default all)
#   scripts/torch-env.sh remove [sid|trixie|all]  unmount, then delete the chroot
#   scripts/torch-env.sh status                   whether each env exists, versions, mounts
#   scripts/torch-env.sh path [sid|trixie]        print the chroot directory
#
# Chroots live in ${DIMSTUDIO_ENV_DIR:-/var/cache/dimstudio/envs}/{sid,trixie}:
# outside the repository on purpose, so that no "git clean -x" or "rm -rf" of
# the work tree can walk into a chroot whose bind mounts reach the host's
# /work, /tmp and /root. A build is
# complete when DIR/.dimstudio-env-ok exists (written last, holding the versions
# found by importing the modules inside); a directory without it is an
# interrupted build and is removed and redone.
#
# The "python" command bind-mounts /proc, /dev, /sys (read-only), /tmp, /var/tmp,
# /root, /work (when present), the repository's and the working directory's
# top-level folders (not system ones such as /usr, /etc, /var: there the chroot's
# own folder is used), and every folder in $DIMSTUDIO_ENV_BIND (colon-separated
# absolute paths) into the chroot, once (under flock, so concurrent calls are
# safe); they stay until "umount". WARNING: never "rm -rf" a chroot by hand while they are
# mounted (that would delete the host's /work, /tmp, /root): use "remove".
# Inside, the environment is clean: HOME=/root, a standard PATH, LANG=C.UTF-8,
# PYTHONDONTWRITEBYTECODE=1, PYTHONNOUSERSITE=1, no host PYTHONPATH (set
# DIMSTUDIO_ENV_PYTHONPATH for one); TORCH_*, PYTORCH_*, HF_*, TRANSFORMERS_*,
# TOKENIZERS_*, OMP_*, MKL_*, OPENBLAS_*, DIMSTUDIO_* and a few PYTHON* switches
# (PYTHONUNBUFFERED, PYTHONHASHSEED, PYTHONWARNINGS, ...) pass through.
#
# Exit codes: 3 when an environment cannot be built or is not built/usable
# (message on stderr starting with "torch-env: cannot build" or
# "torch-env: cannot run"), 2 for usage errors; "python" exits with python's code.
# Other variables: DIMSTUDIO_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_dir=$(dirname "$script_dir")
env_root=${DIMSTUDIO_ENV_DIR:-/var/cache/dimstudio/envs}
mirror=${DIMSTUDIO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
stamp_name=.dimstudio-env-ok
chroot_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Packages per suite. "required" must install; an "optional" one that the suite
# no longer has is dropped with a warning (recorded in the stamp as missing=).
required_sid=(python3-torch python3-transformers python3-numpy python3-onnx)
optional_sid=(python3-packaging python3-safetensors python3-tokenizers python3-huggingface-hub
              python3-regex python3-yaml python3-tqdm python3-filelock python3-requests)
required_trixie=(python3-torch python3-numpy python3-onnx)
optional_trixie=(python3-packaging)

# Top-level folders never bind-mounted from the host (they are the chroot's own).
system_tops=" / /bin /boot /dev /etc /lib /lib32 /lib64 /libx32 /proc /run /sbin /sys /usr /var "

say()  { printf 'torch-env: %s\n' "$*"; }
warn() { printf 'torch-env: %s\n' "$*" >&2; }
usage() {
    sed -n '/^# Usage/,/torch-env.sh path /p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

env_dir() { printf '%s/%s\n' "$env_root" "$1"; }
check_name() {
    case $1 in sid|trixie) ;; *) warn "unknown environment '$1' (sid or trixie)"; exit 2 ;; esac
}
names_of() { # sid|trixie|all -> names
    case ${1:-all} in all) echo sid trixie ;; *) check_name "$1"; echo "$1" ;; esac
}

# Mount points at or under $1 (canonical path), deepest first, one per line.
mounts_under() {
    local dir=$1
    awk '{print $5}' /proc/self/mountinfo |
        sed 's/\\\([0-7][0-7][0-7]\)/\\0\1/g' |
        while IFS= read -r m; do printf '%b\n' "$m"; done |
        awk -v d="$dir" '$0 == d || index($0, d "/") == 1' |
        awk -F/ '{print NF "\t" $0}' | sort -rn -k1,1 | cut -f2- | uniq
}

# Unmounts everything under the chroot $1. Caller holds the mount lock.
unmount_all() {
    local dir=$1 m
    for _ in 1 2 3 4 5 6 7 8; do
        local any=0
        while IFS= read -r m; do
            [[ -n $m ]] || continue
            any=1
            umount -- "$m" 2>/dev/null || umount -l -- "$m" 2>/dev/null || true
        done < <(mounts_under "$dir")
        ((any)) || return 0
    done
    [[ -z $(mounts_under "$dir") ]]
}

lock_file() { printf '%s/.%s.%s.lock\n' "$env_root" "$1" "$2"; } # name kind

stamp_ok() { # name -> true when the build is complete
    local dir; dir=$(env_dir "$1")
    [[ -f $dir/$stamp_name && -x $dir/usr/bin/python3 ]]
}
stamp_get() { # name key
    local dir; dir=$(env_dir "$1")
    sed -n "s/^$2=//p" "$dir/$stamp_name" 2>/dev/null | head -n1
}

# Clean environment for python inside the chroot; prints NAME=VALUE lines (NUL-separated).
inner_env() {
    local v
    printf '%s\0' HOME=/root "PATH=$chroot_path" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        PYTHONDONTWRITEBYTECODE=1 PYTHONNOUSERSITE=1
    [[ -n ${DIMSTUDIO_ENV_PYTHONPATH:-} ]] && printf '%s\0' "PYTHONPATH=$DIMSTUDIO_ENV_PYTHONPATH"
    for v in $(compgen -e); do
        case $v in
            TORCH_*|TORCHINDUCTOR_*|TORCHDYNAMO_*|PYTORCH_*|HF_*|HUGGINGFACE_*|TRANSFORMERS_*|\
            TOKENIZERS_*|OMP_*|MKL_*|OPENBLAS_*|DIMSTUDIO_*|\
            PYTHONUNBUFFERED|PYTHONHASHSEED|PYTHONWARNINGS|PYTHONFAULTHANDLER|PYTHONIOENCODING|\
            PYTHONUTF8|PYTHONDEVMODE|PYTHONTRACEMALLOC|PYTHONBREAKPOINT|TERM|COLUMNS|LINES|NO_COLOR|TZ)
                printf '%s=%s\0' "$v" "${!v}" ;;
        esac
    done
}

# ---------------------------------------------------------------------------
# Mounts

mount_base() { # dir: /proc, /dev, /sys. Caller holds the mount lock.
    local dir=$1
    mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc" || return 1
    if ! mountpoint -q "$dir/dev"; then
        mount --rbind /dev "$dir/dev" || return 1
        mount --make-rslave "$dir/dev" || return 1
    fi
    if ! mountpoint -q "$dir/sys"; then # nice to have (cpu info); not fatal
        mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$dir/sys" 2>/dev/null || true
    fi
}

top_of() { local p=${1#/}; printf '/%s\n' "${p%%/*}"; }

# dir cwd: the host folders made visible at the same paths. Caller holds the mount lock.
mount_host() {
    local dir=$1 cwd=$2 p c covered
    local -a want=(/tmp /root "$(top_of "$repo_dir")" "$(top_of "$cwd")")
    [[ -d /work ]] && want+=(/work)
    [[ -d /var/tmp ]] && want+=(/var/tmp)
    [[ -n ${HOME:-} && $HOME == /* ]] && want+=("$(top_of "$HOME")")
    if [[ -n ${DIMSTUDIO_ENV_BIND:-} ]]; then
        local IFS=:
        for p in $DIMSTUDIO_ENV_BIND; do want+=("$p"); done
        unset IFS
    fi
    local -a done_=()
    for p in "${want[@]}"; do
        [[ $p == /* && -d $p ]] || continue
        p=$(realpath -e -- "$p")
        [[ $system_tops == *" $p "* ]] && continue
        covered=0
        for c in "${done_[@]}"; do
            [[ $p == "$c" || $p == "$c"/* ]] && covered=1
        done
        ((covered)) && continue
        done_+=("$p")
        mkdir -p -- "$dir$p" || return 1
        # A bind left by an earlier run may show a folder the host has since
        # deleted and recreated (a fresh checkout at the same path): same path,
        # other device or inode. Such a stale bind is dropped and redone.
        if mountpoint -q -- "$dir$p" &&
            [[ $(stat -c %d:%i -- "$p") != $(stat -c %d:%i -- "$dir$p" 2>/dev/null) ]]; then
            umount -- "$dir$p" 2>/dev/null || umount -l -- "$dir$p" || return 1
        fi
        if ! mountpoint -q -- "$dir$p"; then
            # Non-recursive: the chroot may live under $p, and its own mounts must not loop back.
            mount --bind -- "$p" "$dir$p" || return 1
            mount --make-private -- "$dir$p" || return 1
        fi
    done
    return 0
}

# ---------------------------------------------------------------------------
# build

build_one() { # name; runs in a subshell; exits 0 or 3
    local name=$1 dir log suite
    dir=$(env_dir "$name")
    log=$env_root/$name.build.log
    suite=$name
    local -a required optional
    if [[ $name == sid ]]; then required=("${required_sid[@]}"); optional=("${optional_sid[@]}")
    else required=("${required_trixie[@]}"); optional=("${optional_trixie[@]}"); fi
    local pkg_list="${required[*]} ${optional[*]}"

    fail() {
        printf 'torch-env: cannot build %s: %s\n' "$name" "$*" >&2
        exit 3
    }
    trap 'fail "command failed (line $LINENO: $BASH_COMMAND)"' ERR

    if stamp_ok "$name" && [[ $(stamp_get "$name" packages) == "$pkg_list" ]]; then
        say "$name ready (reused) in $dir: $(stamp_summary "$name")"
        exit 0
    fi
    [[ $(id -u) -eq 0 ]] || fail "must run as root (debootstrap, chroot, mount)"
    command -v flock >/dev/null || fail "flock (util-linux) not found"
    mkdir -p -- "$env_root" || fail "cannot create $env_root"
    exec 8>>"$(lock_file "$name" build)"
    if ! flock -n 8; then
        say "waiting for another build of $name"
        flock 8
    fi
    if stamp_ok "$name" && [[ $(stamp_get "$name" packages) == "$pkg_list" ]]; then
        say "$name ready (built by another process) in $dir: $(stamp_summary "$name")"
        exit 0
    fi

    if ! command -v debootstrap >/dev/null; then
        say "installing debootstrap on the host"
        command -v apt-get >/dev/null || fail "debootstrap missing and no apt-get to install it"
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap ||
          { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
              --no-install-recommends debootstrap; }; } >"$log.host" 2>&1 ||
            fail "debootstrap missing and not installable: $(grep -E '^(E|W|Err):' "$log.host" | tail -n1)"
    fi
    local script=/usr/share/debootstrap/scripts/$suite
    [[ -e $script ]] || script=/usr/share/debootstrap/scripts/sid  # older debootstrap: same layout
    [[ -e $script ]] || fail "debootstrap has no script for $suite"

    # Remove an interrupted or outdated build: unmount first, check, then delete.
    if [[ -e $dir ]]; then
        if [[ -f $dir/$stamp_name ]]; then
            say "$name: package list changed, rebuilding $dir"
        else
            say "$name: removing an incomplete build in $dir"
        fi
        remove_dir "$name" || fail "cannot remove the incomplete $dir (mounts still present?)"
    fi

    local t0=$SECONDS
    say "building $name in $dir (debootstrap --variant=minbase $suite $mirror; log: $log)"
    mkdir -p -- "$dir"
    # From here on, whatever happens, leave no mounts behind.
    # shellcheck disable=SC2064
    trap "unmount_locked $name || true" EXIT
    : >"$log"
    debootstrap --variant=minbase "$suite" "$dir" "$mirror" "$script" >>"$log" 2>&1 ||
        fail "debootstrap failed: $(grep -E '^(E|W):' "$log" | tail -n1) (log: $log)"

    # Keep it small: no docs, man pages, translations or libtorch's C++ test programs
    # (70 MB, a hard dependency of python3-torch); no services.
    mkdir -p "$dir/etc/dpkg/dpkg.cfg.d" "$dir/etc/apt/apt.conf.d"
    cat >"$dir/etc/dpkg/dpkg.cfg.d/01-dimstudio-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
path-exclude=/usr/lib/libtorch-test/*
EOF
    cat >"$dir/etc/apt/apt.conf.d/01-dimstudio" <<'EOF'
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
Acquire::PDiffs "false";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
    printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
    chmod 755 "$dir/usr/sbin/policy-rc.d"

    (
        exec 9>>"$(lock_file "$name" mount)"
        flock 9
        mount_base "$dir"
    ) || fail "cannot mount /proc and /dev in $dir"

    local -a aptenv=(/usr/bin/env -i "PATH=$chroot_path" HOME=/root LANG=C.UTF-8
                     DEBIAN_FRONTEND=noninteractive)
    say "$name: apt-get update"
    chroot "$dir" "${aptenv[@]}" apt-get -q update >>"$log" 2>&1 ||
        chroot "$dir" "${aptenv[@]}" apt-get -q update >>"$log" 2>&1 ||
        fail "apt-get update failed: $(grep -E '^(E|W|Err):' "$log" | tail -n1) (log: $log)"

    local -a install=("${required[@]}") missing=()
    local p
    for p in "${optional[@]}"; do
        if chroot "$dir" "${aptenv[@]}" apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then
            install+=("$p")
        else
            missing+=("$p")
        fi
    done
    ((${#missing[@]} == 0)) ||
        warn "WARNING: $name no longer has ${missing[*]}; installing without them"
    say "$name: apt-get install ${install[*]}"
    chroot "$dir" "${aptenv[@]}" apt-get -q -y install --no-install-recommends "${install[@]}" \
        >>"$log" 2>&1 ||
        chroot "$dir" "${aptenv[@]}" apt-get -q -y install --fix-missing --no-install-recommends \
            "${install[@]}" >>"$log" 2>&1 ||
        fail "apt-get install failed: $(grep -E '^(E|Err):' "$log" | tail -n1) (log: $log)"
    chroot "$dir" "${aptenv[@]}" apt-get clean >>"$log" 2>&1
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/debconf/*-old \
        "$dir"/var/log/apt/* "$dir"/var/log/dpkg.log
    mkdir -p "$dir/var/lib/apt/lists/partial"

    say "$name: checking the versions inside"
    local versions
    local -a mods=(torch numpy onnx)
    [[ $name == sid ]] && mods+=(transformers)
    versions=$(chroot "$dir" "${aptenv[@]}" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c '
import sys, importlib
print("python=" + sys.version.split()[0])
for mod in sys.argv[1:]:
    try:
        print(mod + "=" + importlib.import_module(mod).__version__)
    except ImportError as e:
        print(mod + "=missing")
import torch.export
' "${mods[@]}" 2>>"$log") ||
        fail "python inside cannot import torch (log: $log)"
    grep -q '^torch=[0-9]' <<<"$versions" || fail "torch not importable inside"
    if [[ $name == sid ]]; then
        grep -q '^transformers=[0-9]' <<<"$versions" || fail "transformers not importable inside"
    fi
    local envc=no
    chroot "$dir" /usr/bin/env -C / true 2>/dev/null && envc=yes

    local secs=$((SECONDS - t0))
    {
        printf '%s\n' "$versions"
        printf 'suite=%s\nmirror=%s\nbuilt=%s\nbuild_seconds=%s\nenv_chdir=%s\n' \
            "$suite" "$mirror" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$secs" "$envc"
        printf 'packages=%s\nmissing=%s\n' "$pkg_list" "${missing[*]}"
    } >"$dir/$stamp_name.tmp"
    mv -f "$dir/$stamp_name.tmp" "$dir/$stamp_name"
    say "$name built in ${secs}s ($dir): $(stamp_summary "$name")"
}

stamp_summary() { # name
    local out="" k v
    for k in torch transformers onnx numpy python; do
        v=$(stamp_get "$1" "$k")
        [[ -n $v ]] && out+="$k $v, "
    done
    printf '%s\n' "${out%, }"
}

unmount_locked() { # name
    local dir; dir=$(env_dir "$1")
    [[ -d $env_root ]] || return 0
    [[ -n $(mounts_under "$(realpath -m -- "$dir")") ]] || return 0
    (
        exec 9>>"$(lock_file "$1" mount)"
        flock 9
        unmount_all "$(realpath -m -- "$dir")"
    )
}

remove_dir() { # name: unmount, verify, delete
    local name=$1 dir
    dir=$(env_dir "$name")
    [[ -e $dir ]] || return 0
    dir=$(realpath -e -- "$dir")
    [[ $dir == /?* && $(basename "$dir") == "$name" ]] || return 1
    (
        exec 9>>"$(lock_file "$name" mount)"
        flock 9
        unmount_all "$dir" || exit 1
        [[ -z $(mounts_under "$dir") ]] || exit 1
        # Belt and braces: no top-level folder of the chroot may be a host folder.
        local e
        for e in "$dir"/*; do
            if [[ -d $e && $e -ef /${e##*/} ]]; then
                warn "$e is the host's /${e##*/}: not deleting"
                exit 1
            fi
        done
        rm -f -- "$dir/$stamp_name"
        rm -rf --one-file-system -- "$dir"
    )
}

# ---------------------------------------------------------------------------
# python

run_python() { # name args...
    local name=$1; shift
    local dir cwd
    dir=$(env_dir "$name")
    cant() { printf 'torch-env: cannot run %s: %s\n' "$name" "$*" >&2; exit 3; }
    [[ $(id -u) -eq 0 ]] || cant "must run as root (chroot, mount)"
    stamp_ok "$name" || cant "not built (run: bash $script_dir/torch-env.sh build $name)"
    dir=$(realpath -e -- "$dir")
    cwd=$(pwd -P)
    exec 9>>"$(lock_file "$name" mount)" || cant "cannot open the lock file in $env_root"
    flock 9
    stamp_ok "$name" || cant "not built (removed meanwhile)"
    mount_base "$dir" || cant "cannot mount /proc or /dev"
    mount_host "$dir" "$cwd" || cant "cannot bind-mount the host folders"
    flock -u 9
    exec 9>&-
    [[ -d $dir$cwd ]] || cant "the working directory $cwd is not visible inside (set DIMSTUDIO_ENV_BIND)"

    local -a vars=()
    mapfile -d '' vars < <(inner_env)
    if [[ -n ${TMPDIR:-} && -d $dir$TMPDIR ]]; then vars+=("TMPDIR=$TMPDIR"); fi
    if [[ $(stamp_get "$name" env_chdir) == yes ]]; then
        exec chroot "$dir" /usr/bin/env -i -C "$cwd" "${vars[@]}" /usr/bin/python3 "$@"
    else
        # shellcheck disable=SC2016
        exec chroot "$dir" /usr/bin/env -i "${vars[@]}" /bin/sh -c \
            'cd "$1" && shift && exec /usr/bin/python3 "$@"' sh "$cwd" "$@"
    fi
}

# ---------------------------------------------------------------------------

status() {
    local name dir mounted
    for name in sid trixie; do
        dir=$(env_dir "$name")
        mounted=no
        [[ -n $(mounts_under "$(realpath -m -- "$dir")") ]] && mounted=yes
        if stamp_ok "$name"; then
            printf '%s: ready (%s), built %s, mounts %s, %s\n' "$name" "$(stamp_summary "$name")" \
                "$(stamp_get "$name" built)" "$mounted" "$dir"
        elif [[ -e $dir ]]; then
            printf '%s: incomplete (no %s; the next build redoes it), mounts %s, %s\n' \
                "$name" "$stamp_name" "$mounted" "$dir"
        else
            printf '%s: missing, %s\n' "$name" "$dir"
        fi
    done
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
    build)
        rc=0
        for n in $(names_of "${1:-sid}"); do
            # Not "( ... ) || rc=3": that would switch off set -e inside the build.
            set +e
            (set -eE; build_one "$n")
            r=$?
            set -e
            ((r == 0)) || rc=3
        done
        exit "$rc"
        ;;
    python)
        name=sid
        if [[ $# -gt 0 && ( $1 == sid || $1 == trixie ) ]]; then name=$1; shift; fi
        run_python "$name" "$@"
        ;;
    umount|unmount)
        rc=0
        for n in $(names_of "${1:-all}"); do
            unmount_locked "$n" || { warn "cannot unmount everything under $(env_dir "$n")"; rc=1; }
        done
        exit "$rc"
        ;;
    remove)
        [[ $# -gt 0 ]] || { warn "remove needs sid, trixie or all"; exit 2; }
        rc=0
        for n in $(names_of "$1"); do
            if remove_dir "$n"; then say "removed $(env_dir "$n")"
            else warn "cannot remove $(env_dir "$n") (mounts still present?)"; rc=1; fi
        done
        exit "$rc"
        ;;
    status) status ;;
    path)
        n=${1:-sid}; check_name "$n"
        env_dir "$n"
        ;;
    -h|--help|help|"") usage ;;
    *) warn "unknown command '$cmd'"; usage ;;
esac
