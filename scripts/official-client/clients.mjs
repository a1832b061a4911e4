// clients.mjs — runs reference clients (@openclaw/gateway-client, reconnect and tick watchdog as
// shipped) for the benchmarks and prints what each one sees as JSON lines on stdout, as it happens.
//
// Usage (Node >= 22.19; install.sh provides one):
//   GATEWAY_TOKEN=... node clients.mjs --url ws://127.0.0.1:P [--url ...] [--count N] [--client-dir DIR]
//
//   --url         one client per --url, in order (client index 0, 1, ...); with --count N and a
//                 single --url, N clients to that URL
//   --client-dir  folder whose node_modules holds @openclaw/gateway-client (install.sh prints it)
//   GATEWAY_TOKEN the shared gateway token (environment only; never printed)
//
// Lines: {"t":<epoch ms>,"i":<client index>,"ev":"hello"|"close"|"connect_error"|"paused",...}
// plus {"t":..,"ev":"ready","clients":N} once every client was started and {"ev":"stopped"} at the end.
// "close" carries code and reason; a reconnect shows as a later "hello". The clients run until stdin
// ends or a line "stop" arrives; then every client is stopped and the script exits 0.
// Exit codes: 0 stopped; 1 the client package could not be loaded; 64 usage.
import { createInterface } from "node:readline";
import { loadPackages, operatorOptions } from "./load-client.mjs";

let token = "";

function redact(text) {
  const s = String(text ?? "");
  return token ? s.split(token).join("***") : s;
}

function emit(fields) {
  process.stdout.write(redact(JSON.stringify({ t: Date.now(), ...fields })) + "\n");
}

function parseArgs(argv) {
  const out = { urls: [], count: 1, clientDir: process.env.GATEWAY_CLIENT_DIR ?? "" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const take = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--url") out.urls.push(take());
    else if (arg === "--count") out.count = Number(take());
    else if (arg === "--client-dir") out.clientDir = take();
    else if (arg === "--token") throw new Error("the token is read from GATEWAY_TOKEN only, never from argv");
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (out.urls.length === 0) throw new Error("no --url");
  if (!Number.isInteger(out.count) || out.count < 1) throw new Error("--count must be a positive integer");
  if (out.count > 1 && out.urls.length > 1) throw new Error("--count goes with a single --url");
  if (out.count > 1) out.urls = Array(out.count).fill(out.urls[0]);
  return out;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
  token = process.env.GATEWAY_TOKEN ?? "";
  if (!token) throw new Error("no gateway token (GATEWAY_TOKEN)");
} catch (e) {
  emit({ ev: "usage", error: e.message });
  process.exit(64);
}

let GatewayClient;
try {
  ({ GatewayClient } = (await loadPackages(args.clientDir)).client);
} catch (e) {
  emit({ ev: "load_failed", error: `cannot load @openclaw/gateway-client: ${e.message}` });
  process.exit(1);
}

const clients = args.urls.map((url, i) => new GatewayClient({
  ...operatorOptions({ url, token, logError: (m) => process.stderr.write(`[gateway-client ${i}] ${redact(m)}\n`) }),
  clientDisplayName: `Clawscope bench ${i}`,
  clientVersion: "clawscope-bench",
  onHelloOk: () => emit({ i, ev: "hello" }),
  onClose: (code, reason) => emit({ i, ev: "close", code, reason: redact(reason) }),
  onConnectError: (err) => emit({ i, ev: "connect_error", error: redact(err?.message ?? err) }),
  onReconnectPaused: (info) => emit({ i, ev: "paused", code: info?.code ?? null, reason: redact(info?.reason) }),
}));
clients.forEach((c) => c.start());
emit({ ev: "ready", clients: clients.length });

let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled(clients.map((c) => c.stopAndWait({ timeoutMs: 3000 })));
  process.stdout.write(JSON.stringify({ t: Date.now(), ev: "stopped" }) + "\n", () => process.exit(0));
}
const input = createInterface({ input: process.stdin });
input.on("line", (line) => { if (line.trim() === "stop") stopAll(); });
input.on("close", stopAll);
