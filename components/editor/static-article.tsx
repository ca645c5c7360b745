import type { JSONContent } from "@tiptap/core";
import type { DOMOutputSpec, Mark, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { createElement, Fragment, type ReactNode } from "react";
import { articleSchema } from "@/lib/content/schema";

/**
 * An article as static React elements with exactly the markup the live
 * editor renders: each node and mark through its schema's own `toDOM`, marks
 * shared by neighbouring inline nodes kept open across them as ProseMirror
 * does, and ProseMirror's own hack elements (trailing `<br>`, separator
 * `<img>`) where the editor adds them. Being
 * React, it is server-rendered and hydrated from the JSON the editor needs
 * anyway, so the page carries the article once as HTML and once as data.
 * Text is escaped by React; content should be sanitized (`sanitizeContent`).
 */
export function StaticArticle({ content }: { content: JSONContent }) {
  const doc = articleSchema().nodeFromJSON(content);
  return createElement(Fragment, null, ...blockChildren(doc));
}

function blockChildren(node: ProseMirrorNode): ReactNode[] {
  const out: ReactNode[] = [];
  node.forEach((child, _offset, index) => out.push(renderNode(child, index)));
  return out;
}

function renderNode(node: ProseMirrorNode, key: number): ReactNode {
  const toDOM = node.type.spec.toDOM;
  if (!toDOM) throw new Error(`StaticArticle: node type ${node.type.name} cannot be rendered`);
  const content = node.isTextblock ? inlineChildren(node) : node.isLeaf ? null : blockChildren(node);
  return fromSpec(toDOM(node), content, key);
}

/** Inline content with marks nested as ProseMirror nests them, plus its trailing break. */
function inlineChildren(block: ProseMirrorNode): ReactNode[] {
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
    if (atBufferPos && atom) {
      target.push(
        createElement("img", { key: `separator-${target.length}`, className: "ProseMirror-separator", alt: "" }),
      );
    }
    target.push(child.isText ? child.text : renderNode(child, target.length));
    atBufferPos = atom;
  });
  close(0);
  const last = block.lastChild;
  if (!last || !last.isText || (last.text ?? "").endsWith("\n")) {
    root.push(createElement("br", { key: "trailing-break", className: "ProseMirror-trailingBreak" }));
  }
  return root;
}

/** A `DOMOutputSpec` (`[tag, attrs?, ...children]`, `0` for the content) as a React element. */
function fromSpec(spec: DOMOutputSpec, content: ReactNode, key: number | string): ReactNode {
  if (typeof spec === "string") return spec;
  if (!Array.isArray(spec)) throw new Error("StaticArticle: only array DOMOutputSpecs are supported");
  const [tag, ...rest] = spec as readonly [string, ...unknown[]];
  if (tag.includes(" ")) throw new Error("StaticArticle: namespaced elements are not supported");
  const first = rest[0];
  const hasAttrs = first !== null && typeof first === "object" && !Array.isArray(first);
  const props: Record<string, unknown> = { key };
  if (hasAttrs) {
    for (const [name, value] of Object.entries(first as Record<string, unknown>)) {
      if (value === null || value === undefined) continue;
      props[name === "class" ? "className" : name] = String(value);
    }
  }
  const children = (hasAttrs ? rest.slice(1) : rest).map((child, index) =>
    child === 0 ? content : fromSpec(child as DOMOutputSpec, content, index),
  );
  return children.length ? createElement(tag, props, ...children) : createElement(tag, props);
}
