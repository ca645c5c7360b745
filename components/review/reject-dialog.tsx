"use client";

import { useEffect, useId, useRef, useState } from "react";
import { readDraft, saveDraft } from "@/components/ui/drafts";
import { MAX_REJECTION_REASON } from "@/lib/validations/review";

type RejectDialogProps = {
  count: number;
  /** Where the unsent reason is kept (restored when the box opens again for the same annotations). */
  draftKey?: string;
  /** What is rejected: a relation's reason stays with it (relations have no thread to post it to). */
  noun?: "annotation" | "relation";
  onReject(reason: string): void;
  onCancel(): void;
};

/** Asks why; the reason goes to each annotation's thread and its author's inbox. */
export function RejectDialog({ count, draftKey, noun = "annotation", onReject, onCancel }: RejectDialogProps) {
  const [reason, setReason] = useState(() => readDraft<string>(draftKey) ?? "");
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const errorId = useId();
  const hintId = useId();
  useEffect(() => field.current?.focus(), []);
  const submit = () => {
    if (!reason.trim()) {
      setError("Say why it is rejected.");
      field.current?.focus();
      return;
    }
    onReject(reason.trim());
  };
  return (
    <div>
      <div
        className="review-reject"
        role="dialog"
        aria-modal="false"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === "Escape") onCancel();
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
        }}
      >
        <h2 id={titleId}>{count === 1 ? `Reject this ${noun}` : `Reject ${count} ${noun}s`}</h2>
        <label htmlFor={`${titleId}-reason`}>
          {noun === "annotation"
            ? "Reason (posted to the thread; the author is notified)"
            : "Reason (kept with the relation for its author to read)"}
        </label>
        <textarea
          id={`${titleId}-reason`}
          ref={field}
          rows={3}
          maxLength={MAX_REJECTION_REASON}
          value={reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            setReason(e.target.value);
            saveDraft(draftKey, e.target.value.trim() ? e.target.value : null);
            setError(null);
          }}
        />
        <p id={hintId} className="review-reject-hint muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> rejects, <kbd>Esc</kbd> cancels.
        </p>
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="row">
          <button type="button" className="button button-danger" onClick={submit}>
            Reject{count > 1 ? ` ${count}` : ""}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
