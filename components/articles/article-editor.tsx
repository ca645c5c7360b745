"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { UNTAGGED_COLOR } from "@/components/annotations/types";
import { articleExtensions } from "@/components/editor/extensions";
import { AnnotationHighlights } from "@/components/editor/extensions/annotation-highlights";
import { useRevisionPreview } from "./use-revision-preview";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

type EditingAnnotation = {
  id: string;
  start: number;
  end: number;
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  color: string | null;
};

type ArticleEditorProps = {
  workspaceId: string;
  articleId: string;
  revisionId: string;
  content: JSONContent;
  /** The current revision's canonical text, which the annotations' offsets index. */
  baseText: string;
  /** The article's placed annotations, drawn read-only while editing. */
  annotations: EditingAnnotation[];
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type RevisionResult = { number: number };

/**
 * Edits the article's text and saves it as a new revision; every annotation is
 * then re-anchored. The highlights are drawn (read-only) so the editor sees
 * what an edit touches, and a preview says how many annotations saving would
 * orphan or move.
 */
export function ArticleEditor({
  workspaceId,
  articleId,
  revisionId,
  content,
  baseText,
  annotations,
}: ArticleEditorProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Highlights follow the text as it is edited; clicking one does nothing here.
  const extensions = useMemo(() => [...articleExtensions, AnnotationHighlights.configure({})], []);
  const editor = useEditor({
    extensions,
    content,
    injectCSS: false,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { "aria-label": "Article text", "data-testid": "article-editor" } },
  });

  useEffect(() => {
    editor?.commands.setAnnotations(
      annotations.map((a) => ({
        id: a.id,
        start: a.start,
        end: a.end,
        status: a.status,
        color: a.color ?? UNTAGGED_COLOR,
      })),
    );
  }, [editor, annotations]);
  const preview = useRevisionPreview(editor, baseText, annotations);

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
        <span className="muted small" role="status" data-testid="revision-preview">
          {preview
            ? `This edit will orphan ${plural(preview.orphaned, "annotation", "annotations")} and move ${preview.moved}.`
            : "Annotations follow the text; any whose text you remove are kept as orphaned."}
        </span>
      </div>
    </div>
  );
}
