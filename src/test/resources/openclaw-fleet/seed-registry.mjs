// Registers fleet cells in an OpenClaw state folder without Docker or Podman, through openclaw's own
// registry commands (the ones `openclaw fleet create` runs before it creates the container), so the
// real `openclaw fleet list --json` lists them with state "unknown". Used to capture
// fleet-list-two-cells.json and by FleetListingTest; nothing is started.
//
// Usage: OPENCLAW_STATE_DIR=DIR node seed-registry.mjs OPENCLAW_DIST_DIR TENANT:PORT:ISO_TIME...
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dist, ...cells] = process.argv.slice(2);
const stateDir = process.env.OPENCLAW_STATE_DIR;
if (!dist || !stateDir || cells.length === 0) {
  console.error("usage: OPENCLAW_STATE_DIR=DIR node seed-registry.mjs OPENCLAW_DIST_DIR TENANT:PORT:ISO_TIME...");
  process.exit(2);
}
const find = (prefix) => {
  const name = fs.readdirSync(dist).find((f) => f.startsWith(prefix) && f.endsWith(".mjs"));
  if (!name) {
    console.error(`no ${prefix}*.mjs in ${dist}`);
    process.exit(3);
  }
  return pathToFileURL(path.join(dist, name)).href;
};
const store = await import(find("openclaw-state-worker-store-"));
const context = await import(find("openclaw-state-worker-context-"));
const capture = () => context.t({ env: process.env });
for (const spec of cells) {
  const [tenantId, port, created] = spec.split(/:(.*?):(.*)/s);
  const owner = `seed-${tenantId}`;
  await store.executeOpenClawStateWorker(capture(), {
    type: "fleet.operation.acquire", input: { tenantId, owner, operation: "create", nowMs: Date.now() } });
  await store.executeOpenClawStateWorker(capture(), {
    type: "fleet.cell.reserve",
    input: {
      tenantId, createdAtMs: Date.parse(created), image: "ghcr.io/openclaw/openclaw:latest", runtime: "docker",
      containerName: `openclaw-cell-${tenantId}`, dataDir: path.join(stateDir, "fleet", "cells", tenantId),
      requestedPort: Number(port), operationOwner: owner,
    },
  });
  await store.executeOpenClawStateWorker(capture(), { type: "fleet.operation.release", input: { tenantId, owner } });
}
