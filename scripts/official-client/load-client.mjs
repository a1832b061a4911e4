// load-client.mjs — finds and loads @openclaw/gateway-client, its protocol package and TypeBox,
// from the folder install.sh prints as client-dir=..., or from this script's folder.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export async function loadPackages(clientDir) {
  const base = clientDir
    ? path.join(path.resolve(clientDir), "package.json")
    : fileURLToPath(import.meta.url);
  const fromClient = createRequire(base);
  const clientEntry = fromClient.resolve("@openclaw/gateway-client");
  const clientPkgFile = path.join(path.dirname(clientEntry), "..", "package.json");
  const clientPkg = existsSync(clientPkgFile) ? JSON.parse(readFileSync(clientPkgFile, "utf8")) : {};
  // The protocol package and TypeBox are resolved the way the client itself resolves them.
  const fromClientPkg = createRequire(clientEntry);
  const protocolEntry = fromClientPkg.resolve("@openclaw/gateway-protocol");
  const fromProtocol = createRequire(protocolEntry);
  const client = await import(pathToFileURL(clientEntry).href);
  const protocol = await import(pathToFileURL(protocolEntry).href);
  const { Compile } = await import(pathToFileURL(fromProtocol.resolve("typebox/compile")).href);
  return { client, protocol, Compile, clientVersion: clientPkg.version ?? "unknown" };
}

// The options every Clawscope harness gives the reference client: client id "cli", mode "cli", role
// operator with scope operator.read, protocol [4,4], the shared token and no device identity.
// `logError` receives the client's own error lines; callbacks and names are the caller's to add.
export function operatorOptions({ url, token, logError }) {
  return {
    url,
    token,
    clientName: "cli",
    mode: "cli",
    platform: process.platform,
    role: "operator",
    scopes: ["operator.read"],
    minProtocol: 4,
    maxProtocol: 4,
    deviceIdentity: null,
    hostDeps: { logError },
  };
}
