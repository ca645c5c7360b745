"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { clearDraft, draftKey, readDraft, saveDraft } from "@/components/ui/drafts";
import { articleExtensions } from "@/components/editor/extensions";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

type ArticleEditorProps = {
  workspaceId: string;
  articleId: string;
  revisionId: string;
  content: JSONContent;
  /** The editing user: their unsaved edits of this revision are kept as a draft. */
  meId: string;
};

/** How long typing pauses before the draft is written (the whole article is serialized). */
const DRAFT_DELAY_MS = 400;

type RevisionResult = { number: number; anchored: number; moved: number; orphaned: number };

/**
 * Edits the article's text and saves it as a new revision; every annotation is
 * then re-anchored. Unsaved edits are kept as a draft (per user and revision)
 * and restored when Edit text is opened again; leaving with unsaved edits asks first.
 */
export function ArticleEditor({ workspaceId, articleId, revisionId, content, meId }: ArticleEditorProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const key = draftKey(meId, `edit-text:${articleId}:${revisionId}`);
  const [restored] = useState(() => readDraft<JSONContent>(key));
  const [dirty, setDirty] = useState(restored !== null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const editor = useEditor({
    extensions: articleExtensions,
    content: restored ?? content,
    injectCSS: false,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { "aria-label": "Article text", "data-testid": "article-editor" } },
    onUpdate: ({ editor }) => {
      setDirty(true);
      clearTimeout(draftTimer.current);
      draftTimer.current = setTimeout(() => saveDraft(key, editor.getJSON()), DRAFT_DELAY_MS);
    },
  });

  // Keep the last keystrokes too when the page goes away, and ask before leaving unsaved edits.
  useEffect(() => {
    if (!dirty || pending) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      clearTimeout(draftTimer.current);
      if (editor && !editor.isDestroyed) saveDraft(key, editor.getJSON());
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty, editor, key, pending]);
  useEffect(() => () => clearTimeout(draftTimer.current), []);

  function discard() {
    clearTimeout(draftTimer.current);
    clearDraft(key);
    setDirty(false);
    editor?.commands.setContent(content, { emitUpdate: false });
  }

  function cancel() {
    if (dirty && !window.confirm("Leave Edit text? Your unsaved edits stay as a draft for when you come back.")) return;
    router.back();
  }

  async function save() {
    if (!editor) return;
    setPending(true);
    setError(null);
    clearTimeout(draftTimer.current);
    try {
      const result = await api<RevisionResult>(`/api/workspaces/${workspaceId}/articles/${articleId}/revisions`, {
        method: "POST",
        json: { baseRevisionId: revisionId, content: editor.getJSON() },
      });
      const summary = new URLSearchParams({
        revised: String(result.number),
        anchored: String(result.anchored),
        moved: String(result.moved),
        orphaned: String(result.orphaned),
      });
      clearDraft(key);
      setDirty(false);
      router.push(`/w/${workspaceId}/articles/${articleId}?${summary}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The revision could not be saved.");
      setPending(false);
    }
  }

  return (
    <div className="stack">
      <FormError message={error} />
      {restored && dirty ? (
        <p className="draft-restored" role="status">
          Your unsaved edits of this revision were restored.{" "}
          <button type="button" className="link-button" onClick={discard}>
            Discard them
          </button>
        </p>
      ) : null}
      <div className="article-body article-editing">
        <EditorContent editor={editor} className="article-body__content" />
      </div>
      <div className="row">
        <button type="button" className="button" onClick={save} disabled={pending || !editor}>
          {pending ? "Saving…" : "Save as new revision"}
        </button>
        <button type="button" className="button button-secondary" onClick={cancel} disabled={pending}>
          Cancel
        </button>
        <span className="muted small">
          Annotations follow the text; any whose text you remove are kept as orphaned.
        </span>
      </div>
    </div>
  );
}
