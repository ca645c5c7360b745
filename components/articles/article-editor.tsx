"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { articleExtensions } from "@/components/editor/extensions";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

type ArticleEditorProps = { workspaceId: string; articleId: string; revisionId: string; content: JSONContent };

type RevisionResult = { number: number };

/** Edits the article's text and saves it as a new revision; every annotation is then re-anchored. */
export function ArticleEditor({ workspaceId, articleId, revisionId, content }: ArticleEditorProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const editor = useEditor({
    extensions: articleExtensions,
    content,
    injectCSS: false,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { "aria-label": "Article text", "data-testid": "article-editor" } },
  });

  async function save() {
    if (!editor) return;
    setPending(true);
    setError(null);
    try {
      const result = await api<RevisionResult>(`/api/workspaces/${workspaceId}/articles/${articleId}/revisions`, {
        method: "POST",
        json: { baseRevisionId: revisionId, content: editor.getJSON() },
      });
      // The article page reads what the revision did from the server, so the counts are the recorded ones.
      router.push(`/w/${workspaceId}/articles/${articleId}?revised=${result.number}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The revision could not be saved.");
      setPending(false);
    }
  }

  return (
    <div className="stack">
      <FormError message={error} />
      <div className="article-body article-editing">
        <EditorContent editor={editor} className="article-body__content" />
      </div>
      <div className="row">
        <button type="button" className="button" onClick={save} disabled={pending || !editor}>
          {pending ? "Saving…" : "Save as new revision"}
        </button>
        <button type="button" className="button button-secondary" onClick={() => router.back()} disabled={pending}>
          Cancel
        </button>
        <span className="muted small">
          Annotations follow the text; any whose text you remove are kept as orphaned.
        </span>
      </div>
    </div>
  );
}
