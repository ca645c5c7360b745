"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { UNTAGGED_COLOR } from "@/components/annotations/types";
import { articleExtensions } from "@/components/editor/extensions";
import { AnnotationHighlights } from "@/components/editor/extensions/annotation-highlights";
import { clearDraft, draftKey, readDraft, saveDraft } from "@/components/ui/drafts";
import { useRevisionPreview } from "./use-revision-preview";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { runsToTriples, type TextDiff } from "@/lib/anchoring";
import { recordTransaction, startEditRecord, textDiffOfRecord } from "@/lib/anchoring/change-set-diff";
import type { ChangeSet } from "@tiptap/pm/changeset";

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
  /** The editing user: their unsaved edits of this revision are kept as a draft. */
  meId: string;
};

/** How long typing pauses before the draft is written (the whole article is serialized). */
const DRAFT_DELAY_MS = 400;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type RevisionResult = { number: number };

/** The edit's own diff for the server, which uses it only if it fits the texts. */
const editPayload = (diff: TextDiff | null) => (diff ? { edit: { runs: runsToTriples(diff) } } : {});

/**
 * Edits the article's text and saves it as a new revision; every annotation is
 * then re-anchored. The highlights are drawn (read-only) so the editor sees
 * what an edit touches, and a preview says how many annotations saving would
 * orphan or move. Unsaved edits are kept as a draft (per user and revision)
 * and restored when Edit text is opened again; leaving with unsaved edits asks first.
 */
export function ArticleEditor({
  workspaceId,
  articleId,
  revisionId,
  content,
  baseText,
  annotations,
  meId,
}: ArticleEditorProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const key = draftKey(meId, `edit-text:${articleId}:${revisionId}`);
  const [restored] = useState(() => readDraft<JSONContent>(key));
  const [dirty, setDirty] = useState(restored !== null);
  // The highlights' offsets index the saved text: over a restored draft they would sit in the wrong places.
  const [showHighlights, setShowHighlights] = useState(restored === null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Highlights follow the text as it is edited; clicking one does nothing here.
  const extensions = useMemo(() => [...articleExtensions, AnnotationHighlights.configure({})], []);
  // The editor's record of the edit since the saved text: which copy of a repeated passage was removed,
  // which comparing texts cannot tell. None over a restored draft, whose edits were not seen.
  const editRecord = useRef<ChangeSet | null>(null);
  const editor = useEditor({
    extensions,
    content: restored ?? content,
    onCreate: ({ editor }) => {
      editRecord.current = restored ? null : startEditRecord(editor.state.doc);
    },
    onTransaction: ({ transaction }) => {
      if (editRecord.current) editRecord.current = recordTransaction(editRecord.current, transaction);
    },
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

  useEffect(() => {
    if (!showHighlights) return;
    editor?.commands.setAnnotations(
      annotations.map((a) => ({
        id: a.id,
        start: a.start,
        end: a.end,
        status: a.status,
        color: a.color ?? UNTAGGED_COLOR,
      })),
    );
  }, [editor, annotations, showHighlights]);
  const preview = useRevisionPreview(editor, baseText, annotations, editRecord);

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
    if (editor) editRecord.current = startEditRecord(editor.state.doc);
    setShowHighlights(true);
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
        json: {
          baseRevisionId: revisionId,
          content: editor.getJSON(),
          ...editPayload(editRecord.current && textDiffOfRecord(editRecord.current, editor.state.doc)),
        },
      });
      clearDraft(key);
      setDirty(false);
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
      {restored && dirty ? (
        <p className="draft-restored" role="status">
          Your unsaved edits of this revision were restored; the highlights show again once they are saved or discarded.{" "}
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
        <span className="muted small" role="status" data-testid="revision-preview">
          {preview
            ? `This edit will orphan ${plural(preview.orphaned, "annotation", "annotations")} and move ${preview.moved}.`
            : "Annotations follow the text; any whose text you remove are kept as orphaned."}
        </span>
      </div>
    </div>
  );
}
