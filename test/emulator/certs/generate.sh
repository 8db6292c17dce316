#!/bin/sh
# Regenerates the emulator's self-signed TEST-ONLY certificate (10 years) and its SPKI pin.
# Names: the API/CDN/site hosts of 1fichier-api.md §1.1 and every mirror domain of §9.2
# (+ desfichiers.net), each with a wildcard, plus localhost and 127.0.0.1.
set -eu
cd "$(dirname "$0")"
SAN="DNS:api.1fichier.com,DNS:1fichier.com,DNS:*.1fichier.com"
for d in alterupload.com cjoint.net desfichiers.com desfichiers.net dfichiers.com megadl.fr \
         mesfichiers.org piecejointe.net pjointe.com tenvoi.com dl4free.com; do
  SAN="$SAN,DNS:$d,DNS:*.$d"
done
SAN="$SAN,DNS:localhost,IP:127.0.0.1"
CONF=$(mktemp)
cat > "$CONF" <<CONF
[req]
distinguished_name = dn
x509_extensions = v3
prompt = no
[dn]
CN = 1fichier emulator (test only)
[v3]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = $SAN
CONF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
  -config "$CONF" -keyout key.pem -out cert.pem
rm -f "$CONF"
openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der \
  | openssl dgst -sha256 -binary | base64 > spki.txt
echo "SPKI sha256: $(cat spki.txt)"
