#!/usr/bin/env bash
# Cluster-mode load runs, printed next to the standalone host's: signature logins/s and call set-ups/s with 1, 2 and 3
# silos (deploy/local-cluster.sh on this machine: PostgreSQL, N silos, 2 frontends), then the standalone host. Calls are
# placed through frontend 1 and ring through frontend 2. All processes share this machine's cores, so the numbers
# show errors and regressions, not how a cluster of real machines scales.
#
#   tests/benchmarks/cluster.sh [seconds]     (default 20 s per run, after a 10 s warm-up)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
bench=tests/benchmarks/SecureCall.Benchmarks/bin/Release/net10.0/SecureCall.Benchmarks.dll
dotnet build tests/benchmarks/SecureCall.Benchmarks/SecureCall.Benchmarks.csproj -c Release --nologo -v quiet >/dev/null
# One test address and few users: lift the per-address and per-user limits that would otherwise (rightly) stop the load.
export SecureCall__Api__SignatureRequestsPerMinutePerIp=100000000 SecureCall__Api__PasswordRequestsPerMinutePerIp=100000000
export SecureCall__Challenges__ChallengesPerMinutePerUser=100000000 SecureCall__Signaling__CallsPerMinutePerUser=100000000
export SecureCall__Signaling__RequiredAmr=sig,live,face
trap 'bash deploy/local-cluster.sh stop >/dev/null 2>&1 || true' EXIT
for silos in 1 2 3; do
  rm -rf .local-cluster
  SECURECALL_LOCAL_SILOS=$silos bash deploy/local-cluster.sh start >/dev/null
  echo "=== cluster mode, ${silos} silo(s), 2 frontends, PostgreSQL"
  dotnet "$bench" login --clients 64 --seconds "$seconds" --warmup 10 --url http://127.0.0.1:8081 | grep -E "logins:|throughput|p50|p99"
  dotnet "$bench" calls --calls 100 --seconds "$seconds" --warmup 10 --url http://127.0.0.1:8081 --callee-url http://127.0.0.1:8082 \
    --token-keys .local-cluster/secrets/tokens | grep -E "calls set up|set-ups/s|offer->callee"
  bash deploy/local-cluster.sh stop >/dev/null
done
rm -rf .local-cluster
echo "=== standalone host (one process, SQLite)"
dotnet "$bench" login --clients 64 --seconds "$seconds" --warmup 10 | grep -E "logins:|throughput|p50|p99"
dotnet "$bench" calls --calls 100 --seconds "$seconds" --warmup 10 | grep -E "calls set up|set-ups/s|offer->callee"
