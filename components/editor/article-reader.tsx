"use client";

import type { Editor, Extensions } from "@tiptap/core";
import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useEffect, useRef } from "react";
import { articleExtensions } from "./extensions";
import { SelectableReadOnly } from "./extensions/selectable-read-only";

export type ArticleReaderProps = {
  /** The revision's sanitized Tiptap JSON. */
  content: JSONContent;
  /** `renderArticleHtml(content)`, rendered on the server; sanitized by construction. */
  initialHtml: string;
  /** Extensions added to the article's own (e.g. annotation highlights); fixed for the reader's lifetime. */
  extraExtensions?: Extensions;
  /**
   * Lets the reader place a caret and select with the keyboard (Shift+arrows)
   * while the document itself stays unchangeable. Off: plain read-only text.
   */
  selectable?: boolean;
  /** Called once the editor exists (and with null when it goes away). */
  onEditor?: (editor: Editor | null) => void;
};

/**
 * The article body. Until the editor exists (it is never created during
 * server rendering) the server-rendered HTML is shown in the same wrappers
 * and with the same classes the live editor uses, so the swap moves nothing:
 * `EditorContent` attaches the editor's DOM before the browser paints.
 * Editor CSS comes from `app/editor.css` (`injectCSS: false`), so both states
 * are styled by the same rules.
 */
export function ArticleReader({
  content,
  initialHtml,
  extraExtensions,
  selectable = false,
  onEditor,
}: ArticleReaderProps) {
  const editor = useEditor({
    extensions: [...articleExtensions, ...(selectable ? [SelectableReadOnly] : []), ...(extraExtensions ?? [])],
    content,
    editable: selectable,
    injectCSS: false,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    // Plain readers are reading text, not an edit field (Tiptap's default role).
    editorProps: {
      attributes: selectable
        ? // A caret-navigable text that cannot be changed: a read-only multi-line textbox to assistive tech.
          {
            role: "textbox",
            "aria-readonly": "true",
            "aria-multiline": "true",
            "aria-label": "Article text",
            spellcheck: "false",
          }
        : { role: "none" },
    },
  });

  // Pass a stable callback (e.g. a state setter): a new one re-announces the editor.
  useEffect(() => {
    if (!editor) return;
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

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
