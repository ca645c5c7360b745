/**
 * The canonical plain text of an article revision (see ANCHORING.md).
 *
 * Every stored offset points into this string, so the rules below are a
 * contract shared by the reader, the API, re-anchoring, search and exports:
 *
 * - A **block** is a maximal run of inline content (text and hard breaks) that
 *   shares one parent: in valid article content, one textblock — a paragraph,
 *   heading or code block, wherever it is nested (list items, blockquotes,
 *   table cells). Container nodes contribute no text of their own; a list item
 *   holding two paragraphs gives two blocks, never a doubled separator.
 * - Blocks are joined by {@link BLOCK_SEPARATOR} (`"\n\n"`).
 * - A hard break is {@link HARD_BREAK_TEXT} (`"\n"`).
 * - Text is kept exactly as stored: no whitespace collapsing, no Unicode
 *   normalization. (Line endings are normalized when content is imported.)
 * - A block whose text is empty (an empty paragraph, a horizontal rule, an
 *   image) contributes nothing, not even a separator. So inserting or removing
 *   an empty paragraph moves no offset, and re-importing the canonical text as
 *   plain text gives the same canonical text back.
 *
 * The function is total: it accepts any JSON value, ignores what it does not
 * understand (non-string `text`, non-array `content`) and never recurses, so
 * deeply nested input cannot overflow the stack.
 */

/** Joins two blocks in the canonical text. */
export const BLOCK_SEPARATOR = "\n\n";
/** What a `hardBreak` node contributes to the canonical text. */
export const HARD_BREAK_TEXT = "\n";
/** Node type names with fixed meaning in canonical text (Tiptap's names). */
export const TEXT_NODE_TYPE = "text";
export const HARD_BREAK_NODE_TYPE = "hardBreak";

/**
 * The shape of ProseMirror/Tiptap JSON that canonical text depends on. Tiptap's
 * `JSONContent` is assignable to it.
 */
export type DocJSON = {
  type?: string;
  text?: string;
  content?: readonly DocJSON[];
  attrs?: Record<string, unknown>;
  marks?: readonly { type: string; attrs?: Record<string, unknown> }[];
};

type Frame = { nodes: readonly unknown[]; index: number };

/** Returns the canonical plain text of a Tiptap/ProseMirror JSON document. */
export function canonicalText(doc: DocJSON): string {
  const blocks: string[] = [];
  let run = "";
  const flush = () => {
    if (run !== "") blocks.push(run);
    run = "";
  };

  const stack: Frame[] = [{ nodes: [doc], index: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      flush();
      continue;
    }
    const node = frame.nodes[frame.index++];
    if (typeof node !== "object" || node === null) continue;
    const { type, text, content } = node as {
      type?: unknown;
      text?: unknown;
      content?: unknown;
    };
    if (type === TEXT_NODE_TYPE) {
      if (typeof text === "string") run += text;
    } else if (type === HARD_BREAK_NODE_TYPE) {
      run += HARD_BREAK_TEXT;
    } else if (Array.isArray(content)) {
      flush();
      stack.push({ nodes: content, index: 0 });
    }
    // Any other leaf (horizontal rule, image, unknown atom) contributes nothing.
  }
  return blocks.join(BLOCK_SEPARATOR);
}

/** Converts CRLF and lone CR line endings to LF. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
