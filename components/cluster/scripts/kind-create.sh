#!/usr/bin/env bash
# Creates the kind cluster named $CLUSTER_NAME from the config in $KIND_CONFIG (idempotent) and prints
# its kubeconfig on stdout, which Pulumi captures as a secret. Progress goes to stderr.
set -euo pipefail

for tool in docker kind; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "kind cluster ${CLUSTER_NAME}: the required tool '${tool}' was not found on PATH; install it and run pulumi up again" >&2
        exit 1
    fi
done
if ! docker info >/dev/null 2>&1; then
    echo "kind cluster ${CLUSTER_NAME}: docker is installed but its daemon is not reachable; start Docker and run pulumi up again" >&2
    exit 1
fi

if ! kind get clusters 2>/dev/null | grep -qx "${CLUSTER_NAME}"; then
    config_file="$(mktemp)"
    trap 'rm -f "${config_file}"' EXIT
    printf '%s\n' "${KIND_CONFIG}" >"${config_file}"
    kind create cluster --name "${CLUSTER_NAME}" --config "${config_file}" --wait 180s >&2
fi
kind get kubeconfig --name "${CLUSTER_NAME}"
