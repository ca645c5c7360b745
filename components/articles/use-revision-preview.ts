"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useMemo, useState } from "react";
import { canonicalText, createQuoteSelector, reanchorAll, validateRange, type AnchorSelector } from "@/lib/anchoring";
import { textDiffOfRecord } from "@/lib/anchoring/change-set-diff";
import type { ChangeSet } from "@tiptap/pm/changeset";

export type RevisionPreview = { orphaned: number; moved: number };

/** How long typing pauses before the preview is worked out again. */
const PREVIEW_DELAY_MS = 300;

/**
 * What saving the editor's text would do to the article's annotations, worked
 * out in the browser with the server's own re-anchoring (`reanchorAll` from
 * `baseText`, following the editor's record of the edit when there is one):
 * how many would be orphaned and how many moved. Null until the text changes.
 */
export function useRevisionPreview(
  editor: Editor | null,
  baseText: string,
  annotations: ReadonlyArray<{ start: number; end: number }>,
  editRecord: { readonly current: ChangeSet | null },
): RevisionPreview | null {
  const selectors = useMemo(
    () =>
      annotations.flatMap((a): AnchorSelector[] =>
        validateRange(baseText, a.start, a.end) === null
          ? [{ ...createQuoteSelector(baseText, a.start, a.end), start: a.start, end: a.end }]
          : [],
      ),
    [annotations, baseText],
  );
  const [preview, setPreview] = useState<RevisionPreview | null>(null);
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recompute = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (editor.isDestroyed) return;
        const newText = canonicalText(editor.getJSON());
        if (newText === baseText) return setPreview(null);
        const diff = editRecord.current ? textDiffOfRecord(editRecord.current, editor.state.doc) : null;
        const results = reanchorAll(baseText, newText, selectors, diff ? { editDiff: diff } : {});
        setPreview({
          orphaned: results.filter((r) => r.status === "orphaned").length,
          moved: results.filter((r) => r.status === "fuzzy").length,
        });
      }, PREVIEW_DELAY_MS);
    };
    editor.on("update", recompute);
    return () => {
      clearTimeout(timer);
      editor.off("update", recompute);
    };
  }, [editor, baseText, selectors, editRecord]);
  return preview;
}
