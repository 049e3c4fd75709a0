#!/usr/bin/env bash
# The Metal proof in one command. On a Mac with Apple silicon (macOS 13 or later) and the .NET 10 SDK,
# from the repository root:
#   scripts/metal-proof.sh
# publishes the proof runner, a self-contained, untrimmed osx-arm64 program holding the Metal tests, the
# conformance suites bound to Metal and `compare metal`, into artifacts/metal-proof (packed as
# artifacts/metal-proof.tar.gz, ignored by git), then runs it: one line per test, a summary, and the
# comparison lines of `compare metal --quick`. Exit 0 only when every test passed on the device (none
# failed, none skipped for want of Metal) and the comparison ran. RingKernel.Metal/README.md says what has
# been run on Apple hardware.
#
# Elsewhere it only publishes: carry the archive to a Mac (no .NET needed there) and run
#   tar xzf metal-proof.tar.gz && metal-proof/RingKernel.MetalProof all
#
# --check: publishes the osx-arm64 runner (it must be an arm64 Mach-O executable, code-signed), then runs the
# runner's tests here, built for this machine: off macOS every Metal device test must skip for want of Metal
# and every host-side test must pass (test.sh runs this, so the runner cannot break unnoticed).
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = "--check" ] && check=true
mac=false
[ "$(uname -s)" = "Darwin" ] && mac=true
if $check && $mac; then
  echo "metal-proof: --check is the off-macOS check; on a Mac run scripts/metal-proof.sh" >&2
  exit 2
fi

source scripts/proof-common.sh
out=artifacts/metal-proof
archive=artifacts/metal-proof.tar.gz
runner="$out/RingKernel.MetalProof"
echo "metal-proof: publishing the runner (osx-arm64, self-contained, untrimmed)"
proof_publish metal-proof tools/MetalProof/RingKernel.MetalProof.csproj MetalProofPublish
[ -f "$runner" ] || { echo "metal-proof: publish made no runner (log: $out.log)" >&2; exit 1; }
tar czf "$archive" -C artifacts metal-proof
echo "metal-proof: $archive ($(( $(stat -c %s "$archive" 2>/dev/null || stat -f %z "$archive") / 1048576 )) MiB)"

if $mac; then
  exec "$runner" all
fi

if ! $check; then
  echo "metal-proof: not a Mac; on one: tar xzf metal-proof.tar.gz && metal-proof/RingKernel.MetalProof all"
  exit 0
fi

# An arm64 Mach-O executable (magic 0xfeedfacf, CPU type 0x0100000c) carrying a code signature
# (LC_CODE_SIGNATURE), which macOS on Apple silicon requires of every executable.
header=$(od -An -tx1 -N8 "$runner" | tr -d ' \n')
if [ "$header" != "cffaedfe0c000001" ]; then
  echo "metal-proof: $runner is not an arm64 Mach-O executable (header $header)" >&2
  exit 1
fi
if ! python3 - "$runner" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
commands = struct.unpack_from('<I', data, 16)[0]
at = 32
for _ in range(commands):
    command, size = struct.unpack_from('<II', data, at)
    if command == 0x1d:
        sys.exit(0)
    at += size
sys.exit(1)
PY
then
  echo "metal-proof: $runner carries no code signature; macOS on Apple silicon would not run it" >&2
  exit 1
fi

summary=$(dotnet run --project tools/MetalProof/RingKernel.MetalProof.csproj -c Release -- tests 2>&1 | grep -E '^metal tests: ' || true)
proof_check_summary metal-proof "$summary"
