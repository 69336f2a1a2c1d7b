#!/usr/bin/env bash
# The required check of a PR preview (preview.yml, jobs required-staging and required-prod).
# Passes only when the preview that fits the PR passed:
#   - CREDENTIALLESS=true (a fork or Dependabot PR, which GitHub gives no OIDC token): the offline
#     synth diff, OFFLINE;
#   - otherwise the live `pulumi preview`, LIVE.
# LIVE and OFFLINE are GitHub job results: success, failure, cancelled or skipped. A skipped
# preview never counts as a pass.
set -euo pipefail

if [ "${CREDENTIALLESS:?}" = "true" ]; then
  want="offline synth diff"
  got="${OFFLINE:?}"
else
  want="live pulumi preview"
  got="${LIVE:?}"
fi
if [ "$got" != "success" ]; then
  echo "::error::The ${want} of this PR ended with '${got}', not 'success' (live: '${LIVE:-}', offline: '${OFFLINE:-}')."
  exit 1
fi
echo "The ${want} of this PR passed."
