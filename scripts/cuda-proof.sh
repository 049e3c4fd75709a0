#!/usr/bin/env bash
# Builds the CUDA proof runner: a self-contained, untrimmed linux-x64 program (no .NET needed where it
# runs) holding the CUDA tests and `compare cuda`, packed as artifacts/cuda-proof.tar.gz (ignored by
# git; under the device tool's 64 MiB carry limit). On a machine with an NVIDIA GPU, its driver and the
# CUDA toolkit (for NVRTC), from the repository root:
#   tar xzf artifacts/cuda-proof.tar.gz -C /tmp && /tmp/cuda-proof/RingKernel.CudaProof all
# prints one line per CUDA test, a summary, and the comparison lines; exit 0 only when every test
# passed on the device (see RingKernel.Cuda/README.md).
#
# --check: also unpacks the archive and runs its tests here, as the GPU machine would; without a GPU
# every device test must skip for want of a device and every host-side test must pass (test.sh runs
# this, so the runner cannot break unnoticed).
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = "--check" ] && check=true

source scripts/proof-common.sh
out=artifacts/cuda-proof
archive=artifacts/cuda-proof.tar.gz
limit_mib=64
echo "cuda-proof: publishing the runner (self-contained, untrimmed)"
proof_publish cuda-proof tools/CudaProof/RingKernel.CudaProof.csproj CudaProofPublish
[ -x "$out/RingKernel.CudaProof" ] || { echo "cuda-proof: publish made no runner (log: $out.log)" >&2; exit 1; }
tar czf "$archive" -C artifacts cuda-proof
size=$(( $(stat -c %s "$archive") / 1048576 ))
echo "cuda-proof: $archive ($size MiB, limit $limit_mib); on the GPU machine: tar xzf $archive -C /tmp && /tmp/cuda-proof/RingKernel.CudaProof all"
if [ "$size" -ge "$limit_mib" ]; then
  echo "cuda-proof: the archive is over $limit_mib MiB" >&2
  exit 1
fi

$check || exit 0
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
tar xzf "$archive" -C "$unpacked"
summary=$("$unpacked/cuda-proof/RingKernel.CudaProof" tests 2>&1 | tail -1 || true)
proof_check_summary cuda-proof "$summary"
