#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine, then runs every test.
set -uo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use: glslc and g++ compile the generated device headers and shaders;
# libvulkan1 and mesa-vulkan-drivers give the Vulkan tests a real driver (lavapipe, on the CPU).
# clang-14 compiles the CUDA kernels to PTX without a GPU or the CUDA toolkit (about 40 MiB to
# download, 220 MB installed, under a minute on Debian 12). unzip looks inside the NuGet packages.
# spirv-cross translates the SPIR-V to the committed MSL again, so a stale translation fails.
packages=(glslc g++ libvulkan1 mesa-vulkan-drivers clang-14 unzip spirv-cross)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log=$(mktemp)
# A hung test fails the run (with a dump) instead of stalling CI.
dotnet test RingKernel.sln -c Release --blame-hang-timeout 5m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The packed CUDA proof runner (what a GPU machine without .NET runs) builds, fits the device tool's
# carry limit and runs here: host-side CUDA tests pass, device tests skip for want of a device.
scripts/cuda-proof.sh --check || status=1
# The Metal proof runner publishes for macOS (a signed arm64 executable) and its tests run here: host-side
# Metal tests pass, device tests skip for want of macOS.
scripts/metal-proof.sh --check || status=1
# The NuGet packages pack with README, licence, XML docs and symbols, and a program outside the
# repository runs a kernel actor from them alone.
scripts/package-check.sh || status=1
# One plain closing line, summed over the test assemblies.
count() { grep -E '^(Passed|Failed)!' "$log" | grep -oE "$1: +[0-9]+" | awk '{ n += $2 } END { print n + 0 }'; }
echo "tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
rm -f "$log"
exit "$status"
