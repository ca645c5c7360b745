import { statusLabels } from "./annotation-filters";
import { entityColor, entityTypeName, type AnnotationItem } from "./types";

type EntityChipProps = { entity: AnnotationItem["entity"] };

/** The entity an annotation is tagged with (type colour, name and type), or "Untagged". */
export function EntityChip({ entity }: EntityChipProps) {
  return (
    <span className="ann-chip" title={entity ? `${entity.name} (${entityTypeName(entity)})` : undefined}>
      <span className="ann-dot" style={{ background: entityColor(entity) }} aria-hidden="true" />
      {entity ? (
        <>
          <span className="ann-chip-name">{entity.name}</span>
          <span className="ann-chip-type">{entityTypeName(entity)}</span>
        </>
      ) : (
        <span className="ann-chip-name ann-chip-untagged">Untagged</span>
      )}
    </span>
  );
}

type StatusBadgeProps = { status: AnnotationItem["status"] };

/** Proposed, Accepted or Rejected, told apart by words as well as colour. */
export function StatusBadge({ status }: StatusBadgeProps) {
  return <span className={`badge ann-status ann-status-${status.toLowerCase()}`}>{statusLabels[status]}</span>;
}

/** Flags an annotation whose text moved when the article was revised. */
export function MovedMarker() {
  return (
    <span
      className="badge ann-moved"
      title="The article changed around this annotation. Check that it still highlights the right words."
    >
      Moved, please check
    </span>
  );
}

type QuoteProps = { text: string };

/** The highlighted words, clamped to three lines (the full text stays in the DOM and in the tooltip). */
export function Quote({ text }: QuoteProps) {
  return (
    <span className="ann-quote" title={text}>
      {text}
    </span>
  );
}
