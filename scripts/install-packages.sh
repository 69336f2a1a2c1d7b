#!/usr/bin/env bash
# Root `npm ci` / `npm install` also installs the sub-packages that have their own lock file, so one
# install command prepares every test suite (app/, deployments/, policy/).
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in app deployments policy; do
    # policy/ ships npm-shrinkwrap.json (npm pack keeps it, so the published pack carries its lock).
    if [ -f "${dir}/package-lock.json" ] || [ -f "${dir}/npm-shrinkwrap.json" ]; then
        npm ci --prefix "${dir}" --no-audit --no-fund --loglevel=error
    fi
done
