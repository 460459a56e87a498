#!/usr/bin/env bash
# vendor/rten is the crates.io release rten 0.27.0 with the patches in vendor/rten/patches/
# applied (see vendor/rten/PATCHES.md). This script keeps that checkable:
#
#   scripts/rten-patches.sh --check    the pristine crate + the patches == vendor/rten
#   scripts/rten-patches.sh --update   write the patches again from vendor/rten
#   scripts/rten-patches.sh --test     run rten's own unit tests of the patched files on
#                                      the patched sources, with the release's Cargo.lock
#
# Options combine (`--check --test` is what .ci/run does). The pristine crate is fetched
# once from crates.io and checked against the checksum the registry's index publishes,
# pinned below; it is kept in ~/.cache/beian (or $XDG_CACHE_HOME/beian).
set -euo pipefail

VERSION=0.27.0
# The checksums crates.io's index publishes for the two crates of the release.
SHA256=639c5d2ce961f3e154878d1d48c2ac3451e5a6ea5d9c0b0d5f0da362f4c57dab
ONNX_SHA256=1f5e1b53db6b98229a00ea28d0868c5d8078e4f8e891ae5e15bc519f526d9b43
# The files beian changed, and the release's files it leaves out of vendor/rten.
PATCHED=(src/buffer_pool.rs src/graph.rs src/ops/conv.rs src/ops/conv/depthwise.rs src/ops/resize.rs)
LEFT_OUT=(.cargo_vcs_info.json Cargo.lock Cargo.toml.orig)
# Beian's own files in vendor/rten.
ADDED=(LICENSE-APACHE PATCHES.md patches)
# The upstream test modules of the patched files.
TESTS=(buffer_pool:: graph:: ops::conv:: ops::resize::)

root="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$root/vendor/rten"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/beian"

check=0 update=0 test=0
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        --update) update=1 ;;
        --test) test=1 ;;
        *) echo "usage: $0 [--check] [--update] [--test]" >&2; exit 2 ;;
    esac
done
[ $((check + update + test)) -gt 0 ] || check=1

# Fetches a crate of the release once (checked against its pinned checksum) and unpacks
# it into $work.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"
unpack() {
    local name="$1" sum="$2" crate="$cache/$1-$VERSION.crate"
    if [ ! -f "$crate" ] || ! echo "$sum  $crate" | sha256sum -c --status; then
        echo "fetching $name $VERSION from crates.io" >&2
        curl -sSfL --retry 3 -o "$crate.part" "https://static.crates.io/crates/$name/$name-$VERSION.crate"
        echo "$sum  $crate.part" | sha256sum -c --status || {
            echo "$name-$VERSION.crate does not have the pinned checksum" >&2
            rm -f "$crate.part"
            exit 1
        }
        mv "$crate.part" "$crate"
    fi
    tar -xzf "$crate" -C "$work"
}
unpack rten "$SHA256"
pristine="$work/rten-$VERSION"

if [ "$update" = 1 ]; then
    rm -rf "$vendor/patches"
    mkdir -p "$vendor/patches"
    for file in "${PATCHED[@]}"; do
        name="$(echo "$file" | sed 's|^src/||; s|/|-|g; s|\.rs$||').patch"
        # diff exits 1 when the files differ, which is the point.
        diff -u --label "a/$file" --label "b/$file" "$pristine/$file" "$vendor/$file" \
            > "$vendor/patches/$name" || true
        [ -s "$vendor/patches/$name" ] || { echo "$file no longer differs" >&2; exit 1; }
    done
    echo "wrote $(ls "$vendor/patches" | wc -l) patches to vendor/rten/patches/" >&2
fi

# The pristine release with every patch applied, as vendor/rten should be.
patched="$work/patched"
cp -a "$pristine" "$patched"
for patch in "$vendor"/patches/*.patch; do
    patch -s -p1 -d "$patched" < "$patch"
done

if [ "$check" = 1 ]; then
    excludes=()
    for name in "${LEFT_OUT[@]}" "${ADDED[@]}"; do excludes+=(--exclude "$name"); done
    if diff -r "${excludes[@]}" "$patched" "$vendor"; then
        echo "vendor/rten is rten $VERSION with the $(ls "$vendor"/patches/*.patch | wc -l) patches of vendor/rten/patches/" >&2
    else
        echo "vendor/rten differs from rten $VERSION + its patches (scripts/rten-patches.sh --update after a deliberate change)" >&2
        exit 1
    fi
fi

if [ "$test" = 1 ]; then
    # Built on its own (vendor/rten is not a member of beian's workspace), with the
    # release's lock file, in a target folder kept between runs.
    # The test helpers of rten's repository are not published with the crate; beian's
    # stand-ins in scripts/rten-test-support/ offer the same calls.
    cp "$pristine/Cargo.lock" "$patched/Cargo.lock"
    # A test model (the one include_bytes! outside the crate) ships in rten-onnx, which
    # sits inside rten's folder in its repository.
    unpack rten-onnx "$ONNX_SHA256"
    ln -s "$work/rten-onnx-$VERSION" "$patched/rten-onnx"
    support="$root/scripts/rten-test-support"
    printf '\n[dev-dependencies.rten-testing]\npath = "%s"\n\n[dev-dependencies.rten-bench]\npath = "%s"\n' \
        "$support/rten-testing" "$support/rten-bench" >> "$patched/Cargo.toml"
    target="${CARGO_TARGET_DIR:-$cache/target}/rten-upstream"
    CARGO_TARGET_DIR="$target" cargo test --quiet --lib \
        --manifest-path "$patched/Cargo.toml" -- "${TESTS[@]}"
fi
