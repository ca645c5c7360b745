"use client";

import type { AnnotationItem } from "@/components/annotations/types";
import type { RelationItem } from "@/lib/validations/relation";
import { lightEnds } from "./light-ends";

type RelationListProps = {
  annotation: AnnotationItem;
  relations: RelationItem[];
  byId: ReadonlyMap<string, AnnotationItem>;
  canDelete: (relation: RelationItem) => boolean;
  onJump: (annotationId: string) => void;
  onDelete: (relation: RelationItem) => void;
  onLink?: () => void;
  /** Opens the relation's discussion. */
  onDiscuss?: (relation: RelationItem, label: string) => void;
  /** The relation whose discussion is open, if any. */
  discussingId?: string | null;
};

/**
 * The selected annotation's outgoing and incoming relations ("leads →
 * National Resistance Front", "← met with Amrullah Saleh"); hovering one
 * lights both its ends, clicking it goes to the other end.
 */
export function RelationList(props: RelationListProps) {
  const { annotation, relations, byId, canDelete, onJump, onDelete, onLink, onDiscuss, discussingId } = props;
  const mine = relations.filter((r) => r.source.id === annotation.id || r.target.id === annotation.id);
  const rows = mine.map((r) => {
    const outgoing = r.source.id === annotation.id;
    const other = byId.get(outgoing ? r.target.id : r.source.id);
    const label = !r.type.directed
      ? `${r.type.name} ↔`
      : outgoing
        ? `${r.type.name} →`
        : `← ${r.type.inverseLabel ?? r.type.name}`;
    return { r, other, label, outgoing };
  });
  return (
    <section className="relation-list" aria-label="Relations">
      <div className="row">
        <h3 className="relation-list-title">Relations</h3>
        <span className="spacer" />
        {onLink ? (
          <button type="button" className="button button-secondary button-small" onClick={onLink} aria-keyshortcuts="r">
            Link… <kbd>R</kbd>
          </button>
        ) : null}
      </div>
      {rows.length ? (
        <ul>
          {rows.map(({ r, other, label }) => (
            <li
              key={r.id}
              data-relation-row={r.id}
              onMouseEnter={() => lightEnds([r.source.id, r.target.id], true)}
              onMouseLeave={() => lightEnds([r.source.id, r.target.id], false)}
            >
              <button type="button" className="link-button" onClick={() => other && onJump(other.id)}>
                {label} {other?.entity?.name ?? other?.exact ?? "…"}
              </button>
              {r.flagged ? (
                <span className="badge" title="One end was orphaned by a revision">
                  check
                </span>
              ) : null}
              {r.status !== "PROPOSED" ? <span className="badge">{r.status.toLowerCase()}</span> : null}
              {onDiscuss && !r.id.startsWith("tmp-") ? (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  aria-label={`Discuss the relation ${label} ${other?.entity?.name ?? other?.exact ?? ""}`}
                  aria-pressed={discussingId === r.id}
                  onClick={() => onDiscuss(r, `${label} ${other?.entity?.name ?? other?.exact ?? "…"}`)}
                >
                  Discuss
                </button>
              ) : null}
              {canDelete(r) && !r.id.startsWith("tmp-") ? (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  aria-label={`Delete the relation ${label} ${other?.exact ?? ""}`}
                  onClick={() => onDelete(r)}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No relations yet.</p>
      )}
    </section>
  );
}
