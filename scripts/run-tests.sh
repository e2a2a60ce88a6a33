#!/usr/bin/env bash
# Runs every suite in turn, keeps going past a failing one, and ends with one summary line per
# suite and an overall 'N passed, N failed' line (suites, not cases). Exit status is non-zero
# when any suite failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/artifacts
suites=(test-native test-wasm-node test-wasm-browser test-package test-www)
passed=0 failed=0 cases_passed=0 cases_failed=0 summary=()

# Adds up cargo's "test result: ok. N passed; M failed" and node's "# pass N" / "# fail N".
count_cases() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       /^# pass [0-9]+$/ { p += $3 } /^# fail [0-9]+$/ { f += $3 }
       END { print p + 0, f + 0 }' "$1"
}
for suite in "${suites[@]}"; do
  printf '\n\033[1m==> make %s\033[0m\n' "$suite"
  start=$(date +%s)
  if make --no-print-directory "$suite" 2>&1 | tee "tests/artifacts/$suite.log"; then
    status=ok; passed=$((passed + 1))
  else
    status=FAILED; failed=$((failed + 1))
  fi
  read -r p f < <(count_cases "tests/artifacts/$suite.log")
  cases_passed=$((cases_passed + p)); cases_failed=$((cases_failed + f))
  summary+=("$(printf '%-18s %-6s %4ss  %5s passed %3s failed' "$suite" "$status" "$(( $(date +%s) - start ))" "$p" "$f")")
done
printf '\n\033[1mSummary\033[0m\n'
printf '  %s\n' "${summary[@]}"
echo "suites: $passed passed, $failed failed"
echo "tests: $cases_passed passed, $cases_failed failed"
[ "$failed" -eq 0 ]
