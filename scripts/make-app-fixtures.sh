#!/usr/bin/env bash
# Make the app-package fixtures in tests/data/apps/ with the real tools, and the values
# each must read as (tests/data/apps/EXPECTED.tsv), computed by openssl and apksigner.
#
#   scripts/make-app-fixtures.sh
#
# Debian 12 only: installs the pinned packages below with apt-get when they are missing
# (run as root, or with the packages already installed). Keys are made anew on each run,
# so the fixtures change with every run; commit them together with EXPECTED.tsv.
set -euo pipefail

PACKAGES=(
    apksigner=31.0.2-1
    aapt=1:10.0.0+r36-10
    zipalign=1:10.0.0+r36-1
    android-framework-res=1:10.0.0+r36-10
    libplist-utils=2.2.0-6+b2
    openjdk-17-jdk-headless
    openssl
    zip
)

need=()
for tool in apksigner aapt zipalign plistutil keytool jarsigner openssl zip; do
    command -v "$tool" > /dev/null || need+=("$tool")
done
[ -f /usr/share/android-framework-res/framework-res.apk ] || need+=(framework-res)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${PACKAGES[*]} (missing: ${need[*]})"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/data/apps"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"

PASS=changeit
keystore() { # name dname [EC]
    local alg=(-keyalg RSA -keysize 2048)
    [ "${3:-}" = EC ] && alg=(-keyalg EC -groupname secp256r1)
    keytool -genkeypair -alias key -validity 3650 -dname "$2" "${alg[@]}" \
        -storetype PKCS12 -keystore "$1.p12" -storepass "$PASS" -keypass "$PASS" 2> /dev/null
    keytool -exportcert -rfc -alias key -keystore "$1.p12" -storepass "$PASS" > "$1.pem" 2> /dev/null
}
keystore release "CN=Beian Example, O=Example Co, C=CN"
keystore ec "CN=Beian EC Example, O=Example Co, C=CN" EC
keystore debug "CN=Android Debug, O=Android, C=US"
keystore newkey "CN=Beian Rotated Example, O=Example Co, C=CN"

cat > AndroidManifest.xml << 'EOF'
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.beian">
    <uses-sdk android:minSdkVersion="24" android:targetSdkVersion="33"/>
    <application android:label="Beian"/>
</manifest>
EOF
aapt package -f -M AndroidManifest.xml -I /usr/share/android-framework-res/framework-res.apk -F unsigned.apk
zipalign -f 4 unsigned.apk aligned.apk
sign() { # out keystore extra-args...
    local dest="$1" ks="$2"
    shift 2
    apksigner sign --ks "$ks.p12" --ks-pass "pass:$PASS" --min-sdk-version 24 "$@" --out "$out/$dest" aligned.apk
    rm -f "$out/$dest.idsig"
}
sign v1v2v3.apk release --v1-signing-enabled true --v2-signing-enabled true --v3-signing-enabled true
sign v1-only.apk release --v1-signing-enabled true --v2-signing-enabled false --v3-signing-enabled false
sign v2-only.apk release --v1-signing-enabled false --v2-signing-enabled true --v3-signing-enabled false
sign ec.apk ec
sign debug.apk debug
apksigner rotate --out lineage --old-signer --ks release.p12 --ks-pass "pass:$PASS" \
    --new-signer --ks newkey.p12 --ks-pass "pass:$PASS"
apksigner sign --ks release.p12 --ks-pass "pass:$PASS" --next-signer --ks newkey.p12 \
    --ks-pass "pass:$PASS" --lineage lineage \
    --min-sdk-version 24 --v1-signing-enabled true --v2-signing-enabled true --v3-signing-enabled true \
    --out "$out/rotated.apk" aligned.apk
rm -f "$out"/*.idsig
# No manifest: what a renamed zip looks like to beian.
echo hi > a.txt && zip -q -X plain.zip a.txt
apksigner sign --ks release.p12 --ks-pass "pass:$PASS" --min-sdk-version 24 \
    --v1-signing-enabled false --out "$out/no-manifest.apk" plain.zip
rm -f "$out"/*.idsig

openssl x509 -in release.pem -outform DER -out "$out/release.cer"
cp release.pem "$out/release.pem"
cp ec.pem "$out/ec.pem"

# iOS: an Apple-like distribution certificate, a CMS-signed provisioning profile that
# lists it, and an .ipa with a binary Info.plist.
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -keyout dist.key -out dist.pem \
    -subj "/UID=ABCDE12345/CN=Apple Distribution: Example Co (ABCDE12345)/OU=ABCDE12345/O=Example Co/C=CN" 2> /dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -keyout dev.key -out dev.pem \
    -subj "/UID=ABCDE12345/CN=Apple Development: Li Lei (XYZ9876543)/OU=ABCDE12345/O=Example Co/C=CN" 2> /dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.pem \
    -subj "/CN=Beian Test Profile Signing/O=Example Co/C=CN" 2> /dev/null
profile() { # out cert.pem
    local der
    der="$(openssl x509 -in "$2" -outform DER | base64 -w0)"
    cat > profile.plist << EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>AppIDName</key><string>Beian Example</string>
    <key>DeveloperCertificates</key><array><data>$der</data></array>
    <key>Entitlements</key><dict><key>application-identifier</key><string>ABCDE12345.com.example.beian</string></dict>
    <key>ExpirationDate</key><date>2027-12-01T00:00:00Z</date>
    <key>Name</key><string>Beian Example App Store</string>
    <key>TeamIdentifier</key><array><string>ABCDE12345</string></array>
</dict>
</plist>
EOF
    openssl cms -sign -nodetach -binary -outform DER -in profile.plist -signer ca.pem -inkey ca.key -out "$1"
}
profile "$out/distribution.mobileprovision" dist.pem
profile dev.mobileprovision dev.pem
cat > Info.xml << 'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>CFBundleDisplayName</key><string>Beian</string>
    <key>CFBundleExecutable</key><string>Beian</string>
    <key>CFBundleIdentifier</key><string>com.example.beian</string>
    <key>CFBundleShortVersionString</key><string>1.0</string>
</dict>
</plist>
EOF
ipa() { # out profile
    rm -rf Payload && mkdir -p Payload/Beian.app
    plistutil -i Info.xml -o Payload/Beian.app/Info.plist -f bin
    cp "$2" Payload/Beian.app/embedded.mobileprovision
    printf '\xcf\xfa\xed\xfe' > Payload/Beian.app/Beian
    rm -f "$1" && zip -q -X -r "$1" Payload
}
ipa "$out/distribution.ipa" "$out/distribution.mobileprovision"
ipa "$out/development.ipa" dev.mobileprovision
cp dist.pem "$out/apple-distribution.pem"

# HarmonyOS: hap-sign-tool is not in Debian, so the test assembles the .hap; here is its
# PKCS#7 signature over a chain (root → intermediate → leaf, EC P-256). The reader must
# pick the leaf by its basicConstraints, not by its place in the set.
openssl ecparam -name prime256v1 -genkey -noout -out hroot.key
openssl req -x509 -new -key hroot.key -days 3650 -subj "/CN=Beian Test Root CA/O=Example Co/C=CN" \
    -addext "basicConstraints=critical,CA:TRUE" -out hroot.pem
openssl ecparam -name prime256v1 -genkey -noout -out hsub.key
openssl req -new -key hsub.key -subj "/CN=Beian Test Sub CA/O=Example Co/C=CN" -out hsub.csr
openssl x509 -req -in hsub.csr -CA hroot.pem -CAkey hroot.key -CAcreateserial -days 3650 \
    -extfile <(printf 'basicConstraints=critical,CA:TRUE\n') -out hsub.pem 2> /dev/null
openssl ecparam -name prime256v1 -genkey -noout -out hleaf.key
openssl req -new -key hleaf.key -subj "/CN=Example Co(123456789)\\,Release/O=Example Co/C=CN" -out hleaf.csr
openssl x509 -req -in hleaf.csr -CA hsub.pem -CAkey hsub.key -CAcreateserial -days 365 \
    -extfile <(printf 'basicConstraints=critical,CA:FALSE\n') -out hleaf.pem 2> /dev/null
cat hroot.pem hsub.pem > hchain.pem
echo "hap content digest" > hapdata.bin
openssl cms -sign -binary -outform DER -in hapdata.bin -signer hleaf.pem -inkey hleaf.key \
    -certfile hchain.pem -out "$out/hap-signature.p7b"
cp hleaf.pem "$out/harmony-leaf.pem"
cat hroot.pem hsub.pem hleaf.pem > "$out/harmony-app.cer"

# The values each file must read as.
md5() { openssl x509 -in "$1" -noout -fingerprint -md5 | sed 's/.*=//; s/://g'; }
sha1() { openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g'; }
modulus() { openssl x509 -in "$1" -noout -modulus 2> /dev/null | sed -n 's/^Modulus=//p' | grep -v 'No modulus' || true; }
ecpoint() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | tail -c 65 | xxd -p -c 200 | tr a-f A-F; }
spki() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | xxd -p -c 10000 | tr a-f A-F; }
apkmd5() { apksigner verify --print-certs "$out/$1" 2> /dev/null | sed -n "s/^Signer #$2 certificate MD5 digest: //p" | tr a-f A-F; }
{
    printf 'name\tmd5\tsha1\tmodulus\tecpoint\tspki\n'
    for c in release ec debug newkey dist dev hleaf; do
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$(md5 $c.pem)" "$(sha1 $c.pem)" "$(modulus $c.pem)" \
            "$( [ $c = ec ] || [ $c = hleaf ] && ecpoint $c.pem || true)" "$(spki $c.pem)"
    done
    for apk in v1v2v3.apk v2-only.apk ec.apk debug.apk rotated.apk; do
        printf 'apksigner:%s\t%s\t\t\t\t\n' "$apk" "$(apkmd5 $apk 1)"
    done
} > "$out/EXPECTED.tsv"
ls -l "$out"
