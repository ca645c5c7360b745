/**
 * Framework-free anchoring primitives (see ANCHORING.md).
 *
 * Unit: every offset Marginalia stores is a UTF-16 code-unit offset (a
 * JavaScript string index) into the canonical text of a revision, `end`
 * exclusive. Code points appear only at the W3C boundary, through the
 * conversions in `unicode.ts`.
 */
export {
  BLOCK_SEPARATOR,
  HARD_BREAK_NODE_TYPE,
  HARD_BREAK_TEXT,
  TEXT_NODE_TYPE,
  canonicalText,
  normalizeLineEndings,
  type DocJSON,
} from "./canonical-text";
export {
  codePointLength,
  codePointToUtf16,
  createOffsetConverter,
  splitsSurrogatePair,
  utf16ToCodePoint,
  type OffsetConverter,
} from "./unicode";
