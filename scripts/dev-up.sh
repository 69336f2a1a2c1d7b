#!/usr/bin/env bash
# Installs dependencies and brings up the dev platform on a local kind cluster: `bash scripts/dev-up.sh`.
# Every prerequisite is checked first and every missing piece reported at once; nothing is installed,
# logged in to or created until all checks pass.
set -euo pipefail
cd "$(dirname "$0")/.."

# The kind release the pinned node image was built for (one source: the "kind" entry of versions/pins.json).
kind_release="$(sed -nE '/^    "kind": \{/,/^    \}/ s/^ *"version": "(v[0-9]+\.[0-9]+\.[0-9]+)".*/\1/p' versions/pins.json)"
kind_minor="${kind_release%.*}"

problems=()
have() { command -v "$1" >/dev/null 2>&1; }

if ! have node; then
    problems+=("node: not found on PATH; install Node 22 (nvm install, reads .nvmrc; or https://nodejs.org)")
else
    node_version="$(node --version 2>/dev/null || true)"
    node_major="$(printf '%s' "${node_version}" | sed -nE 's/^v([0-9]+).*/\1/p')"
    if [ "${node_major:-0}" -lt 22 ]; then
        problems+=("node: found ${node_version:-an unknown version}, Node 22 or newer is required (nvm install, reads .nvmrc)")
    fi
fi
have npm || problems+=("npm: not found on PATH; it ships with Node 22")
have pulumi || problems+=("pulumi: not found on PATH; install the Pulumi CLI: https://www.pulumi.com/docs/iac/download-install/")
if ! have docker; then
    problems+=("docker: not found on PATH; install Docker (Docker Desktop, or Docker Engine on Linux)")
elif ! docker info >/dev/null 2>&1; then
    problems+=("docker: the CLI is installed but the daemon does not answer (docker info failed); start Docker, or check that your user may use its socket")
fi
if ! have kind; then
    problems+=("kind: not found on PATH; install kind ${kind_release}: https://kind.sigs.k8s.io/docs/user/quick-start/#installation")
else
    kind_version="$(kind version 2>/dev/null | sed -nE 's/^kind (v[0-9]+\.[0-9]+\.[0-9]+).*/\1/p')"
    if [ "${kind_version%.*}" != "${kind_minor}" ]; then
        problems+=("kind: found ${kind_version:-an unknown version}, the pinned node image is built for kind ${kind_release}; install kind ${kind_minor}.x (go install sigs.k8s.io/kind@${kind_release})")
    fi
fi

if [ "${#problems[@]}" -gt 0 ]; then
    echo "dev-up: ${#problems[@]} prerequisite(s) missing; nothing was changed:" >&2
    printf '  - %s\n' "${problems[@]}" >&2
    echo "See README, Prerequisites." >&2
    exit 1
fi

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
