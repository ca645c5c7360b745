"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/lib/client/api";
import { highlightSegments } from "@/lib/entity-network/highlight-segments";
import type { CooccurrencePassages } from "@/lib/entity-network/types";

export type SelectedEdge = { source: string; target: string; sourceName: string; targetName: string };

type EdgePassagesPanelProps = {
  workspaceId: string;
  edge: SelectedEdge;
  articleId?: string;
  /** Each entity's type colour, to underline its highlights. */
  colors: ReadonlyMap<string, string>;
  onClose: () => void;
};

/** The paragraphs where the two entities of a link are both tagged, each linking to its highlight in the article. */
export function EdgePassagesPanel({ workspaceId, edge, articleId, colors, onClose }: EdgePassagesPanelProps) {
  const [result, setResult] = useState<CooccurrencePassages | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let cancelled = false;
    const query = new URLSearchParams({ source: edge.source, target: edge.target });
    if (articleId) query.set("articleId", articleId);
    api<CooccurrencePassages>(`/api/workspaces/${workspaceId}/entity-network/passages?${query}`)
      .then((found) => !cancelled && setResult(found))
      .catch((err) => !cancelled && setError(err instanceof ApiError ? err.message : "Could not load the passages."));
    heading.current?.focus();
    return () => {
      cancelled = true;
    };
  }, [workspaceId, edge.source, edge.target, articleId]);

  return (
    <section className="card network-passages" aria-labelledby="network-passages-heading" aria-busy={!result && !error}>
      <div className="network-passages-header">
        <h2 id="network-passages-heading" ref={heading} tabIndex={-1}>
          {edge.sourceName} <span className="muted">and</span> {edge.targetName}
        </h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : !result ? (
        <p className="muted small">Loading passages…</p>
      ) : (
        <>
          <p className="muted small" role="status">
            {result.total === 1 ? "Together in 1 paragraph." : `Together in ${result.total} paragraphs.`}
            {result.total > result.passages.length ? ` The first ${result.passages.length} are listed.` : ""}
          </p>
          <ol className="network-passage-list">
            {result.passages.map((p) => (
              <li key={`${p.articleId}-${p.paragraph}`} className="network-passage" data-testid="network-passage">
                <Link
                  className="network-passage-article small"
                  href={`/w/${workspaceId}/articles/${p.articleId}?annotation=${p.highlights[0]?.annotationId ?? ""}`}
                >
                  {p.articleTitle} <span className="muted">· paragraph {p.paragraph + 1}</span>
                </Link>
                <blockquote className="network-passage-text">
                  {p.cutBefore ? "…" : ""}
                  {highlightSegments(p.text, p.highlights).map((s) =>
                    s.entityIds.length ? (
                      <mark
                        key={s.start}
                        className="network-passage-mark"
                        style={{ borderBottomColor: colors.get(s.entityIds[0]) }}
                      >
                        {s.text}
                      </mark>
                    ) : (
                      <span key={s.start}>{s.text}</span>
                    ),
                  )}
                  {p.cutAfter ? "…" : ""}
                </blockquote>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
