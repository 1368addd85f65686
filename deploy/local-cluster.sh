#!/usr/bin/env bash
# A SecureCall cluster on this machine, for a demo: a private PostgreSQL, 3 headless silos, 2 web frontends and a TURN
# server (coturn, deploy/coturn) on 127.0.0.1, with throw-away mutual-TLS certificates and keys (deploy/certs.sh) and a
# TURN secret shared by coturn and the frontends. Use the web client through either frontend; a call placed through
# one rings through the other.
#
#   deploy/local-cluster.sh start    build, start everything, print the URLs
#   deploy/local-cluster.sh stop     stop the processes (SIGTERM, so silos leave the cluster cleanly) and PostgreSQL
#   deploy/local-cluster.sh status   which processes run, and the membership table
#
# State (database, secrets, logs) lives in .local-cluster/, or in SECURECALL_LOCAL_STATE (a folder of your own, for
# example a test's); delete it to start over. Secrets, logs and each process's data folder are owner-only; run as
# root, the state folder itself is 0711 so that the postgres user can reach its data under pg/, and no more.
# Ports: PostgreSQL 55432, silos 11111-11113 (gateways 30001-30003), frontends 8081 and 8082, TURN 3478 (UDP and TCP)
# with relay ports 20000-20099 (UDP); override with SECURECALL_LOCAL_PORT_BASE (default 0, added to each).
# SecureCall__IceServers__IceTransportPolicy=Relay makes every call go through the TURN server (the test of a relayed
# call; in production it hides people's IP addresses from each other). SECURECALL_LOCAL_SILOS sets the number of silos (default 3).
# Other SecureCall__* variables in the environment reach every process (for example raised rate limits for a load test).
set -euo pipefail
state="${SECURECALL_LOCAL_STATE:-}"
# A relative state folder is the caller's, not the repository's.
[[ -z "$state" || "$state" == /* ]] || state="$PWD/$state"
cd "$(dirname "$0")/.."
root=$(pwd)
state="${state:-$root/.local-cluster}"
offset="${SECURECALL_LOCAL_PORT_BASE:-0}"
silo_count="${SECURECALL_LOCAL_SILOS:-3}"
[[ "$silo_count" =~ ^[1-9]$ ]] || { echo "SECURECALL_LOCAL_SILOS must be 1-9." >&2; exit 2; }
pg_port=$((55432 + offset))
frontend_ports=($((8081 + offset)) $((8082 + offset)))
turn_port=$((3478 + offset))
turn_relay_ports=($((20000 + offset)) $((20099 + offset)))
connection="Host=127.0.0.1;Port=${pg_port};Username=postgres;Database=securecall"

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)." >&2; exit 1; }
# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
command -v turnserver >/dev/null 2>&1 || { echo "coturn not found (apt-get install coturn)." >&2; exit 1; }
psql_q() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d securecall -At -c "$1"; }

cluster_env() {
  export SecureCall__Hosting__Clustering=Postgres
  # Each silo opens up to 2 x 20 connections (PostgresCluster.DefaultMaxPoolSize), each frontend a few.
  export SecureCall__Hosting__ClusterId=local SecureCall__Hosting__ServiceId=local
  export SecureCall__Postgres__ConnectionString="$connection"
  export SecureCall__Hosting__Tls__CaCertificatePath="$state/secrets/ca.crt"
  export SecureCall__Models__ModelDirectory="$root/models/out"
}

# Starts one process in the background with its own certificate; $1 name, $2 certificate number, rest: command.
launch() {
  local name=$1 cert=$2; shift 2
  mkdir -p "$state/data-$name" && chmod 700 "$state/data-$name"
  SecureCall__Hosting__Tls__CertificatePath="$state/secrets/process-$cert.crt" \
  SecureCall__Hosting__Tls__KeyPath="$state/secrets/process-$cert.key" \
  SecureCall__Storage__DataDirectory="$state/data-$name" \
    nohup "$@" >"$state/logs/$name.log" 2>&1 &
  echo $! >"$state/pids/$name"
}

wait_for() { # $1 what, $2 log file, rest: command that succeeds when ready
  local what=$1 log=$2; shift 2
  for _ in $(seq 1 180); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$what did not come up; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1
}

start() {
  bash models/prepare.sh --no-parity
  bash Client.Web/build.sh
  dotnet build Silo/SecureCall.Silo.csproj -c Release --nologo -v quiet
  dotnet build WebFrontend/SecureCall.WebFrontend.csproj -c Release --nologo -v quiet
  mkdir -p "$state/logs" "$state/pids" "$state/pg" "$state/pg-sock"
  # Every start sets the same modes (an earlier start may have left others): only the owner lists the state folder or
  # reads what is in it. As root the database runs as postgres, which owns pg/ and must traverse the state folder.
  if [[ $(id -u) -eq 0 ]]; then
    chmod 711 "$state"
    chown postgres:postgres "$state/pg" "$state/pg-sock"
    runuser -u postgres -- test -x "$state/pg" \
      || { echo "The postgres user cannot reach $state/pg: every folder above it must be searchable (o+x)." >&2; exit 1; }
  else
    chmod 700 "$state"
  fi
  chmod 700 "$state/logs" "$state/pids" "$state/pg" "$state/pg-sock"
  bash deploy/certs.sh "$state/secrets" 11 >/dev/null

  if [[ ! -d "$state/pg/data" ]]; then
    as_pg "$pg_bin/initdb" -D "$state/pg/data" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
  fi
  as_pg "$pg_bin/pg_ctl" -D "$state/pg/data" -l "$state/pg/server.log" -w start \
    -o "-p $pg_port -k $state/pg-sock -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -At -c "SELECT 1 FROM pg_database WHERE datname='securecall'" | grep -q 1 \
    || createdb -h 127.0.0.1 -p "$pg_port" -U postgres securecall

  cluster_env
  dotnet Silo/bin/Release/net10.0/SecureCall.Silo.dll migrate
  # Silos hold the token signing keys and template keys; frontends fetch the token public keys from the silos.
  for i in $(seq 1 "$silo_count"); do
    SecureCall__Hosting__SiloPort=$((11110 + i + offset)) SecureCall__Hosting__GatewayPort=$((30000 + i + offset)) \
    SecureCall__Hosting__AdvertisedAddress=127.0.0.1 SecureCall__Hosting__SiloName="silo-$i" \
    SecureCall__Tokens__KeyDirectory="$state/secrets/tokens" SecureCall__Tokens__GenerateKeyIfMissing=false \
    SecureCall__TemplateKeys__KeyDirectory="$state/secrets/kek" SecureCall__TemplateKeys__GenerateKeyIfMissing=false \
      launch "silo-$i" "$i" dotnet Silo/bin/Release/net10.0/SecureCall.Silo.dll --contentRoot "$root/Silo/bin/Release/net10.0"
  done
  for i in $(seq 1 "$silo_count"); do
    wait_for "silo-$i" "$state/logs/silo-$i.log" \
      bash -c "[[ \$(psql -h 127.0.0.1 -p $pg_port -U postgres -d securecall -At -c 'SELECT count(*) FROM orleansmembershiptable WHERE status = 3 AND port = $((11110 + i + offset))') -ge 1 ]]"
  done
  # TURN: loopback only. The browsers and the relay share 127.0.0.1 here, so that one address is allowed as a peer
  # (the shipped settings deny loopback and private ranges). The secret is made once and kept owner-only.
  [[ -s "$state/secrets/turn-secret" ]] || (umask 077; openssl rand -base64 32 | tr -d '\n' >"$state/secrets/turn-secret")
  mkdir -p "$state/turn" && chmod 700 "$state/turn"
  TURN_SECRET_FILE="$state/secrets/turn-secret" TURN_STATE_DIR="$state/turn" TURN_PORT="$turn_port" \
  TURN_LISTENING_IPS=127.0.0.1 TURN_RELAY_IP=127.0.0.1 TURN_MIN_PORT="${turn_relay_ports[0]}" TURN_MAX_PORT="${turn_relay_ports[1]}" \
  TURN_ALLOWED_PEER_IPS=127.0.0.1 \
    nohup sh deploy/coturn/start.sh >"$state/logs/turn.log" 2>&1 &
  echo $! >"$state/pids/turn"
  # Ready when it answers a STUN Binding request (turnutils_stunclient comes with coturn; it retries forever, hence timeout).
  wait_for "turn" "$state/logs/turn.log" timeout 2 turnutils_stunclient -p "$turn_port" 127.0.0.1
  for n in 0 1; do
    name="frontend-$((n + 1))"
    SecureCall__IceServers__TurnUrls__0="turn:127.0.0.1:${turn_port}?transport=udp" \
    SecureCall__IceServers__TurnUrls__1="turn:127.0.0.1:${turn_port}?transport=tcp" \
    SecureCall__IceServers__TurnSharedSecret="$(cat "$state/secrets/turn-secret")" \
      launch "$name" $((10 + n)) dotnet WebFrontend/bin/Release/net10.0/SecureCall.WebFrontend.dll \
        --urls "http://127.0.0.1:${frontend_ports[$n]}" --contentRoot "$root/WebFrontend"
  done
  for n in 0 1; do
    wait_for "frontend-$((n + 1))" "$state/logs/frontend-$((n + 1)).log" curl -fsS "http://127.0.0.1:${frontend_ports[$n]}/health/ready"
  done
  echo "SecureCall cluster (${silo_count} silos, 2 frontends, PostgreSQL on 127.0.0.1:${pg_port}, TURN on 127.0.0.1:${turn_port}) is running:"
  echo "  http://127.0.0.1:${frontend_ports[0]}"
  echo "  http://127.0.0.1:${frontend_ports[1]}"
  echo "Logs in $state/logs; stop with: deploy/local-cluster.sh stop"
}

stop() {
  for f in "$state"/pids/*; do
    [[ -e "$f" ]] || continue
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for f in "$state"/pids/*; do
    [[ -e "$f" ]] || continue
    pid=$(cat "$f")
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$f"
  done
  if [[ -f "$state/pg/data/postmaster.pid" ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$state/pg/data" -m fast -w stop >/dev/null
  fi
  echo "SecureCall local cluster stopped (state kept in $state)."
}

status() {
  for f in "$state"/pids/*; do
    [[ -e "$f" ]] || continue
    if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f"): running"; else echo "$(basename "$f"): not running"; fi
  done
  psql_q "SELECT siloname, address || ':' || port, CASE status WHEN 3 THEN 'active' WHEN 6 THEN 'dead' ELSE status::text END FROM orleansmembershiptable ORDER BY starttime" 2>/dev/null || echo "PostgreSQL is not running."
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
