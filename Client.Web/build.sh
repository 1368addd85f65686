#!/usr/bin/env bash
# Builds the browser client into Client.Web/dist (the host copies it to its output as client/).
# npm ci runs only when the lockfile changed since the last install, so repeated builds stay fast.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.securecall-lock; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.securecall-lock
fi
npm run --silent build
