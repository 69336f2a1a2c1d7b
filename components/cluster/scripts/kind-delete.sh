#!/usr/bin/env bash
# Deletes the kind cluster named $CLUSTER_NAME; succeeds when it is already gone.
set -euo pipefail

if ! command -v kind >/dev/null 2>&1; then
    echo "kind cluster ${CLUSTER_NAME}: the required tool 'kind' was not found on PATH; install it to delete the cluster" >&2
    exit 1
fi
kind delete cluster --name "${CLUSTER_NAME}" >&2
