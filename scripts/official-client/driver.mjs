// driver.mjs — drives a gateway with the reference client, @openclaw/gateway-client, and prints
// what it saw as ONE JSON line on stdout.
//
// Usage (Node >= 22.19; install.sh provides one):
//   GATEWAY_TOKEN=... node driver.mjs --url ws://127.0.0.1:18789 [--timeout-ms 30000] [--client-dir DIR]
//
// Inputs (a flag wins over its environment variable):
//   --url          GATEWAY_URL          gateway WebSocket URL (required)
//   (env only)     GATEWAY_TOKEN        the shared gateway token; never taken from argv, never printed
//   --timeout-ms   DRIVER_TIMEOUT_MS    overall deadline, default 30000
//   --client-dir   GATEWAY_CLIENT_DIR   folder whose node_modules holds @openclaw/gateway-client
//                                       (install.sh prints it as client-dir=...); without it the
//                                       package is resolved from this script's folder
//
// Steps: connect as client id "cli", mode "cli", role operator, scopes operator.read+write, protocol
// [4,4], shared token, no device identity; wait for hello-ok; wait for a `tick` event; call `health`
// through the client's request(); stopAndWait(). The hello-ok payload, the tick payloads, the event
// envelopes and the health result are checked against the package's own TypeBox schemas
// (@openclaw/gateway-protocol). Unknown properties are reported apart from real violations, since
// the reference says to ignore unknown fields from the server.
//
// Exit codes: 0 success; 1 a step failed (the JSON line says which); 2 timeout; 64 usage.
import { loadPackages } from "./load-client.mjs";

const started = Date.now();
let token = "";

function redact(text) {
  let s = String(text);
  if (token) s = s.split(token).join("***");
  return s;
}

function emit(result, exitCode) {
  const line = redact(JSON.stringify({ ...result, elapsedMs: Date.now() - started }));
  process.stdout.write(line + "\n", () => process.exit(exitCode));
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const take = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--url") out.url = take();
    else if (arg === "--timeout-ms") out.timeoutMs = take();
    else if (arg === "--client-dir") out.clientDir = take();
    else if (arg === "--token") throw new Error("the token is read from GATEWAY_TOKEN only, never from argv");
    else throw new Error(`unknown argument: ${arg}`);
  }
  return out;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  emit({ ok: false, stage: "usage", error: e.message }, 64);
}
if (args) {
  const url = args.url ?? process.env.GATEWAY_URL ?? "";
  token = process.env.GATEWAY_TOKEN ?? "";
  const timeoutMs = Number(args.timeoutMs ?? process.env.DRIVER_TIMEOUT_MS ?? 30000);
  const clientDir = args.clientDir ?? process.env.GATEWAY_CLIENT_DIR ?? "";
  if (!url) emit({ ok: false, stage: "usage", error: "no gateway URL (--url or GATEWAY_URL)" }, 64);
  else if (!token) emit({ ok: false, stage: "usage", error: "no gateway token (GATEWAY_TOKEN)" }, 64);
  else if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) emit({ ok: false, stage: "usage", error: "bad timeout" }, 64);
  else await run({ url, timeoutMs, clientDir });
}

/** Checks a value against a schema; unknown properties are listed apart from real violations. */
function makeChecker(Compile, schema) {
  const compiled = Compile(schema);
  return (value) => {
    if (compiled.Check(value)) return { violations: [], extras: [] };
    const violations = [];
    const extras = [];
    for (const err of compiled.Errors(value)) {
      const where = err.instancePath || "/";
      const extra = err.keyword === "additionalProperties"
        ? [err.params?.additionalProperty ?? err.params?.additionalProperties].flat().filter(Boolean)
        : [];
      if (extra.length > 0) extra.forEach((p) => extras.push(`${where}:${p}`));
      else violations.push(`${where}: ${err.message ?? err.keyword}`);
    }
    return { violations: [...new Set(violations)], extras: [...new Set(extras)] };
  };
}

async function run({ url, timeoutMs, clientDir }) {
  let pkgs;
  try {
    pkgs = await loadPackages(clientDir);
  } catch (e) {
    emit({ ok: false, stage: "load", error: `cannot load @openclaw/gateway-client: ${e.message}` }, 1);
    return;
  }
  const { client: clientModule, protocol, Compile } = pkgs;
  const { GatewayClient } = clientModule;
  if (typeof GatewayClient !== "function") {
    emit({ ok: false, stage: "load", error: "@openclaw/gateway-client exports no GatewayClient" }, 1);
    return;
  }
  const checkHello = makeChecker(Compile, protocol.HelloOkSchema);
  const checkTick = makeChecker(Compile, protocol.TickEventSchema);
  const checkEvent = makeChecker(Compile, protocol.EventFrameSchema);
  const checkHealth = makeChecker(Compile, protocol.SnapshotSchema.properties.health);

  const result = {
    ok: false,
    client: `@openclaw/gateway-client@${pkgs.clientVersion}`,
    node: process.version,
    helloOk: false,
    protocol: null,
    serverVersion: null,
    tickIntervalMs: null,
    role: null,
    scopes: null,
    methods: null,
    ticks: 0,
    events: {},
    gaps: [],
    healthOk: false,
    closeCode: null,
    closeReason: null,
    schema: { violations: [], extras: [] },
  };
  const schemaReport = (label, report) => {
    report.violations.forEach((v) => result.schema.violations.push(`${label}${v}`));
    report.extras.forEach((x) => result.schema.extras.push(`${label}${x}`));
  };

  let settleHello, failHello, settleTick;
  const hello = new Promise((resolve, reject) => { settleHello = resolve; failHello = reject; });
  const firstTick = new Promise((resolve) => { settleTick = resolve; });
  let closed;
  const closedPromise = new Promise((resolve) => { closed = resolve; });

  const gateway = new GatewayClient({
    url,
    token,
    clientName: "cli",
    mode: "cli",
    clientDisplayName: "Clawscope fidelity driver",
    clientVersion: "clawscope-fidelity",
    platform: process.platform,
    role: "operator",
    scopes: ["operator.read", "operator.write"],
    minProtocol: 4,
    maxProtocol: 4,
    deviceIdentity: null,
    hostDeps: {
      logError: (m) => process.stderr.write(`[gateway-client] ${redact(m)}\n`),
    },
    onHelloOk: (payload) => settleHello(payload),
    onConnectError: (err) => failHello(err),
    onReconnectPaused: (info) => failHello(Object.assign(new Error(`reconnect paused: ${info.code} ${info.reason}`), {
      details: { code: info.detailCode },
    })),
    onGap: (gap) => result.gaps.push(gap),
    onEvent: (frame) => {
      result.events[frame.event] = (result.events[frame.event] ?? 0) + 1;
      if (result.events[frame.event] === 1) schemaReport(`event(${frame.event})`, checkEvent(frame));
      if (frame.event === "tick") {
        result.ticks += 1;
        if (result.ticks === 1) {
          schemaReport("tick.payload", checkTick(frame.payload));
          settleTick(frame.payload);
        }
      }
    },
    onClose: (code, reason) => {
      result.closeCode = code;
      result.closeReason = reason;
      closed();
    },
  });

  let stage = "hello";
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { timeout: true })),
      timeoutMs);
  });

  try {
    gateway.start();
    const payload = await Promise.race([hello, deadline]);
    result.helloOk = payload?.type === "hello-ok";
    result.protocol = payload?.protocol ?? null;
    result.serverVersion = payload?.server?.version ?? null;
    result.tickIntervalMs = payload?.policy?.tickIntervalMs ?? null;
    result.role = payload?.auth?.role ?? null;
    result.scopes = payload?.auth?.scopes ?? null;
    result.methods = Array.isArray(payload?.features?.methods) ? payload.features.methods.length : null;
    schemaReport("hello-ok", checkHello(payload));

    stage = "tick";
    await Promise.race([firstTick, deadline]);

    stage = "health";
    const health = await Promise.race([gateway.request("health", {}), deadline]);
    result.healthOk = health?.ok === true;
    schemaReport("health", checkHealth(health));

    stage = "stop";
    await Promise.race([gateway.stopAndWait({ timeoutMs: 5000 }), deadline]);
    await Promise.race([closedPromise, new Promise((r) => setTimeout(r, 1000))]);
    clearTimeout(timer);
    result.ok = result.helloOk && result.ticks >= 1 && result.healthOk;
    emit(result, result.ok ? 0 : 1);
  } catch (e) {
    clearTimeout(timer);
    try { gateway.stop(); } catch { /* already stopped */ }
    const failure = {
      ...result,
      ok: false,
      stage,
      error: e?.message ?? String(e),
      errorCode: e?.gatewayCode ?? e?.code ?? null,
      detailCode: e?.details?.code ?? null,
    };
    emit(failure, e?.timeout ? 2 : 1);
  }
}
