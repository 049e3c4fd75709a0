#!/usr/bin/env bash
# Builds the CUDA proof runner: a self-contained linux-x64 program (no .NET needed where it runs)
# holding the CUDA tests and `compare cuda`, in artifacts/cuda-proof (ignored by git).
# On a machine with an NVIDIA GPU, its driver and the CUDA toolkit (for NVRTC), from the repository root:
#   artifacts/cuda-proof/RingKernel.CudaProof all
# prints one line per CUDA test, a summary, and the comparison lines; exit 0 only when every test
# passed on the device (see RingKernel.Cuda/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/cuda-proof
rm -rf "$out"
dotnet publish tools/CudaProof/RingKernel.CudaProof.csproj -c Release -p:CudaProofPublish=true -o "$out" \
  | grep -E "error|warning" >&2 || true
[ -x "$out/RingKernel.CudaProof" ] || { echo "cuda-proof: publish failed" >&2; exit 1; }
size=$(du -sm "$out" | cut -f1)
echo "cuda-proof: $out ($size MiB, limit 64)"
if [ "$size" -ge 64 ]; then
  echo "cuda-proof: the runner is over 64 MiB" >&2
  exit 1
fi
