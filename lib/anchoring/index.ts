/**
 * Framework-free anchoring primitives (see ANCHORING.md).
 *
 * Unit: every offset Marginalia stores is a UTF-16 code-unit offset (a
 * JavaScript string index) into the canonical text of a revision, `end`
 * exclusive. Code points appear only at the W3C boundary, through the
 * conversions in `unicode.ts`.
 */
export {
  ARTICLE_LEAF_NODE_TYPES,
  BLOCK_SEPARATOR,
  HARD_BREAK_NODE_TYPE,
  HARD_BREAK_TEXT,
  TEXT_NODE_TYPE,
  canonicalText,
  canonicalTextMapOfNode,
  canonicalTextWithMap,
  normalizeLineEndings,
  type CanonicalTextMap,
  type DocJSON,
  type ProseMirrorNodeLike,
  type TextSegment,
} from "./canonical-text";
export {
  posRangeToTextRange,
  posToTextOffset,
  textOffsetToPos,
  textRangeToPosRange,
  type Side,
} from "./prosemirror-map";
export {
  QUOTE_CONTEXT_LENGTH,
  createQuoteSelector,
  validateRange,
  type AnchorSelector,
  type QuoteSelector,
} from "./quote-selector";
export {
  FUZZY_THRESHOLD,
  anchorNear,
  anchorQuote,
  type AnchorOptions,
  type AnchorResult,
  type AnchorStatus,
} from "./match-quote";
export { anchorAllByQuote, reanchorAll } from "./reanchor";
export { diffTexts, mapOffset, mapRange, type EqualRun, type TextDiff } from "./text-diff";
export {
  checkTextDiff,
  runsToTriples,
  textDiffOfDocChanges,
  textDiffOfEdits,
  triplesToRuns,
  type DocChange,
  type RunTriple,
  type TextEdit,
} from "./edit-diff";
export { expandToWords, isInsideWord } from "./word-boundaries";
export { createTextIndex, type TextIndex } from "./text-index";
export {
  codePointLength,
  codePointToUtf16,
  createOffsetConverter,
  splitsSurrogatePair,
  utf16ToCodePoint,
  type OffsetConverter,
} from "./unicode";
