#!/usr/bin/env bash
# Starts SecureCall.Orleans in standalone mode: one process, co-hosted silo, state in ./data (SQLite).
set -euo pipefail
cd "$(dirname "$0")"
url="${SECURECALL_URL:-http://127.0.0.1:5000}"
bash models/prepare.sh --no-parity
bash Client.Web/build.sh
dotnet build WebFrontend/SecureCall.WebFrontend.csproj -c Release --nologo -v quiet
echo "SecureCall.Orleans (standalone) listening on ${url}  — data in $(pwd)/data"
exec dotnet WebFrontend/bin/Release/net10.0/SecureCall.WebFrontend.dll --urls "${url}" --contentRoot "$(pwd)/WebFrontend"
