// A worker thread of the compute pool (lib/server/compute-pool.ts): the
// agreement figures, the parsing and anchoring of annotation imports, the
// formatting of W3C exports, and
// the reading of captured pages, PDFs and HTML into article content.
// Plain JavaScript, loaded by piscina outside Next.js's bundle, so `next start`
// and the tests run the same file. It compiles the pure TypeScript it needs
// (lib/agreement, lib/import) once per thread with the esbuild that tsx, a
// dependency of the app, ships: about 0.1 s, where a loader hook costs seconds.
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";

/**
 * This thread's nice value. On Linux a nice value belongs to the thread that
 * sets it: the pool's threads yield the cores to the request thread (and to
 * PostgreSQL) whenever both want one, so an 80 × 80 agreement or a 5 MB
 * import takes the machine's spare time instead of delaying other people's
 * requests (issue 13). Where lowering it is not allowed, tasks run as before.
 */
export const WORKER_NICE = 10;
try {
  setPriority(WORKER_NICE);
} catch {
  // Not permitted here: the thread keeps the process's priority.
}

const require = createRequire(import.meta.url);
const compiled = new Map();

/**
 * The module at `entry` (relative to this file), bundled with what it imports
 * (zod too: a data: module cannot resolve packages) and imported once.
 */
function compile(entry) {
  if (!compiled.has(entry)) {
    const esbuild = createRequire(require.resolve("tsx/package.json"))("esbuild");
    const root = fileURLToPath(new URL("../../", import.meta.url));
    compiled.set(
      entry,
      esbuild
        .build({
          entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
          bundle: true,
          format: "esm",
          platform: "node",
          write: false,
          logLevel: "silent",
          absWorkingDir: root,
          tsconfig: `${root}tsconfig.json`,
        })
        .then(
          ({ outputFiles }) =>
            import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`),
        ),
    );
  }
  return compiled.get(entry);
}

/** esbuild resolves `server-only` (which throws outside React's server graph) to an empty module. */
const serverOnlyStub = {
  name: "server-only",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "" }));
  },
};

/**
 * The module at `entry` with its packages left as they are installed: jsdom
 * cannot be bundled (it reads files of its own at run time), and a data:
 * module cannot import packages. So the project's own TypeScript is bundled as
 * CommonJS and run with a `require` that resolves from the project directory.
 */
function compileWithPackages(entry) {
  const id = `packages:${entry}`;
  if (!compiled.has(id)) {
    const esbuild = createRequire(require.resolve("tsx/package.json"))("esbuild");
    const root = fileURLToPath(new URL("../../", import.meta.url));
    compiled.set(
      id,
      esbuild
        .build({
          entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
          bundle: true,
          format: "cjs",
          platform: "node",
          packages: "external",
          plugins: [serverOnlyStub],
          write: false,
          logLevel: "silent",
          absWorkingDir: root,
          tsconfig: `${root}tsconfig.json`,
        })
        .then(({ outputFiles }) => {
          const commonJs = { exports: {} };
          new Function("require", "module", "exports", outputFiles[0].text)(
            createRequire(`${root}package.json`),
            commonJs,
            commonJs.exports,
          );
          return commonJs.exports;
        }),
    );
  }
  return compiled.get(id);
}

/**
 * One AgreementTask (see lib/server/compute-pool.ts): the report, or the
 * API's JSON answer, or the CSV, so that serializing a large report stays here too.
 */
export default async function agreement(task) {
  const { agreementReport, agreementReportToCsv } = await compile("../agreement/report.ts");
  const report = compact(agreementReport(task.text, spansOf(task.columns), task.options), task.options);
  if (task.output === "csv") return agreementReportToCsv({ ...report, annotators: task.names });
  if (task.output === "json") {
    // Bytes: the request's thread does not serialize or encode megabytes (the server compresses them in
    // zlib's thread pool; a body gzipped here was gzipped again by Next.js).
    const bytes = Buffer.from(JSON.stringify({ data: { ...task.head, report } }));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return report;
}

/** Each analyst's spans (`AnnotatorSpans`, in the analysts' and the columns' order) from AgreementColumns. */
function spansOf(columns) {
  const spans = columns.analysts.map((annotator) => ({ annotator, spans: [] }));
  for (let k = 0; k < columns.start.length; k++) {
    spans[columns.annotator[k]].spans.push({
      start: columns.start[k],
      end: columns.end[k],
      label: columns.labels[columns.label[k]],
    });
  }
  return spans;
}

/**
 * With `pairLabels` (a bounded view), the pairs' Cohen results without their
 * contingency tables: with 80 types every pair's table is 81 × 81 counts,
 * 90 MB over 80 analysts, and the view shows none of them.
 */
function compact(report, options) {
  if (!options.pairLabels) return report;
  const slim = ({ categories: _categories, table: _table, ...rest }) => rest;
  const cells = report.tokenPairs.cells.map((row) =>
    row.map((cell) => cell && { overall: slim(cell.overall), byLabel: cell.byLabel.map(slim) }),
  );
  return { ...report, tokenPairs: { ...report.tokenPairs, cells } };
}

/** `parseAnnotationFile(format, content)` of lib/import. */
export async function parseImport({ format, content }) {
  const { parseAnnotationFile } = await compile("../import/index.ts");
  return parseAnnotationFile(format, content);
}

/** `anchorImportedHighlights(text, highlights)` of lib/import. */
export async function anchorImport({ text, highlights }) {
  const { anchorImportedHighlights } = await compile("../import/index.ts");
  return anchorImportedHighlights(text, highlights);
}

/** `formatW3CItems(task)` of lib/export/w3c-items.ts: one batch of a W3C export, serialized. */
export async function formatW3C(task) {
  const { formatW3CItems } = await compile("../export/w3c-items.ts");
  return formatW3CItems(task);
}

/** `extractWebPage(input)` of lib/capture: parsing a page of megabytes takes a while. */
export async function extractWebPage(input) {
  const { extractWebPage } = await compile("../capture/extract-web-page.ts");
  return extractWebPage(input);
}

/**
 * `contentFromHtml(html)` of lib/content/html.ts (DOMPurify on jsdom, then
 * ProseMirror): `{ ok: true, content }`, or the AppError it threw as
 * `{ ok: false, code, message, details }` (an Error loses its class between threads).
 */
export async function contentFromHtml({ html }) {
  const { contentFromHtml } = await compileWithPackages("../content/html.ts");
  try {
    return { ok: true, content: contentFromHtml(html) };
  } catch (err) {
    if (err?.name !== "AppError") throw err;
    return { ok: false, code: err.code, message: err.message, details: err.details ?? null };
  }
}

/**
 * The text of a PDF as paragraphs in reading order (lib/capture/pdf-layout.ts),
 * read with pdfjs-dist's Node build: `{ ok: true, paragraphs, pages }`, or
 * `{ ok: false, reason, message }` for a PDF that cannot be imported.
 */
export async function extractPdf({ bytes, maxPages }) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    if (err?.name === "PasswordException") {
      return {
        ok: false,
        reason: "encrypted",
        message: "The PDF is protected by a password. Remove the password and upload it again.",
      };
    }
    return { ok: false, reason: "invalid", message: "The file is not a readable PDF." };
  }
  try {
    if (doc.numPages > maxPages) {
      return {
        ok: false,
        reason: "pages",
        message: `The PDF has ${doc.numPages.toLocaleString("en-US")} pages; at most ${maxPages} can be imported. Split it and import the parts.`,
      };
    }
    const pages = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = [];
      for (const item of content.items) {
        if (typeof item.str !== "string" || item.str === "") continue;
        const [a, b, c, d, x, y] = item.transform;
        items.push({
          str: item.str,
          x,
          y,
          w: item.width,
          h: item.height || Math.hypot(c, d) || Math.hypot(a, b),
          dir: item.dir,
        });
      }
      pages.push({ width, height, items });
      page.cleanup();
    }
    if (pages.every((page) => page.items.every((item) => item.str.trim() === ""))) {
      return {
        ok: false,
        reason: "no-text",
        message:
          "This PDF has no text to import: it looks scanned (pages as images). Run it through OCR first; Marginalia does not read images.",
      };
    }
    const { layoutPdf } = await compile("../capture/pdf-layout.ts");
    return { ok: true, paragraphs: layoutPdf(pages), pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
