#!/usr/bin/env bash
# Builds the Teams app package manifest/build/appPackage.zip from manifest/manifest.json, with the
# bot's app id and domain filled in from configuration (appsettings.json, user secrets, environment
# variables such as MicrosoftAppId and TeamsApp__BotDomain) or from the arguments:
#   scripts/package-app.sh --app-id 00000000-0000-0000-0000-000000000000 --bot-domain teamsmeetbot.contoso.com
# Run with --help for every option. Needs only the .NET SDK.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project scripts/PackageApp --verbosity quiet -- "$@"
