#!/usr/bin/env bash
# Registration-interface load table: the register and update scenarios of tools/FastLwm2m.Load
# for 1,000 / 10,000 / 100,000 simulated clients, each against the do-nothing baseline responder
# (the machine's ceiling) and against the real server (started fresh for every run), then one
# markdown table. The JSON lines are kept in $OUT.
#
#   perf/load/run-table.sh
#   DURATION=20 WARMUP=5 CLIENTS="1000 10000" SCENARIOS=update perf/load/run-table.sh
#
# Environment: DURATION (measured seconds, 10), WARMUP (seconds, 3), CLIENTS, SCENARIOS,
# PORT (server CoAP port, 5783), TARGETS ("baseline server"), EXTRA (more harness options),
# OUT (directory for results.jsonl and server logs; a new one under /tmp by default),
# NO_BUILD=1 to skip the Release build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
CLIENTS="${CLIENTS:-1000 10000 100000}"
SCENARIOS="${SCENARIOS:-register update}"
TARGETS="${TARGETS:-baseline server}"
PORT="${PORT:-5783}"
EXTRA="${EXTRA:-}"
OUT="${OUT:-$(mktemp -d /tmp/fastlwm2m-load.XXXXXX)}"
SERVER_DLL="$ROOT/src/FastLwm2m.Server/bin/Release/net10.0/FastLwm2m.Server.dll"
LOAD_DLL="$ROOT/tools/FastLwm2m.Load/bin/Release/net10.0/FastLwm2m.Load.dll"
RESULTS="$OUT/results.jsonl"
mkdir -p "$OUT"
: >"$RESULTS"

build() {
  # Another build running in the same tree can hold a file; try again a few times.
  local project="$1" attempt
  for attempt in 1 2 3 4 5; do
    if dotnet build -c Release "$ROOT/$project" -nologo -v quiet >"$OUT/build.log" 2>&1; then
      return 0
    fi
    echo "build of $project failed (attempt $attempt), see $OUT/build.log" >&2
    sleep 3
  done
  cat "$OUT/build.log" >&2
  return 1
}

server_pid=""
stop_server() {
  [[ -n "$server_pid" ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
trap stop_server EXIT

if [[ -z "${NO_BUILD:-}" ]]; then
  build src/FastLwm2m.Server/FastLwm2m.Server.csproj
  build tools/FastLwm2m.Load/FastLwm2m.Load.csproj
fi

# run <scenario> <clients> <target>: one harness run, its JSON line appended to $RESULTS.
run() {
  local scenario="$1" clients="$2" target="$3" line
  # shellcheck disable=SC2086 # EXTRA is a list of options
  local common=("$scenario" --clients "$clients" --duration "$DURATION" --warmup "$WARMUP" $EXTRA)
  if [[ "$target" == baseline ]]; then
    line="$(dotnet "$LOAD_DLL" "${common[@]}" --baseline 2>>"$OUT/harness.log")"
  else
    # A fresh server per run: no registrations left over from the previous one. HTTP on port 0
    # so a server already running on this machine cannot block the start.
    # Unknown endpoints are refused (4.03) unless auto-provisioned: the simulated devices are NoSec.
    # A new store file per run.
    FastLwm2m__Coap__Port="$PORT" FastLwm2m__Http__Urls="http://127.0.0.1:0" FastLwm2m__Control__Url="http://127.0.0.1:0" \
      FastLwm2m__Provisioning__AutoProvisionNoSec=true FastLwm2m__Storage__Path="$OUT/server-$scenario-$clients.db" \
      dotnet "$SERVER_DLL" >"$OUT/server-$scenario-$clients.log" 2>&1 &
    server_pid=$!
    line="$(dotnet "$LOAD_DLL" "${common[@]}" --port "$PORT" --server-pid "$server_pid" 2>>"$OUT/harness.log")" || {
      stop_server
      echo "run $scenario $clients $target failed; see $OUT" >&2
      return 1
    }
    stop_server
  fi
  echo "$line" >>"$RESULTS"
  echo "$scenario $clients $target: $(jq -r '"\(.ops_per_sec) ops/s, p99 \(.latency_p99_ms) ms, errors \(.errors)"' <<<"$line")" >&2
}

for scenario in $SCENARIOS; do
  for clients in $CLIENTS; do
    for target in $TARGETS; do
      run "$scenario" "$clients" "$target"
    done
  done
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo
echo "$(nproc) cores ($cpu), $(free -g | awk '/^Mem:/ {print $2}') GiB, Linux $(uname -r), .NET $(dotnet --version);"
echo "$WARMUP s warm-up + $DURATION s measured per run, closed loop (each client sends its next request on the previous answer)."
echo "register = Register + De-register, counted per registration; update = one Register, then Updates."
echo
echo "CPU and RSS are the target's (server or responder); 'machine' is every busy core: well above target + harness, something else ran."
echo
echo "| scenario | clients | target | ops/s | vs baseline | p50 ms | p90 ms | p99 ms | max ms | retransmissions | timeouts | errors | CPU µs/op | CPU cores | RSS MiB | harness cores | machine cores |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
jq -r -s '
  (map(select(.target == "baseline")) | map({key: "\(.scenario)/\(.clients)", value: .ops_per_sec}) | from_entries) as $base
  | .[]
  | ($base["\(.scenario)/\(.clients)"]) as $b
  | "| \(.scenario) | \(.clients) | \(.target) | \(.ops_per_sec | round) | \(if $b and $b > 0 then "\((.ops_per_sec / $b * 100) | round) %" else "" end) | \(.latency_p50_ms) | \(.latency_p90_ms) | \(.latency_p99_ms) | \(.latency_max_ms) | \(.retransmissions) | \(.timeouts) | \(.errors) | \(.server_cpu_us_per_op) | \(.server_cpu_cores) | \(.server_rss_mib) | \(.harness_cpu_cores) | \(.machine_cpu_cores) |"
' "$RESULTS"
echo
echo "JSON lines: $RESULTS" >&2
