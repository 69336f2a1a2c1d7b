#!/usr/bin/env bash
# Builds the app image from $APP_DIR as $IMAGE and loads it into the kind cluster $CLUSTER_NAME, so the dev
# stack runs without a registry. Pulumi re-runs this whenever the app's sources change (the tag is their hash).
set -euo pipefail

require_docker_and_kind "app image ${IMAGE}" "install it, or set app.buildLocally to false and app.image to a pushed image"
if ! kind get clusters 2>/dev/null | grep -qx "${CLUSTER_NAME}"; then
    echo "app image ${IMAGE}: kind cluster '${CLUSTER_NAME}' does not exist; it is created by this stack, so run pulumi up again" >&2
    exit 1
fi

echo "building ${IMAGE} from ${APP_DIR}" >&2
docker build --tag "${IMAGE}" "${APP_DIR}" >&2
echo "loading ${IMAGE} into kind cluster ${CLUSTER_NAME}" >&2
kind load docker-image "${IMAGE}" --name "${CLUSTER_NAME}" >&2
printf '%s\n' "${IMAGE}"
