// npm run build:extension — zips extension/ (Manifest V3, loadable unpacked as
// it is) into dist/marginalia-extension.zip for the Chrome Web Store or
// addons.mozilla.org. Checks first that every file the manifest names exists
// and that no script is loaded from elsewhere (no remote code).
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yazl from "yazl";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "extension");
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "dist", "marginalia-extension.zip");

const manifest = JSON.parse(readFileSync(path.join(source, "manifest.json"), "utf8"));
if (manifest.manifest_version !== 3) throw new Error("extension/manifest.json must be Manifest V3");
const named = [
  manifest.action?.default_popup,
  manifest.background?.service_worker,
  ...(manifest.background?.scripts ?? []),
  ...Object.values(manifest.icons ?? {}),
  ...Object.values(manifest.action?.default_icon ?? {}),
].filter(Boolean);
for (const file of named) {
  if (!existsSync(path.join(source, file))) throw new Error(`extension/manifest.json names ${file}, which is missing`);
}
const files = readdirSync(source).filter((name) => /\.(json|js|html|css|png|svg)$/.test(name));
for (const file of files.filter((name) => /\.(html|js)$/.test(name))) {
  const text = readFileSync(path.join(source, file), "utf8");
  if (/<script[^>]+src=["']https?:|import\s[^;]*from\s+["']https?:|importScripts\(\s*["']https?:/.test(text)) {
    throw new Error(`extension/${file} loads remote code`);
  }
}

mkdirSync(path.dirname(out), { recursive: true });
const zip = new yazl.ZipFile();
for (const file of files.sort()) zip.addFile(path.join(source, file), file, { mtime: new Date(0) });
zip.end();
await new Promise((resolve, reject) => {
  zip.outputStream.pipe(createWriteStream(out)).on("close", resolve).on("error", reject);
});
console.log(`${path.relative(root, out)}: ${files.length} files`);
