#!/usr/bin/env bash
# Checks that a host's exported folder stands alone: bash .ci/check-upstream.sh segment|rudderstack
# Builds and packs this package, then scripts/upstream/check.ts exports the folder into a temporary project that
# has only the tarball and the host's own modules (linked from node_modules, no registry), type-checks it, runs
# its tests and the host's rules.
set -euo pipefail
cd "$(dirname "$0")/.."
host="${1:?usage: .ci/check-upstream.sh segment|rudderstack}"
# Segment: the export with action-destinations' own toolchain, pinned (see the script's header).
[ "$host" = segment ] && exec bash scripts/upstream/segment-check.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/msads-upstream-${host}.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The core's JavaScript and types are what a host depends on; the browser bundle plays no part in the check.
npx tsc -p tsconfig.build.json
tarball="$(npm pack --silent --pack-destination "$work")"
# The check runs without the repository's source condition, so the package resolves as a host would see it.
node -r ts-node/register/transpile-only scripts/upstream/check.ts "$host" "$work/$tarball" "$work"
