#!/usr/bin/env bash
# The newcomer's path, as the README tells it, in a fresh clone with no credentials: `npm ci`, `npm start` and its
# sample request, every command of the README's "Then:" block verbatim (read from README.md, so the two cannot
# drift), and the browser tests on the npm-shipped Chromium (MSADS_CHROMIUM_PATH points away from any system one).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""

cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM -- "-$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# No credentials and no endpoint overrides: everything runs on the embedded emulator, as on a new machine.
for name in $(env | sed -n 's/^\(MSADS_[A-Z_]*\)=.*/\1/p'); do unset "$name"; done
export MSADS_CHROMIUM_PATH=/nonexistent
export XDG_CONFIG_HOME="$work/config"

step() { printf '\n== %s (at %ss)\n' "$*" "$SECONDS"; }

step "git clone (the committed tree)"
git clone --quiet "$repo" "$work/clone"
cd "$work/clone"

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "npm start, and the sample request it prints"
# PORT=0: a free port, so that the check runs beside anything already on 3000; the banner prints the real one.
PORT=0 setsid npm start >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  grep -q '^  curl ' "$work/serve.log" && break
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/serve.log"; exit 1; fi
  sleep 0.5
done
sample="$(sed -n 's/^  \(curl .*\)$/\1/p' "$work/serve.log" | head -n 1)"
if [ -z "$sample" ]; then cat "$work/serve.log"; echo "newcomer-path: npm start printed no sample request" >&2; exit 1; fi
answer="$(bash -c "$sample")"
echo "$answer"
if ! grep -q '"outcome":"delivered"' <<<"$answer"; then echo "newcomer-path: the sample was not delivered" >&2; exit 1; fi
kill -TERM -- "-$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

step "the README's \"Then:\" block, verbatim"
commands="$(awk '/^Then/ { then = 1; next } then && /^```sh$/ { inside = 1; next } inside && /^```$/ { exit } inside' README.md)"
if [ -z "$commands" ]; then echo "newcomer-path: README.md has no \"Then:\" block" >&2; exit 1; fi
while IFS= read -r command; do
  [ -n "$command" ] || continue
  printf '\n$ %s\n' "$command"
  bash -c "$command" </dev/null
done <<<"$commands"

step "the browser tests, on the npm-shipped Chromium"
TZ=UTC npx jest src/browser

step "newcomer path: ok"
