#!/usr/bin/env bash
# Shared preamble of the scripts that drive Docker and kind (see components/shell/index.ts): stops with a
# message naming what was being done and the missing tool, before anything half-happens.
# Usage: require_docker_and_kind "<what is being done>" "<what to do about a missing tool>"
require_docker_and_kind() {
    local what="$1" hint="$2" tool
    for tool in docker kind; do
        if ! command -v "${tool}" >/dev/null 2>&1; then
            echo "${what}: the required tool '${tool}' was not found on PATH; ${hint}" >&2
            exit 1
        fi
    done
    if ! docker info >/dev/null 2>&1; then
        echo "${what}: docker is installed but its daemon is not reachable; start Docker and run pulumi up again" >&2
        exit 1
    fi
}
