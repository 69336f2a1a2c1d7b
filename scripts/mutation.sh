#!/usr/bin/env bash
# `npm run test:mutation [-- <stryker options>]`: StrykerJS over the modules that decide behaviour, against the
# fast unit tests (stryker.config.json). Stryker and the Mocha it drives live in mutation/ (see its package.json).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f mutation/node_modules/.package-lock.json ] || [ mutation/package-lock.json -nt mutation/node_modules/.package-lock.json ]; then
    npm ci --prefix mutation --no-audit --no-fund
fi
# Stryker and every process it starts use mutation/'s Mocha 11 (mutation/use-mocha-11.cjs says why).
export STRYKER_MOCHA_DIR="${PWD}/mutation/node_modules/mocha"
export NODE_OPTIONS="${NODE_OPTIONS:+${NODE_OPTIONS} }--require ${PWD}/mutation/use-mocha-11.cjs"
exec node mutation/node_modules/@stryker-mutator/core/bin/stryker.js run stryker.config.json "$@"
