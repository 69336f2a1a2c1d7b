#!/usr/bin/env bash
# Installs pinned, checksum-verified command-line tools into a folder: `bash scripts/install-tools.sh DIR TOOL...`
# with TOOL one of kind, kubectl, pulumi. Versions and checksums: versions/pins.json (read by scripts/pins.sh); the Pulumi CLI is
# the @pulumi/pulumi version in package.json. A download whose checksum differs is deleted and the script fails.
# Used by scripts/dev-up.sh (DIR = .tools/bin) and .github/workflows/e2e.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/pins.sh
source scripts/pins.sh

dir="${1:?usage: install-tools.sh DIR kind|kubectl|pulumi...}"
shift
mkdir -p "${dir}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) os=linux arch=amd64 pulumi_platform=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) os=linux arch=arm64 pulumi_platform=linux-arm64 ;;
    Darwin-x86_64) os=darwin arch=amd64 pulumi_platform=darwin-x64 ;;
    Darwin-arm64) os=darwin arch=arm64 pulumi_platform=darwin-arm64 ;;
    *)
        echo "install-tools: no pinned builds for $(uname -s)-$(uname -m)" >&2
        exit 1
        ;;
esac

# verify WHAT: checks the "<sha256>  <file>" line on stdin with sha256sum (Linux) or shasum (macOS); a mismatch
# stops the script before anything is installed.
verify() {
    local check=(shasum -a 256 -c -)
    command -v sha256sum >/dev/null 2>&1 && check=(sha256sum -c -)
    if ! "${check[@]}" >/dev/null 2>&1; then
        echo "install-tools: $1 does not match its published sha256; nothing was installed" >&2
        exit 1
    fi
}
download() { curl -fsSL --retry 3 -o "$2" "$1"; }

for tool in "$@"; do
    case "${tool}" in
        kind)
            pin="KIND_SHA256_$(echo "${os}_${arch}" | tr '[:lower:]' '[:upper:]')"
            if [ -z "${!pin:-}" ]; then
                echo "install-tools: versions/pins.json pins no sha256 for kind-${os}-${arch} ${KIND_VERSION}; install that kind release yourself (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)" >&2
                exit 1
            fi
            download "https://github.com/kubernetes-sigs/kind/releases/download/${KIND_VERSION}/kind-${os}-${arch}" "${work}/kind"
            echo "${!pin}  ${work}/kind" | verify "kind-${os}-${arch} ${KIND_VERSION} (pin ${pin} from versions/pins.json)"
            install -m 0755 "${work}/kind" "${dir}/kind"
            echo "install-tools: kind ${KIND_VERSION} -> ${dir}/kind (sha256 verified)"
            ;;
        kubectl)
            base="https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/${os}/${arch}"
            download "${base}/kubectl" "${work}/kubectl"
            download "${base}/kubectl.sha256" "${work}/kubectl.sha256"
            echo "$(cat "${work}/kubectl.sha256")  ${work}/kubectl" | verify "kubectl ${KUBECTL_VERSION} ${os}/${arch}"
            install -m 0755 "${work}/kubectl" "${dir}/kubectl"
            echo "install-tools: kubectl ${KUBECTL_VERSION} -> ${dir}/kubectl (sha256 verified)"
            ;;
        pulumi)
            version="$(sed -nE 's/^ *"@pulumi\/pulumi": "([0-9]+\.[0-9]+\.[0-9]+)",?$/\1/p' package.json | head -n 1)"
            release="https://github.com/pulumi/pulumi/releases/download/v${version}"
            archive="pulumi-v${version}-${pulumi_platform}.tar.gz"
            download "${release}/${archive}" "${work}/${archive}"
            download "${release}/pulumi-${version}-checksums.txt" "${work}/checksums.txt"
            line="$(grep " ${archive}\$" "${work}/checksums.txt" || true)"
            echo "${line%% *}  ${work}/${archive}" | verify "${archive} (pulumi-${version}-checksums.txt)"
            tar -xzf "${work}/${archive}" -C "${work}"
            install -m 0755 "${work}"/pulumi/* "${dir}/"
            echo "install-tools: pulumi ${version} -> ${dir}/pulumi (sha256 verified)"
            ;;
        *)
            echo "install-tools: unknown tool ${tool}; known: kind, kubectl, pulumi" >&2
            exit 2
            ;;
    esac
done
