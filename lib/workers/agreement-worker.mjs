// A worker thread of the agreement pool (lib/server/agreement/agreement-pool.ts).
// Plain JavaScript, loaded by piscina outside Next.js's bundle, so `next start`
// and the tests run the same file. It compiles lib/agreement (pure TypeScript,
// relative imports only) once per thread with the esbuild that tsx, a
// dependency of the app, ships: about 0.1 s, where a loader hook costs seconds.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

async function load() {
  const esbuild = createRequire(require.resolve("tsx/package.json"))("esbuild");
  const { outputFiles } = await esbuild.build({
    entryPoints: [fileURLToPath(new URL("../agreement/report.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);
}

const agreement = load();

/**
 * One AgreementTask (see agreement-pool.ts): the report, or the API's JSON
 * answer, or the CSV, so that serializing a large report stays here too.
 */
export default async function computeAgreement(task) {
  const { agreementReport, agreementReportToCsv } = await agreement;
  const report = agreementReport(task.text, task.spans, task.options);
  if (task.output === "csv") return agreementReportToCsv({ ...report, annotators: task.names });
  if (task.output === "json") return JSON.stringify({ data: { ...task.head, report } });
  return report;
}
