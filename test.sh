#!/usr/bin/env bash
# Installs what the suite needs when it is missing, fetches and converts the face models, builds everything (browser
# client included) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
# What the suite needs beyond the .NET SDK and Node: installed from Debian's archive when missing (as root or via sudo).
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required on PATH." >&2
  exit 1
fi
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required (face models are fetched with npm)." >&2; exit 1; }
done
# The browser tests drive Debian's chromium with a fake camera fed from y4m files that ffmpeg makes.
apt_install() {
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "$@" && return 0
  # A fresh machine may have no package lists yet, or fail to read an archive once: refresh and retry.
  $sudo apt-get update -o DPkg::Lock::Timeout=600 && $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "$@"
}
if ! command -v chromium >/dev/null 2>&1 || ! command -v ffmpeg >/dev/null 2>&1; then
  apt_install chromium ffmpeg
fi
# The relayed-call and TURN tests start their own coturn on 127.0.0.1 (tests/SecureCall.E2E/Turn/CoturnProcess.cs), and
# deploy/local-cluster.sh runs one. The package's own system-wide service is not wanted: stopped where systemd runs it.
if ! command -v turnserver >/dev/null 2>&1; then
  apt_install coturn
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet coturn 2>/dev/null; then
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo systemctl disable --now coturn || true
  fi
fi
# Cluster-mode tests start their own private PostgreSQL server (initdb + pg_ctl on 127.0.0.1, tests/Shared/PostgresServer.cs).
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  apt_install postgresql
fi
dotnet --version
node --version
chromium --version
ls -d /usr/lib/postgresql/*/bin
dpkg-query -W coturn

bash models/prepare.sh
bash Client.Web/build.sh
(cd Client.Web && npx vitest run)
dotnet build SecureCall.Orleans.sln -c Release --nologo -v quiet
status=0
# A process that dies natively (a test host's SIGSEGV in ONNX Runtime, say) leaves a small dump and a crash report in
# TestResults/crash (git-ignored, emptied each run so dumps do not pile up); its faulting thread is printed below.
crash_dir="$PWD/TestResults/crash"
rm -rf "$crash_dir" && mkdir -p "$crash_dir"
# One test assembly at a time: beside another assembly on two cores the server analysed too few of the browser suite's
# camera frames to see a gesture's gradual onset (a genuine session failed in CI).
# Each assembly still runs its own tests in parallel.
DOTNET_DbgEnableMiniDump=1 DOTNET_DbgMiniDumpType=1 DOTNET_EnableCrashReport=1 DOTNET_DbgMiniDumpName="$crash_dir/%e.%p.dmp" \
  dotnet test --solution SecureCall.Orleans.sln -c Release --no-build --max-parallel-test-modules 1 || status=$?
# 134 and 139 are a test host's SIGABRT and SIGSEGV; a crash report of any process the tests started fails the run too.
if (( status == 134 || status == 139 )) || compgen -G "$crash_dir/*.crashreport.json" >/dev/null; then
  bash .ci/crash-report.sh "$crash_dir"
  (( status != 0 )) || status=1
fi
# The browser suite's measured targets (sign-in, proof of life, call set-up); screenshots are beside them.
[[ -f TestResults/e2e/targets.txt ]] && { echo "Browser targets (TestResults/e2e):"; cat TestResults/e2e/targets.txt; }
exit $status
