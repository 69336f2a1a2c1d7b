# shellcheck shell=bash
# Sourced by scripts/install-tools.sh and scripts/dev-up.sh: the tool pins they need, read from the one pin file,
# versions/pins.json, with sed (it runs before any Node is installed). pins.json keeps each entry's fields on lines
# of their own, four spaces in, which is what pin() relies on; test/scripts/dev-up.test.ts checks what it reads.

# pin ENTRY FIELD: the string FIELD of the top-level ENTRY of versions/pins.json ("" when absent).
pin() {
    sed -nE "/^    \"$1\": \\{/,/^    \\}/ s/^ *\"$2\": \"([^\"]+)\".*/\\1/p" versions/pins.json | head -n 1
}

# kind: the release the pinned node image is built for, and the sha256 of its binaries as published with it
# (a platform without a pinned sha256 is refused by install-tools.sh).
KIND_VERSION="$(pin kind version)"
KIND_SHA256_LINUX_AMD64="$(pin kind linuxAmd64Sha256)"
# kubectl (the e2e's checks): the node image's Kubernetes version; dl.k8s.io publishes its sha256 beside it.
KUBECTL_VERSION="$(pin kubectl version)"
export KIND_VERSION KIND_SHA256_LINUX_AMD64 KUBECTL_VERSION
