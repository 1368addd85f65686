#!/usr/bin/env bash
# Fetches the pinned face models (npm), converts them to ONNX with SecureCall.ModelConverter and
# computes the TF.js parity references. Idempotent: each step runs only when its output is
# missing or stale. Output goes to models/out/ (git-ignored).
#
#   models/prepare.sh              fetch + convert + parity references (tests, CI)
#   models/prepare.sh --no-parity  fetch + convert only (run scripts)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/out"
source_dir="$here/node_modules/@vladmandic/human/models"
manifest="$here/manifest.json"
converter_project="$here/SecureCall.ModelConverter/SecureCall.ModelConverter.csproj"
converter_dll="$here/SecureCall.ModelConverter/bin/Release/net10.0/SecureCall.ModelConverter.dll"
parity=1

for arg in "$@"; do
  case "$arg" in
    --no-parity) parity=0 ;;
    *) echo "usage: $0 [--no-parity]" >&2; exit 1 ;;
  esac
done

say() { echo "[models] $*"; }
fail() { echo "[models] ERROR: $*" >&2; exit 1; }

for tool in node npm dotnet sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not installed; it is needed to prepare the face models."
done

mkdir -p "$out"
# Serialise concurrent runs (test and run scripts may start together).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$out/.prepare.lock"
  flock 9
fi

# 1. npm packages, pinned by package-lock.json (with integrity hashes).
stamp="$here/node_modules/.securecall-lock-sha256"
lock_sha="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ ! -d "$source_dir" || ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sha" ]]; then
  say "step 1/3: npm ci (fetching @vladmandic/human, @tensorflow/tfjs, @vladmandic/face-api) ..."
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
    || fail "step 1/3 (npm ci in models/) failed; check network access to the npm registry."
  echo "$lock_sha" > "$stamp"
else
  say "step 1/3: npm packages up to date"
fi

# 2. ONNX conversion, when a model is missing or its hash differs from models/manifest.json.
[[ -f "$manifest" ]] || fail "$manifest is missing; it is part of the repository (git checkout models/manifest.json)."
entries="$(node -e 'for (const m of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).models) console.log(m.name, m.sha256)' "$manifest")" \
  || fail "step 2/3: cannot read $manifest."
[[ -n "$entries" ]] || fail "step 2/3: $manifest lists no models."
stale=()
while IFS=' ' read -r name expected; do
  file="$out/$name.onnx"
  if [[ ! -f "$file" ]]; then
    stale+=("$name (missing)")
  elif [[ "$(sha256sum "$file" | cut -d' ' -f1)" != "$expected" ]]; then
    stale+=("$name (hash differs)")
  fi
done <<< "$entries"

if (( ${#stale[@]} > 0 )); then
  say "step 2/3: converting models: ${stale[*]}"
  say "  building SecureCall.ModelConverter ..."
  dotnet build "$converter_project" -c Release -nologo -v quiet -clp:ErrorsOnly \
    || fail "step 2/3: building the converter failed."
  dotnet "$converter_dll" --source "$source_dir" --out "$out" --manifest "$manifest" \
    || fail "step 2/3: conversion failed or produced hashes that differ from models/manifest.json (see above)."
else
  say "step 2/3: ONNX models present, sha256 matches models/manifest.json"
fi

# 3. TF.js reference outputs for the parity tests; redone when the models or the script change.
if (( parity == 1 )); then
  parity_stamp="$out/parity/.stamp"
  parity_sha="$(cat "$manifest" "$here/parity/reference.mjs" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [[ ! -f "$out/parity/index.json" || ! -f "$parity_stamp" || "$(cat "$parity_stamp")" != "$parity_sha" ]]; then
    say "step 3/3: computing TF.js reference outputs (pure JS cpu backend, about a minute) ..."
    rm -rf "$out/parity"
    node "$here/parity/reference.mjs" 2>&1 | grep -v -e 'tfjs-node' -e '^=*$' -e 'TensorFlow.js in Node.js' || true
    [[ -f "$out/parity/index.json" ]] || fail "step 3/3: models/parity/reference.mjs did not write $out/parity/index.json."
    echo "$parity_sha" > "$parity_stamp"
  else
    say "step 3/3: TF.js parity references up to date"
  fi
fi

say "ready: $out"
