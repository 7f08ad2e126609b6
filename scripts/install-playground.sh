#!/usr/bin/env bash
# Installs the Microsoft 365 Agents Playground, at the exact version pinned by playground/package.json
# and playground/package-lock.json, into <repo>/.tools/playground (git-ignored) with "npm ci".
# Idempotent: does nothing when that version is already there. Used by scripts/run-local.sh and by
# the Playground end-to-end tests (Bot.Tests/Playground). Needs Node.js 20+ with npm.
#
# Licence: the Playground is Microsoft pre-release software (evaluation and feedback only). It is
# installed from npm at use time and must never be committed, vendored or redistributed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pin_dir="${repo_root}/playground"
tools_dir="${repo_root}/.tools/playground"
package_dir="${tools_dir}/node_modules/@microsoft/m365agentsplayground"
version="$(sed -n 's/.*"@microsoft\/m365agentsplayground": *"\([0-9][0-9.]*\)".*/\1/p' "${pin_dir}/package.json" | head -n1)"

if [[ -z "${version}" ]]; then
    echo "Could not read the pinned Playground version from ${pin_dir}/package.json" >&2
    exit 1
fi

if [[ -f "${package_dir}/cli.js" && -f "${package_dir}/package.json" ]] \
   && grep -q "\"version\": *\"${version}\"" "${package_dir}/package.json"; then
    echo "Agents Playground ${version} is already installed in ${tools_dir}"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required to install the Agents Playground (install Node.js 20 or newer)" >&2
    exit 1
fi

mkdir -p "${tools_dir}"
cp "${pin_dir}/package.json" "${pin_dir}/package-lock.json" "${tools_dir}/"
(cd "${tools_dir}" && npm ci --no-audit --no-fund --loglevel=error)
echo "Agents Playground ${version} installed in ${tools_dir}"
