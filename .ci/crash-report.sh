#!/usr/bin/env bash
# Prints the faulting thread of every .NET crash report in DIR (the *.crashreport.json that createdump writes beside a
# dump when DOTNET_EnableCrashReport=1), innermost frame first, so a CI log shows where a process died without anyone
# opening the dump. Native frames carry no symbol names in the report: consecutive ones of one module fold into one line.
#
#   .ci/crash-report.sh DIR
set -euo pipefail
dir="${1:?usage: $0 DIR}"
shopt -s nullglob
reports=("$dir"/*.crashreport.json)
if (( ${#reports[@]} == 0 )); then
  echo "No crash report in $dir (was the process killed rather than crashed?)."
  exit 0
fi

# node is there wherever test.sh runs (the browser client's tests need it); python3 is not on a bare Debian 12.
read -r -d '' print_crashed_thread <<'JS' || true
const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).payload;
const crashed = report.threads.find(t => String(t.crashed) === "true");
if (!crashed) { console.log(`  ${report.process_name}: no thread is marked as crashed`); process.exit(0); }
const exception = crashed.managed_exception_type ? `, exception ${crashed.managed_exception_type}` : "";
console.log(`  ${report.process_name}, faulting thread ${crashed.native_thread_id}${exception}:`);
let folded = null;
const flush = () => { if (folded) console.log(`    ${folded.module}  (${folded.count} frame${folded.count > 1 ? "s" : ""} without a name)`); folded = null; };
for (const frame of crashed.stack_frames) {
  const module = frame.filename || frame.native_module || (String(frame.is_managed) === "true" ? "managed code" : "?");
  if (frame.method_name) { flush(); console.log(`    ${frame.method_name}  [${module}]`); continue; }
  if (folded && folded.module === module) { folded.count++; continue; }
  flush();
  folded = { module, count: 1 };
}
flush();
JS

for report in "${reports[@]}"; do
  echo "Crash report $report (the dump is beside it):"
  if command -v node >/dev/null 2>&1; then
    node -e "$print_crashed_thread" "$report"
  else
    # Without node: createdump writes one key per line, so the crashed thread's names can be picked out line by line.
    awk -F'"' '/"crashed":/ { crashed = ($4 == "true") } crashed && /"(method_name|native_module)":/ { print "    " $4 }' "$report" | uniq
  fi
done
