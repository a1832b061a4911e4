// graded-client.mjs — one reference client (@openclaw/gateway-client as shipped: its reconnect, its
// tick watchdog, its handling of hints) run the way an application runs it, for `clawscope grade`.
//
// Usage (Node >= 22.19; install.sh provides one):
//   clawscope grade --client 'NODE graded-client.mjs --client-dir DIR'
//
//   CLAWSCOPE_URL    the gateway URL (clawscope grade sets it)
//   CLAWSCOPE_TOKEN  the shared gateway token (environment only; never printed)
//   --client-dir     folder whose node_modules holds @openclaw/gateway-client (install.sh prints it)
//
// Connects as client id "cli", mode "cli", role operator, scope operator.read, protocol [4,4], shared
// token, no device identity, and calls nothing itself. Prints one line per thing the client reports
// (hello, close, connect error, pause). It runs until stopped, also when the client pauses. On
// SIGTERM or SIGINT it does what an application would: stopAndWait(), then exits 0.
// Exit codes: 0 stopped; 1 the client package could not be loaded; 64 usage.
import { loadPackages, operatorOptions } from "./load-client.mjs";

const token = process.env.CLAWSCOPE_TOKEN ?? "";
const url = process.env.CLAWSCOPE_URL ?? "";

function redact(text) {
  const s = String(text ?? "");
  return token ? s.split(token).join("***") : s;
}

function say(fields) {
  process.stdout.write(redact(JSON.stringify({ t: Date.now(), ...fields })) + "\n");
}

let clientDir = process.env.GATEWAY_CLIENT_DIR ?? "";
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--client-dir" && i + 1 < argv.length) clientDir = argv[++i];
  else {
    say({ ev: "usage", error: `unknown argument: ${argv[i]}` });
    process.exit(64);
  }
}
if (!url || !token) {
  say({ ev: "usage", error: "CLAWSCOPE_URL and CLAWSCOPE_TOKEN must be set" });
  process.exit(64);
}

let pkgs;
try {
  pkgs = await loadPackages(clientDir);
} catch (e) {
  say({ ev: "load_failed", error: `cannot load @openclaw/gateway-client: ${e.message}` });
  process.exit(1);
}
const { GatewayClient } = pkgs.client;
say({ ev: "start", client: `@openclaw/gateway-client@${pkgs.clientVersion}`, node: process.version });

const client = new GatewayClient({
  ...operatorOptions({ url, token, logError: (m) => process.stderr.write(`[gateway-client] ${redact(m)}\n`) }),
  clientDisplayName: "Clawscope grade",
  clientVersion: `gateway-client-${pkgs.clientVersion}`,
  onHelloOk: () => say({ ev: "hello" }),
  onClose: (code, reason) => say({ ev: "close", code, reason: redact(reason) }),
  onConnectError: (err) => say({ ev: "connect_error", error: redact(err?.message ?? err) }),
  onReconnectPaused: (info) => say({ ev: "paused", code: info?.code ?? null, reason: redact(info?.reason) }),
});
client.start();
// An application stays up when its client pauses (e.g. on a wrong token); so does this one, until stopped.
const keepAlive = setInterval(() => {}, 1 << 30);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  clearInterval(keepAlive);
  say({ ev: "stopping", signal });
  await Promise.allSettled([client.stopAndWait({ timeoutMs: 3000 })]);
  process.stdout.write(JSON.stringify({ t: Date.now(), ev: "stopped" }) + "\n", () => process.exit(0));
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
