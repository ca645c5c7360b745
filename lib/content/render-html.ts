import "server-only";
import type { JSONContent } from "@tiptap/core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticArticle } from "@/components/editor/static-article";
import { sanitizeContent } from "./sanitize-content";

/**
 * Renders article content to HTML on the server: the markup the live editor
 * renders (see `StaticArticle`), for exports and anything else outside React.
 * The content passes through `sanitizeContent` first (defence in depth: only
 * schema nodes, only http/https/mailto links).
 */
export function renderArticleHtml(content: JSONContent): string {
  return renderToStaticMarkup(createElement(StaticArticle, { content: sanitizeContent(content) }));
}
