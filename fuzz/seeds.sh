#!/usr/bin/env bash
# Writes the named seed inputs of each fuzz target into corpus/<target>/ (idempotent).
# Inputs that `cargo fuzz run` found and `-merge=1` kept are named by their SHA-1 instead.
set -euo pipefail
cd "$(dirname "$0")"

# der NAME HEX: a binary seed for serial_der, given as hex.
der() { mkdir -p corpus/serial_der; printf '%s' "$2" | xxd -r -p > "corpus/serial_der/$1"; }
# text NAME TEXT: a UTF-8 seed for serial_text, without a trailing newline.
text() { mkdir -p corpus/serial_text; printf '%s' "$2" > "corpus/serial_text/$1"; }

dvv_legacy=0bf4eab0                              # DVV's 4-octet example, 200600240
dvv_long=0100000168f0a805c366b43b5de968c691fb    # DVV's 18-octet example
ff20=$(printf 'ff%.0s' {1..20})
x128=$(printf '5a%.0s' {1..128})

# DER: DVV's examples, X.690 §8.3 edge cases, then inputs each rejected for one reason.
der dvv-legacy                "0204${dvv_legacy}"
der dvv-long                  "0212${dvv_long}"
der zero                      020100
der 127                       02017f
der 128                       02020080
der 255                       020200ff
der 256                       02020100
der minus-1                   0201ff
der minus-128                 020180
der minus-129                 0202ff7f
der 20-octets-positive        "02147f${ff20:2}"
der 20-octets-top-bit         "021500${ff20}"
der 21-octets                 "0215017f${ff20:2}"
der 128-octets-long-length    "028180${x128}"
der err-empty                 ""
der err-wrong-tag             03010a
der err-empty-integer         0200
der err-non-minimal-00        0202007f
der err-non-minimal-ff        0202ff80
der err-indefinite-length     02800100
der err-reserved-length       02ff
der err-long-form-under-128   02810101
der err-leading-zero-length   0282000101
der err-five-length-octets    02850000000001
der err-huge-length           0284ffffffff
der err-truncated-length      0282
der err-truncated-content     02040bf4
der err-trailing-data         02010000

# Text: DVV's examples in every notation, X.690 edges, then malformed texts.
text dvv-legacy-hex           "$dvv_legacy"
text dvv-legacy-decimal       "dec:200600240"
text dvv-legacy-upper         "serial=0BF4EAB0"
text dvv-legacy-colon         "0b:f4:ea:b0"
text dvv-legacy-spaces        " 0B F4 EA B0 "
text dvv-legacy-0x            "0x0bf4eab0"
text dvv-legacy-der           "der:0204${dvv_legacy}"
text dvv-long-hex             "hex:${dvv_long}"
text dvv-long-decimal         "87112293252494463413683796322992020427259"
text dvv-long-der             "der:0212${dvv_long}"
text ambiguous-digits         "12345678"
text zero                     "0"
text minus-zero               "-0"
text minus-1                  "-1"
text minus-128-hex            "-0x80"
text minus-129-decimal        "dec:-129"
text odd-length               "0x102"
text leading-zeros            "000000ff"
text 21-octets-hex            "01${ff20}"
text err-empty                ""
text err-prefix-only          "hex:"
text err-0x-only              "0x"
text err-double-separator     "0b::f4"
text err-trailing-separator   "0b:f4:"
text err-bad-digit            "0bf4eag0"
text err-double-minus         "--1"
text err-plus                 "+1"
text err-decimal-letter       "dec:12a"
text err-non-ascii            "0bf4ä"
text err-der-trailing         "der:02010000"
