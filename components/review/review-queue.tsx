"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { EntityCombobox } from "@/components/annotations/entity-combobox";
import { entityColor, entityTypeName, type EntityItem, type EntityTypeItem } from "@/components/annotations/types";
import { ThreadPane } from "@/components/comments/thread-pane";
import { Toast } from "@/components/ui/toast";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, ApiError } from "@/lib/client/api";
import { clearDraft, draftKey } from "@/components/ui/drafts";
import { RejectDialog } from "./reject-dialog";
import type { QueueItem } from "./types";
import { defaultFilters, useReviewQueue, type Decision, type QueueFilters } from "./use-review-queue";

/** Where a reviewer's unsent reason for rejecting these annotations is kept. */
function rejectDraftKey(meId: string, targets: QueueItem[]): string {
  return draftKey(meId, `reject:${targets.map((t) => t.id).join(",")}`);
}

type ReviewQueueProps = {
  workspaceId: string;
  me: { id: string; name: string };
  entityTypes: EntityTypeItem[];
  articles: { id: string; title: string }[];
  authors: { id: string; name: string }[];
  can: { moderate: boolean; resolve: boolean };
};

type ToastState = { id: number; message: string; tone?: "error"; undo?: () => void };

const UNDO_MS = 10_000;
const statusLabel: Record<Decision, string> = { PROPOSED: "Proposed", ACCEPTED: "Accepted", REJECTED: "Rejected" };

/**
 * One annotation at a time with its paragraph, entity, author and thread;
 * j/k to move, a to accept, r to reject with a reason, e to change the
 * entity, c to comment. Every decision shows at once and can be undone for
 * ten seconds; a filtered selection can be decided in one go.
 */
export function ReviewQueue({ workspaceId, me, entityTypes, articles, authors, can }: ReviewQueueProps) {
  const [filters, setFilters] = useState<QueueFilters>(defaultFilters);
  const [toast, setToast] = useState<ToastState | null>(null);
  const toastId = useRef(0);
  const say = useCallback((message: string, tone?: "error", undo?: () => void) => {
    setToast({ id: ++toastId.current, message, tone, undo });
  }, []);
  const { items, total, loading, hasMore, loadingMore, loadMore, decide, replace } = useReviewQueue(
    workspaceId,
    filters,
    say,
  );
  const [index, setIndex] = useState(0);
  const [rejecting, setRejecting] = useState<QueueItem[] | null>(null);
  const [confirmBatch, setConfirmBatch] = useState<"ACCEPTED" | null>(null);
  const [tagging, setTagging] = useState(false);
  const [compose, setCompose] = useState(0);
  const cardRef = useRef<HTMLDivElement>(null);

  const current = items[Math.min(index, items.length - 1)] ?? null;
  const undecided = useMemo(() => items.filter((i) => i.status === filters.status), [items, filters.status]);
  /** How many match the filters now: those decided here since loading no longer do. */
  const matching = total - (items.length - undecided.length);

  const move = useCallback(
    (step: number) => setIndex((i) => Math.max(0, Math.min(items.length - 1, i + step))),
    [items.length],
  );
  // Near the end of what is loaded, the next page is fetched, so j never runs dry while more wait.
  const position = Math.min(index, items.length - 1);
  useEffect(() => {
    if (hasMore && !loading && items.length - position <= 5) void loadMore();
  }, [hasMore, items.length, loadMore, loading, position]);

  const apply = useCallback(
    async (targets: QueueItem[], decision: Decision, reason?: string) => {
      const saved = await decide(targets, decision, reason);
      if (!saved) return false;
      const what = targets.length === 1 ? `“${targets[0].exact.slice(0, 60)}”` : `${targets.length} annotations`;
      say(`${statusLabel[decision]} ${what}.`, undefined, () => {
        void decide(
          targets.map((t) => ({ ...t, version: saved.find((s) => s.id === t.id)?.version ?? t.version })),
          "PROPOSED",
        );
      });
      if (targets.length === 1) move(1);
      return true;
    },
    [decide, move, say],
  );

  const changeEntity = useCallback(
    async (entity: EntityItem) => {
      setTagging(false);
      if (!current) return;
      try {
        const saved = await api<QueueItem>(`/api/workspaces/${workspaceId}/annotations/${current.id}`, {
          method: "PATCH",
          json: { version: current.version, entityId: entity.id },
        });
        replace({ ...current, version: saved.version, entity: saved.entity });
        say(`Tagged as ${entity.name}.`);
      } catch (err) {
        say(err instanceof ApiError ? err.message : "Could not change the entity.", "error");
      }
      cardRef.current?.focus();
    },
    [current, replace, say, workspaceId],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], [role=dialog], [role=combobox]")) return;
      if (event.metaKey || event.ctrlKey || event.altKey || rejecting || tagging) return;
      const key = event.key.toLowerCase();
      if (key === "j") move(1);
      else if (key === "k") move(-1);
      else if (key === "a" && current) void apply([current], "ACCEPTED");
      else if (key === "r" && current) setRejecting([current]);
      else if (key === "e" && current) setTagging(true);
      else if (key === "c" && current) setCompose((n) => n + 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [apply, current, move, rejecting, tagging]);

  const setFilter = (change: Partial<QueueFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setIndex(0);
  };

  return (
    <div className="review">
      <form className="review-filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={filters.status} onChange={(e) => setFilter({ status: e.target.value as Decision })}>
            <option value="PROPOSED">To review</option>
            <option value="ACCEPTED">Accepted</option>
            <option value="REJECTED">Rejected</option>
          </select>
        </label>
        <label>
          Article
          <select value={filters.articleId} onChange={(e) => setFilter({ articleId: e.target.value })}>
            <option value="">All articles</option>
            {articles.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Entity type
          <select value={filters.entityTypeId} onChange={(e) => setFilter({ entityTypeId: e.target.value })}>
            <option value="">All types</option>
            {entityTypes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Author
          <select value={filters.authorId} onChange={(e) => setFilter({ authorId: e.target.value })}>
            <option value="">Everyone</option>
            {authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={filters.from} onChange={(e) => setFilter({ from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={(e) => setFilter({ to: e.target.value })} />
        </label>
      </form>

      <div className="review-summary" aria-live="polite">
        {loading ? "Loading…" : `${matching} ${matching === 1 ? "annotation" : "annotations"}`}
        {items.length && current ? ` · ${Math.min(index, items.length - 1) + 1} of ${items.length}` : ""}
        {filters.status === "PROPOSED" && undecided.length > 1 ? (
          <span className="review-batch">
            {confirmBatch ? (
              <>
                <span>Accept all {undecided.length} shown?</span>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    setConfirmBatch(null);
                    void apply(undecided, "ACCEPTED");
                  }}
                >
                  Accept {undecided.length}
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => setConfirmBatch(null)}
                >
                  Cancel
                </button>
              </>
            ) : (
              <>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => setConfirmBatch("ACCEPTED")}
                >
                  Accept all shown…
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => setRejecting(undecided)}
                >
                  Reject all shown…
                </button>
              </>
            )}
          </span>
        ) : null}
      </div>

      {!loading && items.length === 0 ? <p className="muted">Nothing to review here. Try other filters.</p> : null}

      {current ? (
        <div className="review-layout">
          <ol className="review-list" aria-label="Queue">
            {items.map((item, i) => (
              <li key={item.id}>
                <button
                  type="button"
                  className={`review-list-item${item === current ? " review-list-item--current" : ""}`}
                  aria-current={item === current ? "true" : undefined}
                  onClick={() => setIndex(i)}
                >
                  <span className="review-list-quote">{item.exact}</span>
                  <span className={`badge ann-status ann-status-${item.status.toLowerCase()}`}>
                    {statusLabel[item.status]}
                  </span>
                </button>
              </li>
            ))}
            {hasMore ? (
              <li>
                <button
                  type="button"
                  className="button button-secondary button-small review-load-more"
                  disabled={loadingMore}
                  onClick={() => void loadMore()}
                >
                  {loadingMore ? "Loading…" : `Load more (${total - items.length} not shown)`}
                </button>
              </li>
            ) : null}
          </ol>

          <section className="review-card" aria-label="Annotation under review" tabIndex={-1} ref={cardRef}>
            <header className="review-card-head">
              <Link href={`/w/${workspaceId}/articles/${current.article.id}?annotation=${current.id}`}>
                {current.article.title}
              </Link>
              <span className={`badge ann-status ann-status-${current.status.toLowerCase()}`}>
                {statusLabel[current.status]}
              </span>
            </header>
            <blockquote className="review-context">
              {current.context ? (
                <>
                  {current.context.clippedStart ? "…" : ""}
                  {current.context.text.slice(0, current.context.start)}
                  <mark
                    className="review-highlight"
                    style={{ ["--annotation-color" as string]: entityColor(current.entity) }}
                  >
                    {current.context.text.slice(current.context.start, current.context.end)}
                  </mark>
                  {current.context.text.slice(current.context.end)}
                  {current.context.clippedEnd ? "…" : ""}
                </>
              ) : (
                <mark className="review-highlight">{current.exact}</mark>
              )}
            </blockquote>
            <dl className="review-facts">
              <dt>Entity</dt>
              <dd>
                {current.entity ? (
                  <span className="review-entity">
                    <span className="ann-dot" style={{ background: entityColor(current.entity) }} aria-hidden />
                    {current.entity.name} ({entityTypeName(current.entity)})
                  </span>
                ) : (
                  "Untagged"
                )}
              </dd>
              <dt>Author</dt>
              <dd>
                {current.author.name}, <RelativeTime date={current.createdAt} />
              </dd>
              <dt>Comments</dt>
              <dd>{current.comments}</dd>
            </dl>
            <div className="review-actions">
              <button
                type="button"
                className="button"
                onClick={() => void apply([current], "ACCEPTED")}
                title="Accept (A)"
              >
                Accept <kbd>A</kbd>
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => setRejecting([current])}
                title="Reject with a reason (R)"
              >
                Reject… <kbd>R</kbd>
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setTagging(true)}
                title="Change entity (E)"
              >
                Entity… <kbd>E</kbd>
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setCompose((n) => n + 1)}
                title="Comment (C)"
              >
                Comment <kbd>C</kbd>
              </button>
              <span className="review-nav">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => move(-1)}
                  title="Previous (K)"
                >
                  ← <kbd>K</kbd>
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => move(1)}
                  title="Next (J)"
                >
                  <kbd>J</kbd> →
                </button>
              </span>
            </div>
            {rejecting ? (
              <RejectDialog
                count={rejecting.length}
                draftKey={rejectDraftKey(me.id, rejecting)}
                onCancel={() => {
                  setRejecting(null);
                  cardRef.current?.focus();
                }}
                onReject={(reason) => {
                  const targets = rejecting;
                  setRejecting(null);
                  void apply(targets, "REJECTED", reason).then((saved) => {
                    if (saved) clearDraft(rejectDraftKey(me.id, targets));
                  });
                  cardRef.current?.focus();
                }}
              />
            ) : null}
            {tagging ? (
              <div className="review-combobox">
                <EntityCombobox
                  workspaceId={workspaceId}
                  entityTypes={entityTypes}
                  initialQuery={current.entity?.name ?? current.exact}
                  onPick={(entity) => void changeEntity(entity)}
                  onClose={() => {
                    setTagging(false);
                    cardRef.current?.focus();
                  }}
                />
              </div>
            ) : null}
            <ThreadPane
              key={current.id}
              workspaceId={workspaceId}
              target={{ kind: "annotation", id: current.id }}
              subject={current.exact}
              can={{ meId: me.id, moderate: can.moderate, resolve: can.resolve }}
              say={(message, extra) => say(message, extra?.tone === "error" ? "error" : undefined)}
              onChanged={() => undefined}
              composeToken={compose}
              focusCommentId={null}
              onClose={() => cardRef.current?.focus()}
            />
          </section>
        </div>
      ) : null}

      {toast ? (
        <Toast
          key={toast.id}
          message={toast.message}
          tone={toast.tone}
          timeout={UNDO_MS}
          action={toast.undo ? { label: "Undo", run: toast.undo } : undefined}
          onDismiss={() => setToast(null)}
        />
      ) : null}
    </div>
  );
}
