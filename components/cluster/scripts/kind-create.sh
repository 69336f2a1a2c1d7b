#!/usr/bin/env bash
# Creates the kind cluster named $CLUSTER_NAME from the config in $KIND_CONFIG (idempotent) and prints
# its kubeconfig on stdout, which Pulumi captures as a secret. Progress goes to stderr.
# Runs after components/shell/require-docker-kind.sh (prepended by components/shell/index.ts).
set -euo pipefail

require_docker_and_kind "kind cluster ${CLUSTER_NAME}" "install it and run pulumi up again"

if ! kind get clusters 2>/dev/null | grep -qx "${CLUSTER_NAME}"; then
    config_file="$(mktemp)"
    trap 'rm -f "${config_file}"' EXIT
    printf '%s\n' "${KIND_CONFIG}" >"${config_file}"
    kind create cluster --name "${CLUSTER_NAME}" --config "${config_file}" --wait 180s >&2
fi
kind get kubeconfig --name "${CLUSTER_NAME}"
