/**
 * The one extension list of comment bodies: the comment editor (client) and
 * the validator and renderer (server) build their schema from it, so a stored
 * comment is always something the editor could have produced. Importable in
 * Node: no React, no DOM access at import time.
 */
import type { Extensions } from "@tiptap/core";
import { Mention } from "@tiptap/extension-mention";
import { StarterKit } from "@tiptap/starter-kit";
import { isAllowedHref } from "@/components/editor/extensions/link-policy";

/** What a comment may hold besides paragraphs: bold, italic, inline code, links, bullet lists, @mentions. */
export const commentExtensions: Extensions = [
  StarterKit.configure({
    heading: false,
    blockquote: false,
    codeBlock: false,
    horizontalRule: false,
    orderedList: false,
    strike: false,
    underline: false,
    dropcursor: false,
    gapcursor: false,
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      isAllowedUri: (url) => isAllowedHref(url),
      defaultProtocol: "https",
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
    },
  }),
  Mention.configure({
    HTMLAttributes: { class: "mention" },
    renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
  }),
];
