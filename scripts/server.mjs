// The web server `npm start` (and `npm run dev`) runs: Next.js behind a plain Node HTTP server,
// so that the app learns the client's address from the socket (see client-address.mjs and
// TRUST_PROXY in the README) instead of from a header the client may have written itself.
//
//   node scripts/server.mjs [--dev]     PORT (3000), HTTP_KEEP_ALIVE_MS (65000), TRUST_PROXY
import http from "node:http";
import { parseTrustProxy, setClientAddressHeader } from "./client-address.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const keepAliveMs = Number(process.env.HTTP_KEEP_ALIVE_MS || 65_000);

let trust;
try {
  trust = parseTrustProxy(process.env.TRUST_PROXY);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

const server = http.createServer();
server.keepAliveTimeout = keepAliveMs;
const app = next({ dev, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

server.on("request", (req, res) => {
  setClientAddressHeader(req, trust);
  handle(req, res);
});
server.listen(port, () => console.log(`Listening on port ${port}${dev ? " (development)" : ""}`));

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => process.exit(0));
