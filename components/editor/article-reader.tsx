"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useEffect, useRef } from "react";
import { articleExtensions } from "./extensions";

export type ArticleReaderProps = {
  /** The revision's sanitized Tiptap JSON. */
  content: JSONContent;
  /** `renderArticleHtml(content)`, rendered on the server; sanitized by construction. */
  initialHtml: string;
};

/**
 * The read-only article body. Until the editor exists (it is never created
 * during server rendering) the server-rendered HTML is shown in the same
 * wrappers and with the same classes the live editor uses, so the swap moves
 * nothing: `EditorContent` attaches the editor's DOM before the browser paints.
 * Editor CSS comes from `app/editor.css` (`injectCSS: false`), so both states
 * are styled by the same rules.
 */
export function ArticleReader({ content, initialHtml }: ArticleReaderProps) {
  const editor = useEditor({
    extensions: articleExtensions,
    content,
    editable: false,
    injectCSS: false,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    // Tiptap's default role="textbox" would announce the article as a
    // read-only edit field; it is plain reading text.
    editorProps: { attributes: { role: "none" } },
  });

  // A new revision (e.g. after router.refresh()) replaces the document in place.
  const shown = useRef(content);
  useEffect(() => {
    if (!editor || editor.isDestroyed || shown.current === content) return;
    shown.current = content;
    editor.commands.setContent(content, { emitUpdate: false });
  }, [editor, content]);

  return (
    <div className="article-body" data-testid="article-body">
      {editor ? (
        <EditorContent editor={editor} className="article-body__content" />
      ) : (
        <div className="article-body__content">
          <div
            className="tiptap ProseMirror"
            role="none"
            translate="no"
            dangerouslySetInnerHTML={{ __html: initialHtml }}
          />
        </div>
      )}
    </div>
  );
}
