"use client";

import type { Editor, Extensions } from "@tiptap/core";
import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useEffect, useRef } from "react";
import { articleExtensions } from "./extensions";
import { SelectableReadOnly } from "./extensions/selectable-read-only";
import { StaticArticle } from "./static-article";

export type ArticleReaderProps = {
  /** The revision's sanitized Tiptap JSON. */
  content: JSONContent;
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
 * server rendering) the same markup is rendered by React (`StaticArticle`) in
 * the same wrappers and with the same classes the live editor uses, so the
 * swap moves nothing: `EditorContent` attaches the editor's DOM before the
 * browser paints.
 * Editor CSS comes from `app/editor.css` (`injectCSS: false`), so both states
 * are styled by the same rules.
 */
export function ArticleReader({ content, extraExtensions, selectable = false, onEditor }: ArticleReaderProps) {
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
  // A refresh that keeps the revision sends an equal but new object: replacing the
  // document then would drop the decorations plugins drew on it (highlights), which
  // their owners only draw again when their own data changes.
  const shown = useRef(content);
  useEffect(() => {
    if (!editor || editor.isDestroyed || shown.current === content) return;
    const same = JSON.stringify(shown.current) === JSON.stringify(content);
    shown.current = content;
    if (!same) editor.commands.setContent(content, { emitUpdate: false });
  }, [editor, content]);

  return (
    <div className="article-body" data-testid="article-body">
      {editor ? (
        <EditorContent editor={editor} className="article-body__content" />
      ) : (
        <div className="article-body__content">
          <div className="tiptap ProseMirror" role="none" translate="no">
            <StaticArticle content={content} />
          </div>
        </div>
      )}
    </div>
  );
}
