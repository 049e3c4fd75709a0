# What scripts/cuda-proof.sh and scripts/metal-proof.sh do alike; sourced by them from the repository root.

# proof_publish NAME PROJECT PROPERTY: publishes PROJECT with -p:PROPERTY=true into artifacts/NAME (log in
# artifacts/NAME.log, shown on failure) and packs it as artifacts/NAME.tar.gz.
proof_publish() {
  local name=$1 project=$2 property=$3
  local out="artifacts/$name"
  mkdir -p artifacts
  rm -rf "$out" "$out.tar.gz" "$out.log"
  if ! dotnet publish "$project" -c Release "-p:$property=true" -o "$out" > "$out.log" 2>&1; then
    grep -E "error" "$out.log" >&2 || tail -20 "$out.log" >&2
    echo "$name: publish failed (log: $out.log)" >&2
    exit 1
  fi
}

# proof_check_summary NAME SUMMARY: passes when the runner's summary line ("... tests: P passed, F failed,
# S skipped (D for want of a device; ...)") has tests passing, none failing, and skips only for want of a device.
proof_check_summary() {
  local name=$1 summary=$2 passed failed skipped device
  echo "$name: $summary"
  read -r passed failed skipped device < <(sed -E 's/^[a-z]+ tests: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped \(([0-9]+) for want.*/\1 \2 \3 \4/' <<<"$summary")
  if ! [[ "${passed:-}" =~ ^[0-9]+$ ]] || [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ] || [ "$skipped" -ne "$device" ]; then
    echo "$name: the runner did not pass here (expected host-side tests passing, device tests skipped for want of a device)" >&2
    exit 1
  fi
}
