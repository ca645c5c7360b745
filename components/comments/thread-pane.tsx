"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Toast } from "@/components/annotations/use-annotations";
import { shortQuote } from "@/components/annotations/annotation-filters";
import { draftKey } from "@/components/ui/drafts";
import { CommentEditor } from "./comment-editor";
import { CommentItem, type CommentPermissions } from "./comment-item";
import { forgetMentionCandidates } from "./members-cache";
import { useThread } from "./use-thread";
import type { ThreadTarget } from "./comment-api";
import { useLiveEvents } from "@/components/live/use-live-events";

type ThreadPaneProps = {
  workspaceId: string;
  /** Whose thread (an annotation's or a relation's; its API path is threadUrl). */
  target: ThreadTarget;
  /** What the thread is about, shown under its title: the quote, or the relation. */
  subject: string;
  can: CommentPermissions & { resolve: boolean };
  say(message: string, extra?: Omit<Toast, "id" | "message">): void;
  /** After a change of one's own (the counts on rows follow). */
  onChanged(): void;
  /** Focus the editor when this changes to a new truthy value (the Comment button, `c`). */
  composeToken: number;
  /** A comment to scroll to and highlight, e.g. from a notification. */
  focusCommentId: string | null;
  onClose(): void;
};

/**
 * The selected annotation's (or one of its relations') discussion: its comments, a reply field, and
 * Resolve/Reopen. A resolved thread collapses to one line that expands on
 * request (and by itself when someone comments again, which reopens it).
 */
export function ThreadPane(props: ThreadPaneProps) {
  const { workspaceId, target, subject, can, say, composeToken, focusCommentId } = props;
  const headingId = useId();
  const errorId = useId();
  const thread = useThread({ workspaceId, target, say, onChanged: props.onChanged });
  const [expanded, setExpanded] = useState(false);
  // Someone joined or left: the @ list should know.
  useLiveEvents(["member.changed"], () => forgetMentionCandidates(workspaceId));
  const [sendError, setSendError] = useState<string | null>(null);
  const data = thread.status === "ready" ? thread.thread : null;
  const all = data?.comments.length ?? 0;
  // As the badges count: what can be read (deleted and hidden comments keep their place, not their number).
  const count = data?.comments.filter((c) => c.state === "visible").length ?? 0;
  const collapsed = !!data?.resolved && !expanded;
  // Resolved by anyone (here or live): the thread folds away; reopened, it shows again.
  const [seenResolved, setSeenResolved] = useState(data?.resolved ?? null);
  if (data && data.resolved !== seenResolved) {
    setSeenResolved(data.resolved);
    if (seenResolved !== null && data.resolved) setExpanded(false);
  }
  // Asked to write (the Comment button, `c`): a collapsed thread opens for it.
  const [seenCompose, setSeenCompose] = useState(composeToken);
  if (composeToken !== seenCompose) {
    setSeenCompose(composeToken);
    if (composeToken) setExpanded(true);
  }
  const focusedPresent = !!focusCommentId && !!data?.comments.some((c) => c.id === focusCommentId);

  // Opened at a comment: show it even in a resolved thread, then bring it into view.
  const [shownFocus, setShownFocus] = useState<string | null>(null);
  if (focusedPresent && shownFocus !== focusCommentId) {
    setShownFocus(focusCommentId);
    setExpanded(true);
  }
  const paneRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const pane = paneRef.current;
    const element = shownFocus ? document.getElementById(`comment-${shownFocus}`) : null;
    if (!pane || !element) return;
    // Within the pane only: the page itself is being scrolled to the highlight.
    const box = pane.getBoundingClientRect();
    const at = element.getBoundingClientRect();
    pane.scrollBy({ top: at.top - box.top - (box.height - at.height) / 2, behavior: "smooth" });
  }, [shownFocus]);

  return (
    <section
      ref={paneRef}
      className="thread"
      aria-labelledby={headingId}
      data-testid="thread"
      data-resolved={data?.resolved || undefined}
    >
      <div className="thread-header">
        <h3 id={headingId} className="thread-title">
          {target.kind === "relation" ? "Relation discussion" : "Discussion"}
          {count ? <span className="thread-count">{count}</span> : null}
        </h3>
        <span className="spacer" />
        {data && can.resolve && (all > 0 || data.resolved) ? (
          <button
            type="button"
            className={`button button-small ${data.resolved ? "button-secondary" : "thread-resolve"}`}
            onClick={() => void thread.setResolved(!data.resolved)}
          >
            {data.resolved ? "Reopen" : "Resolve"}
          </button>
        ) : null}
        <button
          type="button"
          className="thread-close"
          aria-label="Close discussion"
          title="Close"
          onClick={props.onClose}
        >
          ×
        </button>
      </div>
      <p className="thread-quote" title={subject}>
        {target.kind === "relation" ? shortQuote(subject, 140) : `“${shortQuote(subject, 140)}”`}
      </p>

      {collapsed ? (
        <button type="button" className="thread-collapsed" aria-expanded={false} onClick={() => setExpanded(true)}>
          <span className="thread-resolved-mark" aria-hidden="true">
            ✓
          </span>
          <span>
            Resolved{data!.resolvedBy ? ` by ${data!.resolvedBy.name}` : ""} · {count}{" "}
            {count === 1 ? "comment" : "comments"}
          </span>
          <span className="thread-collapsed-action">Show</span>
        </button>
      ) : (
        <>
          {data?.resolved ? (
            <div className="thread-resolved-note">
              <span className="thread-resolved-mark" aria-hidden="true">
                ✓
              </span>
              Resolved{data.resolvedBy ? ` by ${data.resolvedBy.name}` : ""}
              <span className="spacer" />
              <button type="button" className="link-button" aria-expanded={true} onClick={() => setExpanded(false)}>
                Collapse
              </button>
            </div>
          ) : null}
          {thread.status === "loading" ? (
            <p className="thread-empty" role="status">
              Loading the discussion…
            </p>
          ) : thread.status === "error" ? (
            <div className="alert alert-error thread-error" role="alert">
              {thread.error}{" "}
              <button type="button" className="link-button" onClick={() => void thread.reload()}>
                Try again
              </button>
            </div>
          ) : all === 0 ? (
            <p className="thread-empty">No comments yet. Start the discussion about this passage.</p>
          ) : (
            <ol className="thread-comments" aria-label="Comments">
              {data!.comments.map((comment) => (
                <CommentItem
                  key={comment.id}
                  comment={comment}
                  workspaceId={workspaceId}
                  can={can}
                  focused={comment.id === shownFocus}
                  onEdit={thread.edit}
                  onDelete={(c) => void thread.remove(c)}
                  onRestore={(c) => void thread.restore(c)}
                  onHide={(c, hidden) => void thread.hide(c, hidden)}
                  loadHistory={thread.history}
                />
              ))}
            </ol>
          )}
          {/* Writable at once, while the comments load: the Comment button goes straight to typing. */}
          <div className="thread-compose">
            <CommentEditor
              workspaceId={workspaceId}
              meId={can.meId}
              label={all ? "Reply" : "Comment"}
              placeholder={all ? "Reply… (@ to mention)" : "Write a comment… (@ to mention)"}
              submitLabel={all ? "Reply" : "Comment"}
              draftKey={draftKey(
                can.meId,
                target.kind === "relation" ? `comment:relation:${target.id}` : `comment:${target.id}`,
              )}
              focusToken={composeToken}
              onSubmit={async (body) => {
                setSendError(null);
                const error = await thread.send(body);
                setSendError(error);
                return error === null;
              }}
            />
            {sendError ? (
              <p id={errorId} className="alert alert-error comment-error" role="alert">
                {sendError}
              </p>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
