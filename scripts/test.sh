#!/usr/bin/env bash
# The README's test command: `bash scripts/test.sh`. From a fresh clone on any machine with Node >= 18 and npm,
# it brings what the tests need and runs every one of them:
#   1. Node 22 (the project's engine) into .tools/node22 when the machine's node is older, from the npm package
#      node-<os>-<arch>, so no download outside the npm registry is needed;
#   2. the Debian tools the tests run for real (TEST_TOOLS below): installed with apt-get when this
#      user may (root, or sudo without a password), otherwise one line naming the exact command, then exit;
#   3. the npm dependencies (root, app/, deployments/, policy/) when a lockfile changed since the last install;
#   4. `npm test`: every suite, in parallel, and one summary table.
# CI runs exactly this (`.ci/run` and .github/workflows/ci.yml call it). Arguments go to `npm test`'s runner
# (`bash scripts/test.sh unit app` runs two suites).
set -euo pipefail
cd "$(dirname "$0")/.."

# "Debian package: the commands the tests call from it" (a|b: either name). shellcheck: scripts and workflow
# run: steps; promtool and prometheus: alert rules, the live monitoring test; amtool and alertmanager: the
# live monitoring test (Debian names the binary prometheus-alertmanager).
TEST_TOOLS=(
    "shellcheck: shellcheck"
    "prometheus: promtool prometheus"
    "prometheus-alertmanager: amtool alertmanager|prometheus-alertmanager"
)

say() { echo "test.sh: $*"; }

# 1. Node 22.
# shellcheck source=scripts/node22.sh
source scripts/node22.sh
if [ "$(node_major)" -lt 22 ]; then
    if [ -z "$(node22_package)" ]; then
        say "this is node $(node_major) on $(uname -s)-$(uname -m), which has no Node 22 npm package; install Node 22 yourself (nvm install: reads .nvmrc) and run again"
        exit 1
    fi
    if ! command -v npm >/dev/null 2>&1; then
        say "neither Node 22 nor npm found; install Node 18 or newer with npm (https://nodejs.org) and run again"
        exit 1
    fi
    use_node22
fi
say "node $(node --version), npm $(npm --version)"

# 2. Debian tools.
missing=()
for entry in "${TEST_TOOLS[@]}"; do
    for names in ${entry#*:}; do
        found=false
        for name in ${names//|/ }; do command -v "${name}" >/dev/null 2>&1 && found=true; done
        if [ "${found}" = false ]; then
            missing+=("${entry%%:*}")
            break
        fi
    done
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        as_root=(sudo -n)
    else
        as_root=(none)
    fi
    if ! command -v apt-get >/dev/null 2>&1 || [ "${as_root[*]-}" = none ]; then
        if command -v apt-get >/dev/null 2>&1; then
            say "missing ${missing[*]}; install them, then run again: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
        else
            say "missing ${missing[*]} (Debian package names; no apt-get here); install shellcheck, prometheus (promtool) and alertmanager (amtool), e.g. brew install shellcheck prometheus alertmanager, then run again"
        fi
        exit 1
    fi
    say "installing ${missing[*]} with apt-get"
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# 3. npm dependencies, when any lockfile changed since the last install that this script recorded.
lockfiles=(package-lock.json)
for dir in app deployments policy; do [ ! -f "${dir}/package-lock.json" ] || lockfiles+=("${dir}/package-lock.json"); done
lock_hash="$(cat "${lockfiles[@]}" | sha256sum | cut -d' ' -f1)"
stamp=node_modules/.test-sh-installed
installed=true
[ -f "${stamp}" ] && [ "$(cat "${stamp}")" = "${lock_hash}-$(node --version)" ] || installed=false
for dir in app deployments policy; do [ ! -f "${dir}/package-lock.json" ] || [ -d "${dir}/node_modules" ] || installed=false; done
if [ "${CI:-}" = true ] || [ "${installed}" = false ]; then
    npm ci --no-audit --no-fund
    echo "${lock_hash}-$(node --version)" >"${stamp}"
else
    say "dependencies are installed for these lockfiles (delete ${stamp} to reinstall)"
fi

# 4. Every test.
npm test -- "$@"
