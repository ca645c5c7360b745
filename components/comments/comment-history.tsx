"use client";

import { useEffect, useState } from "react";
import { errorMessage } from "@/components/annotations/error-message";
import { formatDateTime } from "@/lib/format";

type Version = { text: string; createdAt: string };

type CommentHistoryProps = {
  commentId: string;
  load(commentId: string): Promise<Version[]>;
  onClose(): void;
};

/** A comment's earlier versions, newest first, as plain text. */
export function CommentHistory({ commentId, load, onClose }: CommentHistoryProps) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load(commentId).then(
      (list) => live && setVersions([...list].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))),
      (err) => live && setError(errorMessage(err, "The earlier versions could not be loaded.")),
    );
    return () => {
      live = false;
    };
  }, [commentId, load]);

  return (
    <div className="comment-history">
      <div className="comment-history-head">
        <span>Earlier versions</span>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? (
        <p className="field-error">{error}</p>
      ) : versions === null ? (
        <p className="muted">Loading…</p>
      ) : versions.length === 0 ? (
        <p className="muted">No earlier versions.</p>
      ) : (
        <ol>
          {versions.map((v) => (
            <li key={v.createdAt}>
              <span className="comment-history-time">Until {formatDateTime(v.createdAt)}</span>
              <p>{v.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
