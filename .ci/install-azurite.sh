#!/usr/bin/env bash
# Installs the Azure Storage emulator (npm package "azurite") into <repo>/.tools, where the storage
# contract tests (Bot.Tests/Storage/AzuriteFixture.cs) look for it. Idempotent: does nothing when the
# pinned version is already there. .tools/ is git-ignored.
#
# 3.35.0 is the newest 3.x whose "engines" accept Node 20 (3.36.0 needs Node >= 21, 3.37.0 Node >= 22).
set -euo pipefail

AZURITE_VERSION="3.35.0"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${repo_root}/.tools"
installed_manifest="${tools_dir}/node_modules/azurite/package.json"

if [[ -x "${tools_dir}/node_modules/.bin/azurite-table" && -f "${installed_manifest}" ]] \
   && grep -q "\"version\": \"${AZURITE_VERSION}\"" "${installed_manifest}"; then
    echo "azurite ${AZURITE_VERSION} is already installed in ${tools_dir}"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required to install azurite (Node.js 20 or newer)" >&2
    exit 1
fi

mkdir -p "${tools_dir}"
npm install --prefix "${tools_dir}" "azurite@${AZURITE_VERSION}" --save-exact --no-audit --no-fund
echo "azurite ${AZURITE_VERSION} installed in ${tools_dir}"
