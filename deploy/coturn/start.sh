#!/bin/sh
# Starts coturn with SecureCall's shared settings (turnserver.conf beside this script, or /etc/securecall/ in the
# image) plus this deployment's own, from the environment. The shared secret is read from a file and written only
# into a configuration file of mode 0600, never onto a command line. Used by deploy/local-cluster.sh, the coturn
# image (deploy/docker/Coturn.Dockerfile: compose and Kubernetes) and the browser tests.
#
#   TURN_SECRET_FILE        file holding the secret shared with the web frontends (required)
#   TURN_STATE_DIR          where the composed configuration, pid file and coturn's database go (default /tmp/coturn)
#   TURN_BASE_CONFIG        the shared settings (default: turnserver.conf beside this script)
#   TURN_PORT               listening port, UDP and TCP (3478)
#   TURN_LISTENING_IPS      space-separated addresses to listen on (default: all)
#   TURN_RELAY_IP           the local address relay ports are opened on (default: coturn picks)
#   TURN_EXTERNAL_IP        the public address browsers reach, "public" or "public/private" behind 1:1 NAT
#   TURN_MIN_PORT/MAX_PORT  relay port range (49160-49999); open it in the firewall, UDP
#   TURN_ALLOWED_PEER_IPS   space-separated exceptions to the denied private ranges; a loopback address here also
#                           turns on allow-loopback-peers (only for set-ups where browsers and relay share loopback)
#   TURN_TLS_CERT/KEY       certificate and key (PEM): TLS and DTLS on TURN_TLS_PORT (5349) for turns: URLs
#   TURN_NO_TCP=1           UDP only (no TCP listener)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
base="${TURN_BASE_CONFIG:-$here/turnserver.conf}"
state="${TURN_STATE_DIR:-/tmp/coturn}"
[ -r "${TURN_SECRET_FILE:-}" ] || { echo "TURN_SECRET_FILE must name a readable file with the shared secret." >&2; exit 2; }
secret=$(cat "$TURN_SECRET_FILE")
[ "${#secret}" -ge 16 ] || { echo "The TURN shared secret must be at least 16 characters." >&2; exit 2; }
umask 077
mkdir -p "$state"
conf="$state/turnserver.conf"
{
  cat "$base"
  echo
  echo "# This deployment's own (deploy/coturn/start.sh)"
  echo "listening-port=${TURN_PORT:-3478}"
  for ip in ${TURN_LISTENING_IPS:-}; do echo "listening-ip=$ip"; done
  if [ -n "${TURN_RELAY_IP:-}" ]; then echo "relay-ip=$TURN_RELAY_IP"; fi
  if [ -n "${TURN_EXTERNAL_IP:-}" ]; then echo "external-ip=$TURN_EXTERNAL_IP"; fi
  echo "min-port=${TURN_MIN_PORT:-49160}"
  echo "max-port=${TURN_MAX_PORT:-49999}"
  for ip in ${TURN_ALLOWED_PEER_IPS:-}; do
    echo "allowed-peer-ip=$ip"
    case "$ip" in 127.*|::1) echo "allow-loopback-peers" ;; esac
  done
  if [ -n "${TURN_TLS_CERT:-}" ]; then
    echo "tls-listening-port=${TURN_TLS_PORT:-5349}"
    echo "cert=$TURN_TLS_CERT"
    echo "pkey=${TURN_TLS_KEY:?TURN_TLS_KEY must go with TURN_TLS_CERT}"
    echo "no-tlsv1"
    echo "no-tlsv1_1"
  else
    echo "no-tls"
    echo "no-dtls"
  fi
  if [ "${TURN_NO_TCP:-0}" = 1 ]; then echo "no-tcp"; fi
  echo "pidfile=$state/turnserver.pid"
  echo "userdb=$state/turndb"
  echo "static-auth-secret=$secret"
} >"$conf"
exec turnserver -c "$conf"
