import "server-only";
import type { JSONContent } from "@tiptap/core";
import { DOMSerializer, type Node as ProseMirrorNode } from "@tiptap/pm/model";
import { articleSchema } from "./schema";
import { sanitizeContent } from "./sanitize-content";
import { serverDom } from "./server-dom";

/**
 * Renders article content to HTML on the server, with the same schema the
 * editor uses, so the article is readable before the editor hydrates.
 *
 * The content passes through `sanitizeContent` first (defence in depth: only
 * schema nodes, only http/https/mailto links), and the markup matches what
 * ProseMirror itself renders, including the `<br class="ProseMirror-trailingBreak">`
 * it adds to empty textblocks and to those ending in a hard break, so swapping
 * to the live editor moves nothing.
 */
export function renderArticleHtml(content: JSONContent): string {
  const schema = articleSchema();
  const doc = schema.nodeFromJSON(sanitizeContent(content));
  const { document } = serverDom().window;
  const serializer = DOMSerializer.fromSchema(schema);

  const render = (node: ProseMirrorNode): globalThis.Node => {
    const { dom, contentDOM } = DOMSerializer.renderSpec(document, serializer.nodes[node.type.name](node));
    if (!contentDOM) return dom;
    if (node.isTextblock) {
      serializer.serializeFragment(node.content, { document }, contentDOM);
      const last = node.lastChild;
      if (!last || !last.isText || (last.text ?? "").endsWith("\n")) {
        const hack = document.createElement("br");
        hack.className = "ProseMirror-trailingBreak";
        contentDOM.appendChild(hack);
      }
    } else {
      node.forEach((child) => contentDOM.appendChild(render(child)));
    }
    return dom;
  };

  const container = document.createElement("div");
  doc.forEach((child) => container.appendChild(render(child)));
  return container.innerHTML;
}
