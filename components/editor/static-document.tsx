import type { JSONContent } from "@tiptap/core";
import type { DOMOutputSpec, Mark, Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import { createElement, Fragment, type ReactNode } from "react";

export type StaticDocumentProps = {
  /** Tiptap JSON of `schema`. Unknown node or mark types throw (callers catch and fall back). */
  content: JSONContent;
  schema: Schema;
  /**
   * Also render ProseMirror's own hack elements (trailing `<br>`, separator
   * `<img>`) where the editor adds them, so the markup is exactly the live
   * editor's and the swap to it moves nothing. Off for documents that are
   * only ever shown statically (comments).
   */
  editorQuirks?: boolean;
};

/**
 * A Tiptap document as static React elements: each node and mark through its
 * schema's own `toDOM`, marks shared by neighbouring inline nodes kept open
 * across them as ProseMirror does. Being React, it is server-renderable, and
 * text and attribute values are escaped by React: nothing is parsed as HTML.
 */
export function StaticDocument({ content, schema, editorQuirks = true }: StaticDocumentProps) {
  return renderDocument(content, schema, editorQuirks);
}

/** What `StaticDocument` renders, as a plain call: throws on content the schema rejects, so callers can fall back. */
export function renderDocument(content: JSONContent, schema: Schema, editorQuirks = true): ReactNode {
  const doc = schema.nodeFromJSON(content);
  return createElement(Fragment, null, ...blockChildren(doc, editorQuirks));
}

function blockChildren(node: ProseMirrorNode, quirks: boolean): ReactNode[] {
  const out: ReactNode[] = [];
  node.forEach((child, _offset, index) => out.push(renderNode(child, index, quirks)));
  return out;
}

function renderNode(node: ProseMirrorNode, key: number, quirks: boolean): ReactNode {
  const toDOM = node.type.spec.toDOM;
  if (!toDOM) throw new Error(`StaticDocument: node type ${node.type.name} cannot be rendered`);
  const content = node.isTextblock ? inlineChildren(node, quirks) : node.isLeaf ? null : blockChildren(node, quirks);
  return fromSpec(toDOM(node), content, key);
}

/** Inline content with marks nested as ProseMirror nests them, plus (with quirks) its trailing break. */
function inlineChildren(block: ProseMirrorNode, quirks: boolean): ReactNode[] {
  // A stack of open marks, each collecting the children rendered inside it.
  const root: ReactNode[] = [];
  const open: { mark: Mark; children: ReactNode[] }[] = [];
  const close = (depth: number) => {
    while (open.length > depth) {
      const { mark, children } = open.pop()!;
      const parent = open.length ? open[open.length - 1].children : root;
      parent.push(fromSpec(mark.type.spec.toDOM!(mark, true), children, parent.length));
    }
  };
  // ProseMirror puts an empty `<img class="ProseMirror-separator">` before an inline
  // atom (a hard break) at the start of a block or right after another atom.
  let atBufferPos = true;
  block.forEach((child) => {
    let keep = 0;
    while (keep < open.length && keep < child.marks.length && open[keep].mark.eq(child.marks[keep])) keep++;
    close(keep);
    for (const mark of child.marks.slice(keep)) open.push({ mark, children: [] });
    const target = open.length ? open[open.length - 1].children : root;
    const atom = child.isAtom && !child.isText;
    if (quirks && atBufferPos && atom) {
      target.push(
        createElement("img", { key: `separator-${target.length}`, className: "ProseMirror-separator", alt: "" }),
      );
    }
    target.push(child.isText ? child.text : renderNode(child, target.length, quirks));
    atBufferPos = atom;
  });
  close(0);
  const last = block.lastChild;
  if (quirks && (!last || !last.isText || (last.text ?? "").endsWith("\n"))) {
    root.push(createElement("br", { key: "trailing-break", className: "ProseMirror-trailingBreak" }));
  }
  return root;
}

/** A `DOMOutputSpec` (`[tag, attrs?, ...children]`, `0` for the content) as a React element. */
function fromSpec(spec: DOMOutputSpec, content: ReactNode, key: number | string): ReactNode {
  if (typeof spec === "string") return spec;
  if (!Array.isArray(spec)) throw new Error("StaticDocument: only array DOMOutputSpecs are supported");
  const [tag, ...rest] = spec as readonly [string, ...unknown[]];
  if (tag.includes(" ")) throw new Error("StaticDocument: namespaced elements are not supported");
  const first = rest[0];
  const hasAttrs = first !== null && typeof first === "object" && !Array.isArray(first);
  const props: Record<string, unknown> = { key };
  if (hasAttrs) {
    for (const [name, value] of Object.entries(first as Record<string, unknown>)) {
      // Event handler attributes can never come from a schema's toDOM; refuse them all the same.
      if (value === null || value === undefined || /^on/i.test(name)) continue;
      props[name === "class" ? "className" : name] = String(value);
    }
  }
  const children = (hasAttrs ? rest.slice(1) : rest).map((child, index) =>
    child === 0 ? content : fromSpec(child as DOMOutputSpec, content, index),
  );
  return children.length ? createElement(tag, props, ...children) : createElement(tag, props);
}
