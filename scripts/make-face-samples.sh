#!/usr/bin/env bash
# Regenerate the face test frames in assets/samples/faces/ (CASES.md, SHA256SUMS,
# *.jpg, sequence/*.jpg) and the detector reference reference-detections.json.
#
#   scripts/make-face-samples.sh           write (unchanged files are left alone)
#   scripts/make-face-samples.sh --check   regenerate in memory, compare, write nothing
#
# Installs the pinned wheels below into a throwaway venv (PyPI), makes sure the
# BlazeFace models are in assets/models/ (scripts/fetch-models.sh), then runs
# scripts/make-face-samples.py and scripts/make-face-reference.py.
# Deterministic: a second run writes byte-identical files.
set -euo pipefail

# Exact versions of everything imported, dependencies included (--no-deps).
WHEELS=(
    numpy==2.4.6
    pillow==13.0.0
    scikit-image==0.26.0
    scipy==1.17.1
    imageio==2.38.1
    lazy-loader==0.6
    networkx==3.6.1
    packaging==26.4
    tifffile==2026.3.3
    onnxruntime==1.32.0
    flatbuffers==25.12.19
    protobuf==7.36.2
)

args=()
fetch_args=()
for arg in "$@"; do
    case "$arg" in
        --check) args+=(--check); fetch_args+=(--check) ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "make-face-samples.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
SCRIPT=make-face-samples.sh
. scripts/lib.sh

scripts/fetch-models.sh "${fetch_args[@]}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/make-face-samples.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
pinned_venv "$WORK/venv" "${WHEELS[@]}"

export PYTHONHASHSEED=0 LC_ALL=C.UTF-8
"$WORK/venv/bin/python" scripts/make-face-samples.py "${args[@]}"
"$WORK/venv/bin/python" scripts/make-face-reference.py "${args[@]}"
