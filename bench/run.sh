#!/usr/bin/env bash
# TeamsMeetBot benchmarks: builds Release, then runs
#   1. the micro-benchmarks (BenchmarkDotNet: command parsing, card building, token validation, activity deserialization),
#   2. the protocol load (the bot in production auth mode answering "help", a bare ASP.NET Core endpoint, and the
#      Bot Framework SDK for JavaScript doing the bot's job: bench/js-baseline, installed from npm at use time),
#   3. the meeting load ("meet now with @Alice @Bob" in local mode against the simulated Graph and a fake Connector),
# and prints the figures. Everything runs on 127.0.0.1 and is bounded in time.
#
#   bench/run.sh            full run (about 25 minutes on 2 cores, 20 of them BenchmarkDotNet)
#   bench/run.sh --quick    short run (about 2.5 minutes): BenchmarkDotNet short job, shorter load windows
#   bench/run.sh --no-micro the loads only (about 6 minutes)
#   bench/run.sh --no-js    without the JavaScript baseline (it needs Node.js 20+ and npm; without them it is skipped)
#   Extra arguments after the flags go to the load driver, e.g. --graph-latency-ms 40 --connector-latency-ms 20
#   --conversations 200 --interval-ms 10000 --only protocol|meeting
#
# Not part of the test suite. Output is also saved under bench/artifacts/ (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
quick=""
skip_micro=""
skip_js=""
driver_args=()
previous=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick="--quick" ;;
    --no-micro) skip_micro="1" ;;
    --no-js) skip_js="1" ;;
    *) driver_args+=("$arg") ;;
  esac
  if [[ "$previous" == "--only" && "$arg" == "meeting" ]]; then
    skip_js="1" # the JavaScript baseline only runs in the protocol load
  fi
  previous="$arg"
done

artifacts="$here/artifacts"
mkdir -p "$artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== Building Release; publishing the bot as it is deployed (ReadyToRun for this machine's runtime) =="
rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
: "${rid:?could not read the runtime identifier (RID) of this machine from dotnet --info}"
rm -rf "$artifacts/bot" # a publish keeps a newer file it finds there, e.g. one precompiled by an earlier run
dotnet publish "$root/Bot/Bot.csproj" -c Release -r "$rid" --self-contained false -o "$artifacts/bot" -nologo -v quiet
dotnet build "$here/TeamsMeetBot.Bench/TeamsMeetBot.Bench.csproj" -c Release -nologo -v quiet
dotnet build "$here/TeamsMeetBot.LoadDriver/TeamsMeetBot.LoadDriver.csproj" -c Release -nologo -v quiet
dotnet build "$here/TeamsMeetBot.BareEndpoint/TeamsMeetBot.BareEndpoint.csproj" -c Release -nologo -v quiet

bot_dll="$artifacts/bot/TeamsMeetBot.dll"
bare_dll="$here/TeamsMeetBot.BareEndpoint/bin/Release/net10.0/TeamsMeetBot.BareEndpoint.dll"

js_args=()
if [[ -z "$skip_js" ]]; then
  js_dir="$artifacts/js-baseline"
  if command -v node >/dev/null && command -v npm >/dev/null; then
    echo "== Installing the JavaScript baseline (botbuilder, the exact versions of bench/js-baseline/package-lock.json) =="
    mkdir -p "$js_dir"
    cp "$here/js-baseline/package.json" "$here/js-baseline/package-lock.json" "$here/js-baseline/bot.js" "$js_dir/"
    if (cd "$js_dir" && npm ci --no-audit --no-fund --loglevel=error >"$js_dir/npm.log" 2>&1); then
      js_args=(--js-bot "$js_dir/bot.js")
    else
      echo "npm ci failed (see $js_dir/npm.log): the protocol load runs without the JavaScript baseline"
    fi
  else
    echo "No node or npm on this machine: the protocol load runs without the JavaScript baseline"
  fi
fi

echo "== Machine =="
echo "$(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(free -m | awk '/Mem:/ {print $2 " MB RAM"}'); load average $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version)"

if [[ -z "$skip_micro" ]]; then
  echo "== Micro-benchmarks (BenchmarkDotNet${quick:+, short run}) =="
  (cd "$artifacts" && dotnet "$here/TeamsMeetBot.Bench/bin/Release/net10.0/TeamsMeetBot.Bench.dll" $quick --artifacts "$artifacts/bdn" >"$artifacts/micro.log" 2>&1) \
    || { tail -40 "$artifacts/micro.log"; exit 1; }
  # The result tables only (full BenchmarkDotNet output is in bench/artifacts/micro.log).
  grep -E '^\|' "$artifacts/micro.log" | grep -v -- '-----|' || true
fi

echo "== Load =="
dotnet "$here/TeamsMeetBot.LoadDriver/bin/Release/net10.0/TeamsMeetBot.LoadDriver.dll" \
  --bot-dll "$bot_dll" --bare-dll "$bare_dll" --work-dir "$artifacts/load" $quick "${js_args[@]}" "${driver_args[@]}" | tee "$artifacts/load.log"
