#!/usr/bin/env bash
# Times `beian app-info` on a 200 MB APK as a whole process, side by side with
# `apksigner verify --print-certs` on the same file.
#
#   scripts/bench-app-info.sh [RUNS]
#
# Needs the tools of scripts/make-app-fixtures.sh (Debian 12: apksigner, aapt, zipalign,
# android-framework-res, keytool) and builds beian in release mode. The APK (a manifest,
# 2000 small assets and 200 MB of random data, stored) is made in a temporary folder.
set -euo pipefail

runs="${1:-10}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > AndroidManifest.xml << 'EOF'
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.big">
    <uses-sdk android:minSdkVersion="24" android:targetSdkVersion="33"/>
    <application android:label="Big"/>
</manifest>
EOF
mkdir assets
head -c 200000000 /dev/urandom > assets/blob.bin
for i in $(seq 1 2000); do echo "file $i" > "assets/f$i.txt"; done
aapt package -f -0 bin -M AndroidManifest.xml -A assets \
    -I /usr/share/android-framework-res/framework-res.apk -F unsigned.apk
zipalign -f 4 unsigned.apk aligned.apk
keytool -genkeypair -alias key -validity 3650 -dname "CN=Big" -keyalg RSA -keysize 2048 \
    -storetype PKCS12 -keystore ks.p12 -storepass changeit -keypass changeit 2> /dev/null
apksigner sign --ks ks.p12 --ks-pass pass:changeit --out big.apk aligned.apk
rm -rf assets unsigned.apk aligned.apk
ls -l big.apk

(cd "$root" && cargo build --release --bin beian)
beian="${CARGO_TARGET_DIR:-$root/target}/release/beian"

time_runs() { # label command...
    local label="$1"
    shift
    "$@" > /dev/null 2>&1 # warm the page cache
    local start end
    start=$(date +%s%N)
    for _ in $(seq 1 "$runs"); do "$@" > /dev/null 2>&1; done
    end=$(date +%s%N)
    echo "$label: $(((end - start) / runs / 1000000)) ms per run ($runs runs)"
}
time_runs "beian app-info" "$beian" app-info big.apk
time_runs "apksigner verify --print-certs" apksigner verify --print-certs big.apk
"$beian" app-info big.apk | head -5
apksigner verify --print-certs big.apk | grep -i "md5"
