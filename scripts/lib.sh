# Helpers shared by the asset shell scripts in scripts/. Source it from bash after
# setting SCRIPT to the script's name:
#
#   SCRIPT=make-fonts.sh
#   . "$(dirname "$0")/lib.sh"
#
# log / die         messages on standard error, prefixed with $SCRIPT
# sha256_of FILE    the file's SHA-256 (hex)
# size_of FILE      its size in bytes
# install_if_changed SRC DST   copy SRC to DST (mode 0644) only when they differ
# write_if_changed DST         standard input to DST only when it differs
# pinned_venv DIR REQ...       a throwaway venv in DIR with exactly the given pinned
#                              packages (PyPI wheels, no dependencies resolved)
# The Python scripts share scripts/assetlib.py the same way.

log() { printf '%s: %s\n' "$SCRIPT" "$*" >&2; }
die() { printf '%s: ERROR: %s\n' "$SCRIPT" "$*" >&2; exit 1; }

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
size_of() { stat -c %s "$1"; }

install_if_changed() {
    if [[ -f $2 ]] && cmp -s "$1" "$2"; then
        return 0
    fi
    install -m 0644 "$1" "$2.part"
    mv -f "$2.part" "$2"
    log "wrote ${2#"$PWD"/}"
}

write_if_changed() {
    local new
    new=$(mktemp)
    cat >"$new"
    install_if_changed "$new" "$1"
    rm -f "$new"
}

pinned_venv() {
    local dir=$1
    shift
    command -v python3 >/dev/null || die "python3 not found"
    log "installing $* into a temporary venv"
    python3 -m venv "$dir"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check --no-input \
        --only-binary=:all: --no-deps "$@"
}
