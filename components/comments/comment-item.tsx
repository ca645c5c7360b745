"use client";

import type { JSONContent } from "@tiptap/core";
import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime } from "@/lib/format";
import type { CommentView } from "@/lib/comments/comment-view";
import { CommentBody } from "./comment-body";
import { draftKey } from "@/components/ui/drafts";
import { CommentEditor } from "./comment-editor";
import { CommentHistory } from "./comment-history";

export type CommentPermissions = { meId: string; moderate: boolean };

type CommentItemProps = {
  comment: CommentView;
  workspaceId: string;
  can: CommentPermissions;
  /** Scrolled to and briefly highlighted (opened from a notification). */
  focused: boolean;
  onEdit(comment: CommentView, body: JSONContent): Promise<string | null>;
  onDelete(comment: CommentView): void;
  onRestore(comment: CommentView): void;
  onHide(comment: CommentView, hidden: boolean): void;
  loadHistory(commentId: string): Promise<{ text: string; createdAt: string }[]>;
};

/**
 * One comment: author, time, the "edited" marker (its time in the tooltip,
 * earlier versions on click), the body, and what the reader may do with it:
 * authors edit and delete their own, leads hide or show anyone's. Deleted
 * and hidden comments keep their place as a short placeholder.
 */
export function CommentItem({ comment, workspaceId, can, focused, ...actions }: CommentItemProps) {
  const [editing, setEditing] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const mine = comment.author.id === can.meId;
  const visible = comment.state === "visible";

  return (
    <li
      className="comment"
      id={`comment-${comment.id}`}
      data-comment-id={comment.id}
      data-state={comment.state}
      data-focused={focused || undefined}
    >
      <div className="comment-head">
        <Avatar person={comment.author} size="small" decorative />
        <span className="comment-author">{comment.author.name}</span>
        <span className="comment-time">
          <RelativeTime date={comment.createdAt} />
        </span>
        {comment.editedAt && visible ? (
          <button
            type="button"
            className="comment-edited"
            title={`Edited ${formatDateTime(comment.editedAt)}. Show earlier versions`}
            aria-label={`Edited ${formatDateTime(comment.editedAt)}: earlier versions`}
            aria-expanded={showHistory}
            onClick={() => setShowHistory((s) => !s)}
          >
            edited
          </button>
        ) : null}
      </div>
      {comment.state === "deleted" ? (
        <p className="comment-placeholder">Comment deleted.</p>
      ) : comment.state === "hidden" ? (
        <p className="comment-placeholder">Comment hidden by a reviewer.</p>
      ) : editing ? (
        <>
          <CommentEditor
            workspaceId={workspaceId}
            meId={can.meId}
            label="Edit comment"
            placeholder="Edit your comment…"
            submitLabel="Save"
            initialContent={comment.body ?? undefined}
            draftKey={draftKey(can.meId, `comment-edit:${comment.id}:${comment.version}`)}
            focusToken={true}
            onCancel={() => {
              setEditing(false);
              setEditError(null);
            }}
            onSubmit={async (body) => {
              const error = await actions.onEdit(comment, body);
              // "" is a conflict the hook has already explained: stop editing, the reloaded comment shows.
              if (error === null || error === "") {
                setEditing(false);
                setEditError(null);
                return true;
              }
              setEditError(error);
              return false;
            }}
          />
          {editError ? (
            <p className="alert alert-error comment-error" role="alert">
              {editError}
            </p>
          ) : null}
        </>
      ) : comment.body ? (
        <CommentBody body={comment.body} />
      ) : null}
      {!editing && (mine || can.moderate) ? (
        <div className="comment-actions">
          {mine && visible ? (
            <>
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" className="link-button" onClick={() => actions.onDelete(comment)}>
                Delete
              </button>
            </>
          ) : null}
          {mine && comment.state === "deleted" ? (
            <button type="button" className="link-button" onClick={() => actions.onRestore(comment)}>
              Restore
            </button>
          ) : null}
          {can.moderate && !mine && comment.state !== "deleted" ? (
            <button
              type="button"
              className="link-button"
              onClick={() => actions.onHide(comment, comment.state !== "hidden")}
            >
              {comment.state === "hidden" ? "Show" : "Hide"}
            </button>
          ) : null}
        </div>
      ) : null}
      {showHistory && visible ? (
        <CommentHistory commentId={comment.id} load={actions.loadHistory} onClose={() => setShowHistory(false)} />
      ) : null}
    </li>
  );
}
