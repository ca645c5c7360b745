"use client";

import { formatDateTime } from "@/lib/format";
import { entityColor, entityTypeName, type AnnotationItem } from "./types";

export type HoverState = { id: string; rect: DOMRect };

type AnnotationHoverCardProps = { annotation: AnnotationItem; rect: DOMRect };

/** Quote, entity, author and time of the highlight under the pointer. */
export function AnnotationHoverCard({ annotation, rect }: AnnotationHoverCardProps) {
  return (
    <div
      className="ann-hover-card"
      role="tooltip"
      style={{ left: rect.left + window.scrollX, top: rect.bottom + window.scrollY + 6 }}
    >
      <p className="ann-hover-quote">
        “{annotation.exact.length > 160 ? `${annotation.exact.slice(0, 160)}…` : annotation.exact}”
      </p>
      <p className="ann-hover-meta">
        {annotation.entity ? (
          <>
            <span className="ann-dot" style={{ background: entityColor(annotation.entity) }} aria-hidden="true" />
            <strong>{annotation.entity.name}</strong> · {entityTypeName(annotation.entity)}
          </>
        ) : (
          <span>Untagged</span>
        )}
      </p>
      <p className="ann-hover-meta muted">
        {annotation.author.name} · {formatDateTime(annotation.createdAt)}
      </p>
    </div>
  );
}
