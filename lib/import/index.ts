/**
 * Annotation imports: parsers for W3C Web Annotation JSON-LD (ours,
 * Hypothesis's and other tools'), Hypothesis's own export and brat standoff,
 * into one shape (`ParsedImport`), and the anchoring of its highlights on an
 * article's canonical text. Pure: no database, no framework.
 */
import { parseBratAnnotations } from "./brat";
import type { ImportFormat, ParsedImport } from "./types";
import { parseW3cAnnotations } from "./w3c";

export {
  anchorImportedHighlights,
  MAX_IMPORTED_QUOTE,
  type AnchorOutcome,
  type AnchoredHighlight,
} from "./anchor-import";
export { bratTextMismatch, parseBratAnnotations } from "./brat";
export { lineOf, readJson } from "./read-json";
export { parseW3cAnnotations } from "./w3c";
export * from "./types";

/** The format a file name suggests: `.ann` is brat, anything else JSON(-LD/Lines). */
export function formatOfFilename(filename: string | undefined): Exclude<ImportFormat, "hypothesis"> {
  return /\.ann$/i.test(filename ?? "") ? "brat" : "w3c";
}

/** Parses a file in the given format (W3C also reads Hypothesis exports). */
export function parseAnnotationFile(format: Exclude<ImportFormat, "hypothesis">, raw: string): ParsedImport {
  return format === "brat" ? parseBratAnnotations(raw) : parseW3cAnnotations(raw);
}
