// Node-RED settings for bench/delivery.sh: the runtime only, on 127.0.0.1, no editor or admin API.
//   SB_NODE_RED_PORT      the port the flow's http in node listens on (required)
//   SB_NODE_RED_USER_DIR  Node-RED's working folder (default: bench/out/delivery/node-red)
//   SB_RECEIVER_URL       read by the flow's function node: the receiver's base address
const path = require("path");

const port = parseInt(process.env.SB_NODE_RED_PORT || "", 10);
if (!(port > 0)) {
  throw new Error("SB_NODE_RED_PORT must name the port to listen on");
}

module.exports = {
  uiHost: "127.0.0.1",
  uiPort: port,
  userDir: process.env.SB_NODE_RED_USER_DIR || path.join(__dirname, "..", "out", "delivery", "node-red"),
  flowFile: path.join(__dirname, "flows.json"),
  // Never write the flows (or credentials) file: the flow is part of the repository.
  readOnly: true,
  // The flow holds no credentials; a fixed secret keeps Node-RED from generating (and asking to store) one.
  credentialSecret: "switchboard-bench-no-credentials",
  // No editor and no admin API: only the flow's own http in endpoint is served.
  httpAdminRoot: false,
  httpNodeRoot: "/",
  disableEditor: true,
  externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
  telemetry: { enabled: false },
  diagnostics: { enabled: false, ui: false },
  runtimeState: { enabled: false, ui: false },
  functionExternalModules: false,
  functionGlobalContext: {},
  exportGlobalContextKeys: false,
  logging: { console: { level: "warn", metrics: false, audit: false } },
};
