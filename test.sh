#!/usr/bin/env bash
# Builds everything and runs the whole test suite (unit, Orleans TestingHost, HTTP host).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build SecureCall.Orleans.sln -c Release --nologo -v quiet
dotnet test --solution SecureCall.Orleans.sln -c Release --no-build
