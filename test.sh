#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine, then runs every test.
set -uo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use: glslc and g++ compile the generated device headers.
missing=()
command -v glslc >/dev/null || missing+=(glslc)
command -v g++ >/dev/null || missing+=(g++)
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log=$(mktemp)
# A hung test fails the run (with a dump) instead of stalling CI.
dotnet test RingKernel.sln -c Release --blame-hang-timeout 5m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One plain closing line, summed over the test assemblies.
grep -E '^(Passed|Failed)!' "$log" | awk -F'[:,]' '
  { for (i = 1; i <= NF; i++) { g = $i; gsub(/[ -]/, "", g);
      if (g == "Failed") f += $(i+1); if (g == "Passed") p += $(i+1); if (g == "Skipped") s += $(i+1) } }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }'
rm -f "$log"
exit "$status"
