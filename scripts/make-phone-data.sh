#!/bin/sh
# Regenerate assets/data/area_codes.ron, mobile_numbers.ron, mobile_provinces.ron
# (+ phone-data.SOURCE.md, LICENSE-phonenumbers.txt) from the PyPI package
# phonenumbers, pinned by version and wheel sha256 in scripts/make-phone-data.py.
# Needs python3 with pip; `pip download --no-deps` runs into a temporary
# directory that is removed afterwards (nothing is installed).
# Extra arguments are passed through (e.g. --check, --wheel FILE).
set -eu
command -v python3 >/dev/null 2>&1 || { echo "make-phone-data.sh: python3 not found" >&2; exit 1; }
exec python3 "$(dirname "$0")/make-phone-data.py" "$@"
