#!/usr/bin/env bash
# Packs every library into artifacts/packages (`dotnet pack -c Release -o artifacts/packages`: the
# package, its symbols, README, licence and XML docs), then builds and runs tools/PackageConsumer
# outside the repository against those packages only, so a packaging mistake fails the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packages
rm -rf "$out" artifacts/pack.log
mkdir -p artifacts
echo "package-check: packing the libraries into $out"
libraries=(RingKernel.Core RingKernel.Cpu RingKernel.Vulkan RingKernel.Cuda RingKernel.Metal RingKernel.TestKit RingKernel.Hosting RingKernel.Cluster)
packed=true
for package in "${libraries[@]}"; do
  dotnet pack "$package/$package.csproj" -c Release -o "$out" >> artifacts/pack.log 2>&1 || packed=false
done
if ! $packed; then
  grep -E "error" artifacts/pack.log >&2 || tail -20 artifacts/pack.log >&2
  echo "package-check: dotnet pack failed (log: artifacts/pack.log)" >&2
  exit 1
fi
version=$(dotnet msbuild RingKernel.Core/RingKernel.Core.csproj -getProperty:Version)
for package in "${libraries[@]}"; do
  nupkg="$out/$package.$version.nupkg"
  [ -f "$nupkg" ] && [ -f "$out/$package.$version.snupkg" ] || { echo "package-check: $package $version or its symbols are missing" >&2; exit 1; }
  listing=$(unzip -l "$nupkg")
  for entry in README.md "lib/net10.0/$package.dll" "lib/net10.0/$package.xml"; do
    grep -q " $entry\$" <<< "$listing" || { echo "package-check: $nupkg lacks $entry" >&2; exit 1; }
  done
  nuspec=$(unzip -p "$nupkg" "$package.nuspec")
  grep -q '<license type="expression">MIT</license>' <<< "$nuspec" || { echo "package-check: $nupkg names no licence" >&2; exit 1; }
done

consumer=$(mktemp -d)
trap 'rm -rf "$consumer"' EXIT
cp tools/PackageConsumer/PackageConsumer.csproj tools/PackageConsumer/Program.cs "$consumer/"
cat > "$consumer/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="ringkernel-local" value="$(pwd)/$out" />
  </packageSources>
</configuration>
CONFIG
echo "package-check: building and running a consumer of the packages"
if ! dotnet run --project "$consumer/PackageConsumer.csproj" -c Release -p:RingKernelVersion="$version" -p:RestorePackagesPath="$consumer/packages" > "$consumer/run.log" 2>&1; then
  tail -20 "$consumer/run.log" >&2
  echo "package-check: the consumer failed" >&2
  exit 1
fi
tail -1 "$consumer/run.log"
