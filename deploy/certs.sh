#!/usr/bin/env bash
# Throw-away cluster secrets for a demo or a test cluster (docs/cluster-tls.md explains each step and how to do it
# properly): a cluster CA, N process certificates for mutual TLS (silos and frontends), one RSA token signing key and
# one face-template key-encryption key (KEK).
#
#   deploy/certs.sh [--owner UID[:GID]] [--days DAYS] DIR N
#
# Layout of DIR (directories 0700, files 0600):
#   ca.crt ca.key                        the cluster CA (EC P-256); keep ca.key only as long as you issue certificates
#   process-1.crt process-1.key … N      one certificate per process: EC P-256, extendedKeyUsage serverAuth+clientAuth
#   tokens/signing.pem                   RSA 3072, PKCS#8 PEM  -> SecureCall__Tokens__KeyDirectory=DIR/tokens
#   kek/kek-1.kek                        32 random bytes, base64 -> SecureCall__TemplateKeys__KeyDirectory=DIR/kek
#
# Idempotent: what exists is kept, what is missing is made (a larger N adds certificates signed by the same CA). A
# process certificate that has expired or expires within a day is issued again. To start over, delete DIR.
# --owner (when run as root, e.g. the compose init step) hands DIR and everything in it to that user, so a process
# running as that user, and no one else, can read the keys.
set -euo pipefail

usage() { echo "usage: $0 [--owner UID[:GID]] [--days DAYS] DIR N" >&2; exit 2; }
fail() { echo "[certs] ERROR: $*" >&2; exit 1; }

owner=""
days=90
while (( $# > 0 )); do
  case "$1" in
    --owner) [[ $# -ge 2 ]] || usage; owner="$2"; shift 2 ;;
    --days) [[ $# -ge 2 ]] || usage; days="$2"; shift 2 ;;
    --) shift; break ;;
    -*) usage ;;
    *) break ;;
  esac
done
[[ $# -eq 2 ]] || usage
dir="$1"
count="$2"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || fail "N must be a positive integer (got '$count')."
[[ "$days" =~ ^[1-9][0-9]*$ ]] || fail "--days must be a positive integer (got '$days')."
[[ -z "$owner" || "$owner" =~ ^[0-9]+(:[0-9]+)?$ ]] || fail "--owner must be UID or UID:GID (numbers)."
command -v openssl >/dev/null 2>&1 || fail "openssl is not installed."

# Everything created from here on is owner-only, whatever the caller's umask.
umask 077
mkdir -p "$dir" "$dir/tokens" "$dir/kek"
chmod 700 "$dir" "$dir/tokens" "$dir/kek"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

say() { echo "[certs] $*"; }

# 1. The cluster CA. The CA lives ten times as long as the certificates it signs, so re-running this script can
#    re-issue process certificates without replacing the trust anchor every process has.
ca_days=$(( days * 10 ))
if [[ ! -f "$dir/ca.crt" ]]; then
  [[ ! -f "$dir/ca.key" ]] || fail "$dir/ca.key exists without ca.crt; delete $dir to start over."
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ca.key"
  cat > "$work/ca.ext" <<'EOF'
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
  openssl req -new -x509 -key "$dir/ca.key" -sha256 -days "$ca_days" \
    -subj "/CN=SecureCall throw-away cluster CA $(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    -extensions v3_ca -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n[v3_ca]\n'; cat "$work/ca.ext") \
    -out "$dir/ca.crt"
  say "created the cluster CA ($ca_days days): $dir/ca.crt"
elif [[ ! -f "$dir/ca.key" ]]; then
  say "cluster CA present, its key is not: no new process certificates can be issued"
fi

# 2. Process certificates. The silos check only that a peer's certificate chains to the CA and is within its validity
#    period; the subject name is for people reading logs, not for authentication.
cat > "$work/process.ext" <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
for (( i = 1; i <= count; i++ )); do
  name="process-$i"
  crt="$dir/$name.crt"
  key="$dir/$name.key"
  if [[ -f "$crt" && -f "$key" ]] && openssl x509 -in "$crt" -noout -checkend 86400 >/dev/null; then
    continue
  fi
  [[ -f "$dir/ca.key" ]] || fail "cannot issue $name: $dir/ca.key is missing."
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key"
  openssl req -new -key "$key" -subj "/CN=securecall-$name" -out "$work/$name.csr"
  openssl x509 -req -in "$work/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -CAserial "$work/ca.srl" -sha256 -days "$days" -extfile "$work/process.ext" -out "$crt" 2>/dev/null
  openssl verify -CAfile "$dir/ca.crt" "$crt" >/dev/null || fail "$crt does not verify against $dir/ca.crt."
  say "issued $name ($days days): $crt"
done

# 3. The token signing key (RS256, at least 2048 bits; every silo and frontend loads *.pem from the key directory).
if ! compgen -G "$dir/tokens/*.pem" >/dev/null; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$dir/tokens/signing.pem" 2>/dev/null
  say "created the token signing key: $dir/tokens/signing.pem"
fi

# 4. The face-template key-encryption key: its file name without .kek is its key id.
if ! compgen -G "$dir/kek/*.kek" >/dev/null; then
  openssl rand -base64 32 > "$dir/kek/kek-1.kek"
  say "created the template key-encryption key: $dir/kek/kek-1.kek"
fi

# Files made by earlier runs under another umask, or copied in, are tightened too.
find "$dir" -type d -exec chmod 700 {} +
find "$dir" -type f -exec chmod 600 {} +
if [[ -n "$owner" ]]; then
  chown -R "$owner" "$dir"
fi
say "ready: $dir ($count process certificates)"
