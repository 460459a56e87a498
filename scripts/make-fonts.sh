#!/usr/bin/env bash
# Regenerate the CJK fonts bundled in assets/fonts/ from Debian packages.
#
#   scripts/make-fonts.sh            build, verify against assets/fonts/SHA256SUMS, install
#   scripts/make-fonts.sh --update   build and rewrite assets/fonts/SHA256SUMS
#
# Outputs (see assets/fonts/SOURCES.md):
#   NotoSansSC-Regular-GB2312.otf        Noto Sans CJK SC Regular, subset to GB2312 + UI symbols
#   DroidSansFallbackFull.ttf            unmodified, second fallback for rare name characters
#   OFL.txt, LICENSE-Apache-2.0-DroidSansFallback.txt, SOURCES.md, SHA256SUMS
#
# Needs Debian/Ubuntu (apt-get, dpkg-query), python3 with venv, and access to
# the Debian archive and PyPI. Idempotent: a second run changes nothing.
set -euo pipefail

FONTTOOLS_VERSION=4.68.0
NOTO_TTC=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
NOTO_FACE=2                        # index of "Noto Sans CJK SC" in the collection
NOTO_PS_NAME=NotoSansCJKsc-Regular
DROID_TTF=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
# Besides GB2312: ASCII, Latin-1 + Latin Extended-A, General Punctuation,
# Letterlike Symbols + Arrows, Enclosed Alphanumerics .. Geometric Shapes,
# CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms.
EXTRA_UNICODES='U+0020-007E,U+00A0-017F,U+2000-206F,U+2100-21FF,U+2460-25FF,U+3000-303F,U+FF00-FFEF'

NOTO_OUT=NotoSansSC-Regular-GB2312.otf
DROID_OUT=DroidSansFallbackFull.ttf

update=0
for arg in "$@"; do
    case "$arg" in
        --update) update=1 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "make-fonts.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
SCRIPT=make-fonts.sh
. scripts/lib.sh
REPO=$(pwd)
DEST=$REPO/assets/fonts
SUMS=$DEST/SHA256SUMS
export LC_ALL=C.UTF-8 PYTHONHASHSEED=0

# --- 1. Debian packages ----------------------------------------------------
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

pkgs=(fonts-noto-cjk fonts-droid-fallback)
python3 -c 'import venv, ensurepip' 2>/dev/null || pkgs+=(python3 python3-venv)
missing=()
for p in "${pkgs[@]}"; do is_installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ -f "$NOTO_TTC" ] || die "$NOTO_TTC not found (fonts-noto-cjk)"
[ -f "$DROID_TTF" ] || die "$DROID_TTF not found (fonts-droid-fallback)"
NOTO_PKG_VERSION=$(dpkg-query -W -f='${Version}' fonts-noto-cjk)
DROID_PKG_VERSION=$(dpkg-query -W -f='${Version}' fonts-droid-fallback)

# --- 2. fonttools in a throwaway venv ---------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/make-fonts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
pinned_venv "$WORK/venv" "fonttools==$FONTTOOLS_VERSION"
PY=$WORK/venv/bin/python
got=$("$PY" -c 'import fontTools; print(fontTools.version)')
[ "$got" = "$FONTTOOLS_VERSION" ] || die "fonttools $got installed, want $FONTTOOLS_VERSION"

# --- 3. character list + face check ------------------------------------------
"$PY" - "$NOTO_TTC" "$NOTO_FACE" "$NOTO_PS_NAME" "$WORK/gb2312.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont
ttc, face, ps_name, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
name = TTFont(ttc, fontNumber=face, lazy=True)["name"]
family, ps = name.getDebugName(1), name.getDebugName(6)
if family != "Noto Sans CJK SC" or ps != ps_name:
    sys.exit(f"face {face} of {ttc} is {family!r} / {ps!r}, expected Noto Sans CJK SC / {ps_name}")
chars = []
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.append(bytes((b1, b2)).decode("gb2312"))
        except UnicodeDecodeError:
            pass
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(chars))
print(f"face {face}: {family} ({ps}); GB2312 characters: {len(chars)}", file=sys.stderr)
PY

# --- 4. build into a staging directory ---------------------------------------
STAGE=$WORK/out
mkdir -p "$STAGE"
# Keeps CFF hints (egui hints glyphs by default) and the default OpenType
# layout features minus locl (pulls in ~5,800 JP/KR/TC glyph variants) and
# vert/vrt2 (vertical text; egui lays out horizontally only).
# The head.modified timestamp is copied from the source, so output is byte-stable.
SUBSET_CMD=(pyftsubset "$NOTO_TTC"
    --font-number="$NOTO_FACE"
    --text-file="$WORK/gb2312.txt"
    --unicodes="$EXTRA_UNICODES"
    --layout-features-=locl,vert,vrt2
    --name-IDs=0,1,2,3,4,5,6,7,13,14
    --drop-tables+=FFTM
    --no-recalc-timestamp
    --output-file="$STAGE/$NOTO_OUT")
log "${SUBSET_CMD[*]}"
"$WORK/venv/bin/${SUBSET_CMD[0]}" "${SUBSET_CMD[@]:1}"
cp "$DROID_TTF" "$STAGE/$DROID_OUT"

# Sanity check: the glyphs the app relies on are present.
"$PY" - "$STAGE/$NOTO_OUT" "$STAGE/$DROID_OUT" "$WORK/gb2312.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont
noto, droid = (TTFont(p, lazy=True).getBestCmap() for p in sys.argv[1:3])
gb = open(sys.argv[3], encoding="utf-8").read()
missing = [c for c in gb if ord(c) not in noto]
if missing:
    print(f"note: {len(missing)} GB2312 characters not in Noto: {''.join(missing)}", file=sys.stderr)
need = {"Noto": (noto, "备案助手主体信息网站，。：（）、《》“”"), "Droid": (droid, "堃喆玥昇珺")}
for label, (cmap, text) in need.items():
    lack = [c for c in text if ord(c) not in cmap]
    if lack:
        sys.exit(f"{label} lacks {''.join(lack)}")
print(f"glyph check ok ({len(noto)} code points in subset)", file=sys.stderr)
PY

# --- 5. checksums ------------------------------------------------------------
(cd "$STAGE" && sha256sum "$NOTO_OUT" "$DROID_OUT") > "$WORK/SHA256SUMS"
if [ "$update" -eq 0 ] && [ -f "$SUMS" ]; then
    if ! (cd "$STAGE" && sha256sum --strict -c "$SUMS" >&2); then
        {
            echo
            echo "make-fonts.sh: CHECKSUM MISMATCH - generated fonts differ from $SUMS"
            echo "expected:"; sed 's/^/  /' "$SUMS"
            echo "got:";      sed 's/^/  /' "$WORK/SHA256SUMS"
            echo "(fonts-noto-cjk $NOTO_PKG_VERSION, fonts-droid-fallback $DROID_PKG_VERSION, fonttools $FONTTOOLS_VERSION)"
            echo "assets/fonts was left untouched. If the change is intended, rerun with --update."
        } >&2
        exit 1
    fi
elif [ "$update" -eq 0 ]; then
    log "no $SUMS yet: recording checksums"
fi

# --- 6. install --------------------------------------------------------------
mkdir -p "$DEST"
install_if_changed "$STAGE/$NOTO_OUT" "$DEST/$NOTO_OUT"
install_if_changed "$STAGE/$DROID_OUT" "$DEST/$DROID_OUT"
install_if_changed "$WORK/SHA256SUMS" "$SUMS"

# Licence texts and SOURCES.md, derived from the installed packages.
"$PY" - "$WORK" "$NOTO_TTC" "$NOTO_FACE" <<'PY'
import os, sys
from fontTools.ttLib import TTFont
work, ttc, face = sys.argv[1], sys.argv[2], int(sys.argv[3])

def deb822(path):
    """Paragraphs of a machine-readable debian/copyright as lists of (field, value)."""
    paras, cur = [], []
    for line in open(path, encoding="utf-8").read().splitlines():
        if not line.strip():
            if cur: paras.append(cur); cur = []
        elif line[0] in " \t" and cur:
            body = line.strip()
            cur[-1][1].append("" if body == "." else line[1:].rstrip())
        else:
            k, _, v = line.partition(":")
            cur.append((k, [v.strip()]))
    if cur: paras.append(cur)
    return [[(k, "\n".join(v).strip("\n")) for k, v in p] for p in paras]

def licence_text(paras, name):
    for p in paras:
        if p[0][0] == "License" and p[0][1].split("\n", 1)[0] == name:
            return p[0][1].split("\n", 1)[1].strip("\n")
    raise SystemExit(f"licence {name} not found")

# OFL.txt: copyright line from the font's own name table (nameID 0) and the
# upstream noto-cjk LICENSE's Reserved Font Name; OFL body from Debian.
name = TTFont(ttc, fontNumber=face, lazy=True)["name"]
copyright = name.getDebugName(0).replace("\u00a9", "Copyright").rstrip(". ")
ofl = licence_text(deb822("/usr/share/doc/fonts-noto-cjk/copyright"), "SIL-1.1")
ofl = "\n".join(l[1:] if l.startswith(" ") else l for l in ofl.split("\n"))
with open(os.path.join(work, "OFL.txt"), "w", encoding="utf-8") as f:
    f.write(f"{copyright}, with Reserved Font Name 'Source'.\n"
            f"{name.getDebugName(7)}\n\n"
            "Applies to NotoSansSC-Regular-GB2312.otf, a subset (Modified Version) of\n"
            "Noto Sans CJK SC Regular (https://github.com/notofonts/noto-cjk).\n\n"
            "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
            "This license is copied below, and is also available with a FAQ at:\n"
            "https://openfontlicense.org\n\n"
            f"{ofl}\n")

paras = deb822("/usr/share/doc/fonts-droid-fallback/copyright")
files_star = next(dict(p) for p in paras if dict(p).get("Files") == "*")
with open(os.path.join(work, "LICENSE-Apache-2.0-DroidSansFallback.txt"), "w", encoding="utf-8") as f:
    f.write("DroidSansFallbackFull.ttf (Droid Sans Fallback, from the Android Open Source Project,\n"
            "https://android.googlesource.com/platform/frameworks/base/), unmodified.\n\n"
            + "\n".join(l.strip() for l in files_star["Copyright"].split("\n")) + "\n\n"
            "Licensed under the Apache License, Version 2.0. The full text follows.\n\n"
            + open("/usr/share/common-licenses/Apache-2.0", encoding="utf-8").read())
PY
install_if_changed "$WORK/OFL.txt" "$DEST/OFL.txt"
install_if_changed "$WORK/LICENSE-Apache-2.0-DroidSansFallback.txt" \
    "$DEST/LICENSE-Apache-2.0-DroidSansFallback.txt"

size() { size_of "$DEST/$1"; }
cat > "$WORK/SOURCES.md" <<EOF
# Bundled fonts

Generated by \`scripts/make-fonts.sh\`; do not edit these files by hand.

| File | Size (bytes) | What | Licence |
|---|---|---|---|
| \`$NOTO_OUT\` | $(size "$NOTO_OUT") | Noto Sans CJK SC Regular (face $NOTO_FACE, \`$NOTO_PS_NAME\`, of \`$NOTO_TTC\`), subset to all 7,445 GB2312 characters plus \`$EXTRA_UNICODES\`. Primary CJK font. | SIL OFL 1.1, see \`OFL.txt\` |
| \`$DROID_OUT\` | $(size "$DROID_OUT") | Droid Sans Fallback, copied unmodified from \`$DROID_TTF\`. Second fallback for characters outside GB2312 (e.g. rare name characters 堃 喆 玥 昇 珺). | Apache 2.0, see \`LICENSE-Apache-2.0-DroidSansFallback.txt\` |

SHA-256 (also in \`SHA256SUMS\`, which the script verifies):

\`\`\`
$(cat "$SUMS")
\`\`\`

## Sources

- Debian package \`fonts-noto-cjk\` $NOTO_PKG_VERSION (upstream https://github.com/notofonts/noto-cjk)
- Debian package \`fonts-droid-fallback\` $DROID_PKG_VERSION
- fonttools $FONTTOOLS_VERSION (PyPI), installed in a temporary venv

Subset command:

\`\`\`
pyftsubset $NOTO_TTC \\
    --font-number=$NOTO_FACE --text-file=gb2312.txt \\
    --unicodes='$EXTRA_UNICODES' \\
    --layout-features-=locl,vert,vrt2 --name-IDs=0,1,2,3,4,5,6,7,13,14 \\
    --drop-tables+=FFTM --no-recalc-timestamp \\
    --output-file=$NOTO_OUT
\`\`\`

\`gb2312.txt\` holds every 2-byte code with first byte 0xA1-0xF7 and second byte
0xA1-0xFE that Python's \`gb2312\` codec decodes. Hinting is kept (egui hints
glyphs by default); \`locl\` is dropped because it pulls in about 5,800
Japanese/Korean/Traditional glyph variants, \`vert\`/\`vrt2\` because egui only
lays out horizontally.

## Regenerating

\`\`\`
scripts/make-fonts.sh           # rebuild and verify against SHA256SUMS (fails on mismatch)
scripts/make-fonts.sh --update  # rebuild and accept new checksums (e.g. after a package update)
\`\`\`

Runs on Debian/Ubuntu; installs the two packages with apt-get if missing.
The output is byte-identical across runs for the same package and fonttools versions.
EOF
install_if_changed "$WORK/SOURCES.md" "$DEST/SOURCES.md"

log "done: $(cd "$DEST" && sha256sum --strict -c SHA256SUMS | tr '\n' ' ')"
