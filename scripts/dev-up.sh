#!/usr/bin/env bash
# Installs dependencies and brings up the dev platform on a local kind cluster: `bash scripts/dev-up.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in node npm pulumi docker kind; do
    if ! command -v "${tool}" >/dev/null 2>&1; then
        echo "dev-up: '${tool}' is required but was not found on PATH (see README, Prerequisites)" >&2
        exit 1
    fi
done
node_major="$(node --version | sed -E 's/^v([0-9]+).*/\1/')"
if [ "${node_major}" -lt 22 ]; then
    echo "dev-up: Node 22 or newer is required, found $(node --version)" >&2
    exit 1
fi

npm ci --no-audit --no-fund

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
