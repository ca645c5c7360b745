"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { UNKNOWN_TYPE_COLOR, UNTAGGED_COLOR } from "@/components/annotations/types";
import { RelativeTime } from "@/components/ui/relative-time";
import { Toast } from "@/components/ui/toast";
import { RejectDialog } from "./reject-dialog";
import { RelationPassages } from "./relation-passages";
import type { RelationQueueItem } from "./types";
import type { Decision } from "./use-review-queue";
import { defaultRelationFilters, useRelationReviewQueue, type RelationQueueFilters } from "./use-relation-review-queue";

type RelationReviewQueueProps = {
  workspaceId: string;
  entityTypes: { id: string; name: string; color: string }[];
  relationTypes: { id: string; name: string }[];
  articles: { id: string; title: string }[];
  authors: { id: string; name: string }[];
};

type ToastState = { id: number; message: string; tone?: "error"; undo?: () => void };

const UNDO_MS = 10_000;
const statusLabel: Record<Decision, string> = { PROPOSED: "Proposed", ACCEPTED: "Accepted", REJECTED: "Rejected" };

/** "leads →", "met with ↔". */
export function relationArrow(type: RelationQueueItem["type"]): string {
  return type.directed ? `${type.name} →` : `${type.name} ↔`;
}

/**
 * The relations to review, one at a time: source → type → target with both
 * passages; j/k to move, a to accept, r to reject with a reason. A decision
 * shows at once and can be undone for ten seconds.
 */
export function RelationReviewQueue({
  workspaceId,
  entityTypes,
  relationTypes,
  articles,
  authors,
}: RelationReviewQueueProps) {
  const [filters, setFilters] = useState<RelationQueueFilters>(defaultRelationFilters);
  const [toast, setToast] = useState<ToastState | null>(null);
  const toastId = useRef(0);
  const say = useCallback((message: string, tone?: "error", undo?: () => void) => {
    setToast({ id: ++toastId.current, message, tone, undo });
  }, []);
  const { items, total, loading, hasMore, loadMore, decide } = useRelationReviewQueue(workspaceId, filters, say);
  const [index, setIndex] = useState(0);
  const [rejecting, setRejecting] = useState<RelationQueueItem | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const position = Math.min(index, items.length - 1);
  const current = items[position] ?? null;
  const matching = total - items.filter((i) => i.status !== filters.status).length;
  const types = new Map(entityTypes.map((t) => [t.id, t]));
  const colorOf = (end: RelationQueueItem["source"]) =>
    end.entity ? (types.get(end.entity.typeId)?.color ?? UNKNOWN_TYPE_COLOR) : UNTAGGED_COLOR;
  const endName = (end: RelationQueueItem["source"]) =>
    end.entity ? `${end.entity.name} (${types.get(end.entity.typeId)?.name ?? "?"})` : `“${end.exact}”`;

  const move = useCallback(
    (step: number) => setIndex((i) => Math.max(0, Math.min(items.length - 1, i + step))),
    [items.length],
  );
  useEffect(() => {
    if (hasMore && !loading && items.length - position <= 5) void loadMore();
  }, [hasMore, items.length, loadMore, loading, position]);

  const apply = useCallback(
    async (target: RelationQueueItem, decision: Decision, reason?: string) => {
      const saved = await decide(target, decision, reason);
      if (!saved) return;
      const what = `${target.source.entity?.name ?? target.source.exact} ${relationArrow(target.type)} ${target.target.entity?.name ?? target.target.exact}`;
      say(`${statusLabel[decision]} “${what}”.`, undefined, () => void decide(saved, "PROPOSED"));
      move(1);
    },
    [decide, move, say],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], [role=dialog], [role=combobox]")) return;
      if (event.metaKey || event.ctrlKey || event.altKey || rejecting) return;
      const key = event.key.toLowerCase();
      if (key === "j") move(1);
      else if (key === "k") move(-1);
      else if (key === "a" && current) void apply(current, "ACCEPTED");
      else if (key === "r" && current) setRejecting(current);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [apply, current, move, rejecting]);

  const setFilter = (change: Partial<RelationQueueFilters>) => {
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
          Relation type
          <select value={filters.relationTypeId} onChange={(e) => setFilter({ relationTypeId: e.target.value })}>
            <option value="">All types</option>
            {relationTypes.map((t) => (
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
      </form>

      <div className="review-summary" aria-live="polite">
        {loading ? "Loading…" : `${matching} ${matching === 1 ? "relation" : "relations"}`}
        {current ? ` · ${position + 1} of ${items.length}` : ""}
      </div>

      {!loading && items.length === 0 ? <p className="muted">No relations here. Try other filters.</p> : null}

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
                  <span className="review-list-quote review-list-quote--relation">
                    {item.source.entity?.name ?? item.source.exact} {relationArrow(item.type)}{" "}
                    {item.target.entity?.name ?? item.target.exact}
                  </span>
                  <span className={`badge ann-status ann-status-${item.status.toLowerCase()}`}>
                    {statusLabel[item.status]}
                  </span>
                </button>
              </li>
            ))}
          </ol>

          <section className="review-card" aria-label="Relation under review" tabIndex={-1} ref={cardRef}>
            <header className="review-card-head">
              <Link href={`/w/${workspaceId}/articles/${current.article.id}?annotation=${current.source.id}`}>
                {current.article.title}
              </Link>
              <span className={`badge ann-status ann-status-${current.status.toLowerCase()}`}>
                {statusLabel[current.status]}
              </span>
              {current.flagged ? (
                <span className="badge badge-danger" title="A revision orphaned one end">
                  check by hand
                </span>
              ) : null}
            </header>
            <p className="review-relation" data-testid="relation-under-review">
              <span className="review-relation-end">
                <span className="ann-dot" style={{ background: colorOf(current.source) }} aria-hidden />
                {endName(current.source)}
              </span>
              <span className="review-relation-type" style={{ borderColor: current.type.color }}>
                {relationArrow(current.type)}
              </span>
              <span className="review-relation-end">
                <span className="ann-dot" style={{ background: colorOf(current.target) }} aria-hidden />
                {endName(current.target)}
              </span>
            </p>
            <RelationPassages item={current} colorOf={colorOf} />
            <dl className="review-facts">
              <dt>Author</dt>
              <dd>
                {current.author.name}, <RelativeTime date={current.createdAt} />
              </dd>
              {current.note ? (
                <>
                  <dt>Note</dt>
                  <dd>{current.note}</dd>
                </>
              ) : null}
              {current.status === "REJECTED" && current.rejectionReason ? (
                <>
                  <dt>Reason</dt>
                  <dd>{current.rejectionReason}</dd>
                </>
              ) : null}
            </dl>
            <div className="review-actions">
              <button
                type="button"
                className="button"
                onClick={() => void apply(current, "ACCEPTED")}
                title="Accept (A)"
              >
                Accept <kbd>A</kbd>
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => setRejecting(current)}
                title="Reject with a reason (R)"
              >
                Reject… <kbd>R</kbd>
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
                count={1}
                noun="relation"
                onCancel={() => {
                  setRejecting(null);
                  cardRef.current?.focus();
                }}
                onReject={(reason) => {
                  const target = rejecting;
                  setRejecting(null);
                  void apply(target, "REJECTED", reason);
                  cardRef.current?.focus();
                }}
              />
            ) : null}
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
