#!/usr/bin/env bash
# The Debian package, checked end to end (run by .ci/run, as root or with sudo, on Debian 12):
# build a .deb from the binary the dev build already made (no release build: CI has just
# compiled everything in the dev profile, and a release build of this tree takes longer than
# the rest of CI), check its contents, install it with dpkg, run the installed
# /usr/bin/beian, validate the installed desktop entry and AppStream metainfo, and remove
# the package again. Idempotent: installs desktop-file-utils, appstream and cargo-deb only
# when missing, and removes a beian package left by an interrupted run first.
#
# The package users install is built with the release profile instead:
#   cargo xtask package        (or: cargo deb --locked)
set -euo pipefail
cd "$(dirname "$0")/../.."

CARGO_DEB_VERSION=3.8.0
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/beian/ci-target}"
say() { echo "check-deb: $* (after ${SECONDS} s)"; }
fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in desktop-file-utils appstream; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
        || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
if [ "$(cargo deb --version 2>/dev/null || true)" != "cargo-deb $CARGO_DEB_VERSION" ]; then
    say "installing cargo-deb $CARGO_DEB_VERSION"
    # In a temporary target folder (cargo's default for install), not the shared one.
    env -u CARGO_TARGET_DIR cargo install cargo-deb --locked --version "$CARGO_DEB_VERSION"
fi

# The sources of the desktop entry and the metainfo, before anything is built.
desktop-file-validate packaging/linux/cn.beian.beian.desktop
appstreamcli validate --no-net packaging/linux/cn.beian.beian.metainfo.xml

# The dev-profile binary (a no-op after `cargo xtask test` built it), packaged as it is.
cargo build --locked --bin beian
say "binary built"
out="$CARGO_TARGET_DIR/debian/ci"
mkdir -p "$out"
deb="$out/beian-ci.deb"
rm -f "$deb"
# --profile dev: take target/debug/beian (cargo-deb warns that packages are meant to be
# release builds; this one is only installed and removed here). --fast: light compression.
cargo deb --no-build --profile dev --strip --fast --quiet --output "$deb"
say "built $deb ($(du -h "$deb" | cut -f1))"

contents=$(dpkg-deb --contents "$deb")
for path in \
    ./usr/bin/beian \
    ./usr/share/applications/cn.beian.beian.desktop \
    ./usr/share/metainfo/cn.beian.beian.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/cn.beian.beian.svg \
    ./usr/share/icons/hicolor/16x16/apps/cn.beian.beian.png \
    ./usr/share/icons/hicolor/512x512/apps/cn.beian.beian.png \
    ./usr/share/doc/beian/copyright \
    ./usr/share/doc/beian/LICENSE-MIT \
    ./usr/share/doc/beian/LICENSE-APACHE \
    ./usr/share/doc/beian/third-party/fonts/OFL.txt \
    ./usr/share/doc/beian/third-party/models/LICENSE-blazeface.txt \
    ./usr/share/doc/beian/third-party/models/NOTICE-paddleocr.txt \
    ./usr/share/doc/beian/THIRD-PARTY-NOTICES.md; do
    grep -q " $path\$" <<<"$contents" || fail "the package lacks $path"
done

# The unpacked tree as a whole: metainfo, desktop entry and icons found together.
tree=$(mktemp -d)
data=$(mktemp -d)
cleanup() {
    rm -rf "$tree" "$data"
    if dpkg-query -W -f='${Status}' beian 2>/dev/null | grep -q 'installed'; then
        as_root dpkg -r beian >/dev/null
    fi
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$tree"
appstreamcli validate-tree --no-net "$tree"

if dpkg-query -W -f='${Status}' beian 2>/dev/null | grep -q 'installed'; then
    say "removing the beian package a previous run left"
    as_root dpkg -r beian
fi
as_root dpkg -i "$deb"

[ -x /usr/bin/beian ] || fail "/usr/bin/beian is not installed"
expected="beian $(cargo metadata --no-deps --format-version 1 --offline \
    | python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "beian"))')"
version=$(/usr/bin/beian --version)
[ "$version" = "$expected" ] || fail "beian --version printed '$version', expected '$expected'"
say "installed: $version"

# The sample draft alone, without the documents and photo the start screen adds to it:
# exit 1, and the only errors are those missing files (its fields are all valid).
set +e
/usr/bin/beian check --json --data-dir "$data" assets/samples/sample-personal.ron >"$data/check.json"
status=$?
set -e
[ "$status" = 1 ] || fail "beian check on the sample exited $status, expected 1"
python3 - "$data/check.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
errors = sorted({i["code"] for i in report["issues"] if i["severity"] == "error"})
if report["ok"] or errors != ["document.missing", "face.missing"]:
    sys.exit(f"check-deb: FAILED: unexpected check of the sample: ok={report['ok']} errors={errors}")
PY
say "beian check on the sample: exit 1, only the documents and the face photo missing"

desktop-file-validate /usr/share/applications/cn.beian.beian.desktop
appstreamcli validate --no-net /usr/share/metainfo/cn.beian.beian.metainfo.xml

as_root dpkg -r beian
[ ! -e /usr/bin/beian ] || fail "/usr/bin/beian is still there after dpkg -r"
say "installed, checked and removed"
