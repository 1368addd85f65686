#!/usr/bin/env bash
# Fetches and converts the face models, builds everything and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash models/prepare.sh
bash Client.Web/build.sh
(cd Client.Web && npx vitest run)
dotnet build SecureCall.Orleans.sln -c Release --nologo -v quiet
dotnet test --solution SecureCall.Orleans.sln -c Release --no-build
