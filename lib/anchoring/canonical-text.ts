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
 * One walker applies these rules, to Tiptap JSON and to live ProseMirror
 * nodes alike, so the text and its position map can never disagree. It is
 * total: it accepts any JSON value, ignores what it does not understand
 * (non-string `text`, non-array `content`) and never recurses, so deeply
 * nested input cannot overflow the stack.
 */

/** Joins two blocks in the canonical text. */
export const BLOCK_SEPARATOR = "\n\n";
/** What a `hardBreak` node contributes to the canonical text. */
export const HARD_BREAK_TEXT = "\n";
/** Node type names with fixed meaning in canonical text (Tiptap's names). */
export const TEXT_NODE_TYPE = "text";
export const HARD_BREAK_NODE_TYPE = "hardBreak";
/**
 * Node types of the article schema that are leaves (ProseMirror size 1) apart
 * from text. Only needed to compute positions from JSON, where an empty
 * paragraph (size 2) and a horizontal rule (size 1) both lack `content`.
 */
export const ARTICLE_LEAF_NODE_TYPES: readonly string[] = [HARD_BREAK_NODE_TYPE, "horizontalRule"];

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

/**
 * The part of a ProseMirror `Node` the walker reads. A real `Node` is
 * assignable to it, so this module needs no ProseMirror import.
 */
export type ProseMirrorNodeLike = {
  readonly type: { readonly name: string };
  readonly text?: string | null;
  readonly nodeSize: number;
  readonly content: { readonly content: readonly ProseMirrorNodeLike[] };
};

/**
 * A stretch over which the canonical text and ProseMirror positions advance
 * together: a run of text nodes and hard breaks with no gap in either.
 */
export type TextSegment = {
  /** UTF-16 offset of the stretch in the canonical text. */
  textStart: number;
  /** ProseMirror position where the stretch starts. */
  pmStart: number;
  /** Length of the stretch, the same in both coordinates. */
  length: number;
};

/**
 * The canonical text of a document and where each part of it sits in the
 * document: segments ascend in both `textStart` and `pmStart`, never touch in
 * both at once (touching ones are merged), and cover every character of
 * `text` except block separators.
 */
export type CanonicalTextMap = {
  text: string;
  segments: readonly TextSegment[];
};

/** How the walker sees one node. */
type Visit<N> =
  | { kind: "text"; text: string; size: number }
  | { kind: "break"; size: number }
  | { kind: "container"; children: readonly N[] }
  | { kind: "leaf"; size: number };

const NOTHING: Visit<never> = { kind: "leaf", size: 0 };
const BREAK: Visit<never> = { kind: "break", size: 1 };

type Frame<N> = { nodes: readonly N[]; index: number; pos: number };

/**
 * The one implementation of the block rule. Calls `onText(textStart, pmStart,
 * length)` for every non-empty piece of text it emits, in order.
 */
function walk<N>(
  root: N,
  visit: (node: N) => Visit<N>,
  onText?: (textStart: number, pmStart: number, length: number) => void,
): string {
  const parts: string[] = [];
  let length = 0;
  let blockOpen = false;
  const emit = (piece: string, pmStart: number) => {
    if (piece === "") return;
    if (!blockOpen) {
      if (length > 0) {
        parts.push(BLOCK_SEPARATOR);
        length += BLOCK_SEPARATOR.length;
      }
      blockOpen = true;
    }
    onText?.(length, pmStart, piece.length);
    parts.push(piece);
    length += piece.length;
  };

  // The root has no opening token in ProseMirror, so its content starts at 0.
  const stack: Frame<N>[] = [{ nodes: [root], index: 0, pos: -1 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      blockOpen = false;
      if (stack.length > 0) stack[stack.length - 1].pos = frame.pos + 1;
      continue;
    }
    const node = visit(frame.nodes[frame.index++]);
    switch (node.kind) {
      case "text":
        emit(node.text, frame.pos);
        frame.pos += node.size;
        break;
      case "break":
        emit(HARD_BREAK_TEXT, frame.pos);
        frame.pos += node.size;
        break;
      case "container":
        blockOpen = false;
        stack.push({ nodes: node.children, index: 0, pos: frame.pos + 1 });
        break;
      default:
        // Any other leaf (horizontal rule, image, unknown atom) contributes no text.
        frame.pos += node.size;
    }
  }
  return parts.join("");
}

function jsonVisitor(leafTypes: ReadonlySet<string>) {
  return (node: unknown): Visit<unknown> => {
    if (typeof node !== "object" || node === null) return NOTHING;
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
    if (type === TEXT_NODE_TYPE) return typeof text === "string" ? { kind: "text", text, size: text.length } : NOTHING;
    if (type === HARD_BREAK_NODE_TYPE) return BREAK;
    if (Array.isArray(content)) return { kind: "container", children: content };
    return { kind: "leaf", size: typeof type === "string" && leafTypes.has(type) ? 1 : 2 };
  };
}

// A ProseMirror node is read as its `toJSON()` would be: a node without
// children has no `content`, so it is a leaf here too.
function visitNode(node: ProseMirrorNodeLike): Visit<ProseMirrorNodeLike> {
  const name = node.type.name;
  if (name === TEXT_NODE_TYPE) return { kind: "text", text: node.text ?? "", size: node.nodeSize };
  if (name === HARD_BREAK_NODE_TYPE) return { kind: "break", size: node.nodeSize };
  const children = node.content.content;
  return children.length > 0 ? { kind: "container", children } : { kind: "leaf", size: node.nodeSize };
}

const ARTICLE_LEAVES: ReadonlySet<string> = new Set(ARTICLE_LEAF_NODE_TYPES);

function collectSegments(): [TextSegment[], (textStart: number, pmStart: number, length: number) => void] {
  const segments: TextSegment[] = [];
  return [
    segments,
    (textStart, pmStart, length) => {
      const last = segments[segments.length - 1];
      if (last && last.textStart + last.length === textStart && last.pmStart + last.length === pmStart) {
        last.length += length;
      } else {
        segments.push({ textStart, pmStart, length });
      }
    },
  ];
}

/** Returns the canonical plain text of a Tiptap/ProseMirror JSON document. */
export function canonicalText(doc: DocJSON): string {
  return walk<unknown>(doc, jsonVisitor(ARTICLE_LEAVES));
}

/**
 * The canonical text of a JSON document with its position map. Positions are
 * those of the ProseMirror document `Node.fromJSON(schema, doc)`, which is why
 * the leaf node types of the schema must be known (default: the article's).
 * They are meaningful only for documents valid for that schema; the text is
 * always `canonicalText(doc)`.
 */
export function canonicalTextWithMap(
  doc: DocJSON,
  options: { leafNodeTypes?: Iterable<string> } = {},
): CanonicalTextMap {
  const leaves = options.leafNodeTypes ? new Set(options.leafNodeTypes) : ARTICLE_LEAVES;
  const [segments, onText] = collectSegments();
  const text = walk<unknown>(doc, jsonVisitor(leaves), onText);
  return { text, segments };
}

// ProseMirror nodes never change, so a node's map is computed once: the reader
// asks for it on every selection change and highlight update.
const nodeMaps = new WeakMap<ProseMirrorNodeLike, CanonicalTextMap>();

/**
 * The canonical text of a live ProseMirror document with its position map;
 * the text equals `canonicalText(node.toJSON())`. Memoized per node object.
 */
export function canonicalTextMapOfNode(node: ProseMirrorNodeLike): CanonicalTextMap {
  let map = nodeMaps.get(node);
  if (!map) {
    const [segments, onText] = collectSegments();
    const text = walk(node, visitNode, onText);
    map = { text, segments };
    nodeMaps.set(node, map);
  }
  return map;
}

/** Converts CRLF and lone CR line endings to LF. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
