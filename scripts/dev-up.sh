#!/usr/bin/env bash
# Installs dependencies and brings up the dev platform on a local kind cluster: `bash scripts/dev-up.sh`.
# Only Docker is a prerequisite: Node 22 (scripts/node22.sh, into .tools/node22), kind and the Pulumi CLI
# (scripts/install-tools.sh, pinned and sha256-verified, into .tools/bin) are installed when missing.
# Every prerequisite is checked first and every missing piece reported at once; nothing is installed,
# logged in to or created until all checks pass.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node22.sh
source scripts/node22.sh
# shellcheck source=scripts/pins.sh
source scripts/pins.sh

# Tools installed here come first, so a kind of another release elsewhere on PATH does not shadow the pinned one.
TOOLS_BIN="${PWD}/.tools/bin"
PATH="${TOOLS_BIN}:${PATH}"
export PATH

problems=()
installs=()
have() { command -v "$1" >/dev/null 2>&1; }

if ! have node || ! have npm; then
    problems+=("node: Node 18 or newer with npm is needed to install the project's Node 22 (nvm install reads .nvmrc; or https://nodejs.org)")
elif [ "$(node_major)" -lt 22 ]; then
    if [ -z "$(node22_package)" ]; then
        problems+=("node: found $(node --version), and no Node 22 npm package exists for $(uname -s)-$(uname -m); install Node 22 (nvm install, reads .nvmrc)")
    else
        installs+=(node)
    fi
fi
if ! have docker; then
    problems+=("docker: not found on PATH; install Docker (Docker Desktop, or Docker Engine on Linux)")
elif ! docker info >/dev/null 2>&1; then
    problems+=("docker: the CLI is installed but the daemon does not answer (docker info failed); start Docker, or check that your user may use its socket")
fi
# The node image in stacks/presets.ts works with its kind release only, so another minor is replaced by the pin.
kind_found="$(kind version 2>/dev/null | sed -nE 's/^kind (v[0-9]+\.[0-9]+)\.[0-9]+.*/\1/p' || true)"
[ "${kind_found}" = "${KIND_VERSION%.*}" ] || installs+=(kind)
have pulumi || installs+=(pulumi)
if [ "${#installs[@]}" -gt 0 ]; then
    have curl || problems+=("curl: not found on PATH; it downloads ${installs[*]}")
    have sha256sum || have shasum || problems+=("sha256sum: not found on PATH (nor shasum); it verifies the downloads")
fi

if [ "${#problems[@]}" -gt 0 ]; then
    echo "dev-up: ${#problems[@]} prerequisite(s) missing; nothing was changed:" >&2
    printf '  - %s\n' "${problems[@]}" >&2
    [ "${#installs[@]}" -eq 0 ] || echo "Once they are there, dev-up installs ${installs[*]} into .tools/ by itself." >&2
    echo "See README, Prerequisites." >&2
    exit 1
fi

for tool in "${installs[@]}"; do
    case "${tool}" in
        node) use_node22 ;;
        *) bash scripts/install-tools.sh "${TOOLS_BIN}" "${tool}" ;;
    esac
done

npm ci

# Without a Pulumi Cloud login, keep state in a local folder; its stacks are encrypted with
# PULUMI_CONFIG_PASSPHRASE (empty unless you set one, which is fine for a laptop-only dev stack).
if ! pulumi whoami >/dev/null 2>&1; then
    mkdir -p "${HOME}/.pulumi-local"
    pulumi login "file://${HOME}/.pulumi-local"
fi
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"

pulumi stack select --create dev
# No config is written: every key has a default (dev serves the built-in greeting and has no receiver), so
# the tracked Pulumi.dev.yaml stays as committed. Setting an encrypted greeting yourself is fine too.
pulumi up --yes --stack dev
