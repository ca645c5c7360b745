/**
 * The one Tiptap extension list for article content. The reader and editor
 * (client) and the importer and renderer (server) all build their schema from
 * it, so the stored JSON, the server HTML and the editor never disagree.
 * Importable in Node: no React, no DOM access at import time.
 */
import type { Extensions } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import { isAllowedHref } from "./link-policy";

export { ALLOWED_LINK_PROTOCOLS, isAllowedHref } from "./link-policy";
// Reader/editor only: highlights are view state, never part of stored content,
// so this extension is not in `articleExtensions` (the schema stays the same).
export {
  AnnotationHighlights,
  annotationHighlightsKey,
  createAnnotationDecorations,
  type AnnotationHighlightsOptions,
  type AnnotationHighlightsState,
  type HighlightedAnnotation,
  type HighlightStatus,
} from "./annotation-highlights";

/** Heading levels an article may use; anything deeper is imported as level 4. */
export const ARTICLE_HEADING_LEVELS = [1, 2, 3, 4] as const;

/** Attributes every rendered article link gets. */
export const ARTICLE_LINK_REL = "noopener noreferrer nofollow";

export const articleExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [...ARTICLE_HEADING_LEVELS] },
    link: {
      openOnClick: false,
      autolink: false,
      // `protocols` only registers extra schemes with linkify; the allow-list
      // that parsing, rendering and setLink all consult is `isAllowedUri`.
      isAllowedUri: (url) => isAllowedHref(url),
      defaultProtocol: "https",
      HTMLAttributes: { rel: ARTICLE_LINK_REL, target: null },
    },
    // The stored revision is exactly what readers see: no node is appended to
    // it behind the user's back (that would also shift the layout on hydration).
    trailingNode: false,
  }),
];
