#!/usr/bin/env bash
# Fetches and converts the face models, builds everything (browser client included) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash models/prepare.sh
bash Client.Web/build.sh
(cd Client.Web && npx vitest run)
dotnet build SecureCall.Orleans.sln -c Release --nologo -v quiet
status=0
dotnet test --solution SecureCall.Orleans.sln -c Release --no-build || status=$?
# The browser suite's measured targets (sign-in, proof of life, call set-up); screenshots are beside them.
[[ -f TestResults/e2e/targets.txt ]] && { echo "Browser targets (TestResults/e2e):"; cat TestResults/e2e/targets.txt; }
exit $status
