#!/usr/bin/env bash
# Runs TeamsMeetBot locally, with no Azure and no Teams tenant: the bot in local mode (simulated
# Microsoft Graph, no authentication, http://127.0.0.1:3978/api/messages) together with the
# Microsoft 365 Agents Playground (a local Teams emulator), configured by
# playground/.m365agentsplayground.yml (Olivia and five colleagues, a group chat, a team with a channel).
# Open the printed URL in a browser; Ctrl+C stops both.
#
# Needs the .NET SDK and Node.js 20+ (npm). The Playground is installed on first use, pinned, into
# .tools/playground (git-ignored). Ports: BOT_PORT (default 3978), PLAYGROUND_PORT (default 56150).
# Everything listens on 127.0.0.1 only, and the Playground's telemetry is switched off.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

BOT_PORT="${BOT_PORT:-3978}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
run_dir="${repo_root}/.tools/playground/run"
playground_cli="${repo_root}/.tools/playground/node_modules/@microsoft/m365agentsplayground/cli.js"

for tool in dotnet node npm; do
    if ! command -v "${tool}" >/dev/null 2>&1; then
        echo "run-local: '${tool}' was not found. Install the .NET SDK (see global.json) and Node.js 20 or newer." >&2
        exit 1
    fi
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "${BOT_PORT}" "${PLAYGROUND_PORT}"; do
    if port_in_use "${port}"; then
        echo "run-local: port ${port} on 127.0.0.1 is already in use. Stop what uses it, or choose other ports, e.g. BOT_PORT=3979 PLAYGROUND_PORT=56151 $0" >&2
        exit 1
    fi
done

bash "${repo_root}/scripts/install-playground.sh"
mkdir -p "${run_dir}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "run-local: building the bot..."
dotnet build Bot --verbosity quiet --nologo

bot_pid=""
playground_pid=""
stopping=0
cleanup() {
    [[ ${stopping} -eq 1 ]] && return
    stopping=1
    echo
    echo "run-local: stopping the bot and the Playground..."
    for pid in ${playground_pid} ${bot_pid}; do
        kill -TERM "${pid}" 2>/dev/null || true
    done
    for pid in ${playground_pid} ${bot_pid}; do
        wait "${pid}" 2>/dev/null || true
    done
    echo "run-local: stopped."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The bot in local mode: Development environment and no MicrosoftAppId (this overrides user secrets).
# Its store starts empty on every run, like the Playground (whose history lives in the browser page)
# and the simulated Graph (in memory): welcomes are shown again and no card points at a vanished meeting.
rm -f "${run_dir}"/bot.db "${run_dir}"/bot.db-*
ASPNETCORE_ENVIRONMENT=Development MicrosoftAppId="" Storage__Provider=Sqlite Storage__Sqlite__Path="${run_dir}/bot.db" \
    dotnet run --project Bot --no-build --no-launch-profile -- --urls "http://127.0.0.1:${BOT_PORT}" &
bot_pid=$!

# The Playground: no browser auto-open, telemetry off, loopback only (see playground/loopback-only.cjs).
(
    cd "${run_dir}"
    TEAMSAPPTESTER_BROWSER=none \
    APPLICATION_INSIGHTS_NO_STATSBEAT=true \
    M365_AGENTS_PLAYGROUND_LOGFILE="${run_dir}/playground.log" \
    M365_AGENTS_PLAYGROUND_CONFIG_PATH="${repo_root}/playground/.m365agentsplayground.yml" \
    exec node -r "${repo_root}/playground/loopback-only.cjs" "${playground_cli}" start \
        --port "${PLAYGROUND_PORT}" \
        --app-endpoint "http://127.0.0.1:${BOT_PORT}/api/messages" \
        --channel-id msteams \
        --service-url "http://127.0.0.1:${PLAYGROUND_PORT}/_connector" \
        --disable-telemetry
) > "${run_dir}/playground.stdout" 2>&1 &
playground_pid=$!

wait_for() { # name pid url
    local name="$1" pid="$2" url="$3"
    for _ in $(seq 1 600); do
        if ! kill -0 "${pid}" 2>/dev/null; then
            echo "run-local: the ${name} exited before it was ready." >&2
            [[ "${name}" == "Playground" ]] && { cat "${run_dir}/playground.stdout"; tail -n 20 "${run_dir}/playground.log" 2>/dev/null; } >&2
            return 1
        fi
        if curl -sf --max-time 2 "${url}" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.2
    done
    echo "run-local: the ${name} did not answer ${url} within 2 minutes." >&2
    return 1
}

wait_for "bot" "${bot_pid}" "http://127.0.0.1:${BOT_PORT}/healthz"
wait_for "Playground" "${playground_pid}" "http://127.0.0.1:${PLAYGROUND_PORT}/_debug/ping"

cat <<MSG

  TeamsMeetBot is running in local mode at http://127.0.0.1:${BOT_PORT}/api/messages
  Microsoft 365 Agents Playground:

      http://127.0.0.1:${PLAYGROUND_PORT}

  Open it in a browser. You are Olivia Organizer. Try:
    - Personal Chat: help, meet now, meet tomorrow at 3pm about the budget
    - Release crew (group chat): type @TeamsMeetBot, pick it, then "meet now with @Alice Anders" (pick Alice from the list)
    - Contoso Engineering > Incidents (channel): post "@TeamsMeetBot meet now about the outage", then press "Cancel meeting" on the card
  Playground log: ${run_dir}/playground.log
  Press Ctrl+C to stop both.

MSG

while kill -0 "${bot_pid}" 2>/dev/null && kill -0 "${playground_pid}" 2>/dev/null; do
    sleep 1
done
echo "run-local: the $(kill -0 "${bot_pid}" 2>/dev/null && echo Playground || echo bot) stopped; shutting down." >&2
exit 1
