/**
 * An article's annotations as the inputs of `lib/agreement`: pure, shared by
 * the server (which computes the figures) and the browser (which computes the
 * curation differences as analysts are picked).
 *
 * - Agreement compares entity types: an annotation's label is its entity's
 *   type name (`UNTAGGED_LABEL` without an entity). Type names are unique in
 *   a workspace.
 * - Curation compares entities: the label is the entity id, so the same span
 *   tagged with two different entities (even of one type) is a difference.
 */
import { OUTSIDE, type AnnotatorSpans, type Span } from "@/lib/agreement";

/** The label of annotations without an entity. */
export const UNTAGGED_LABEL = "(untagged)";

/** What agreement and curation need of an annotation. */
export interface ArticleAnnotation {
  id: string;
  authorId: string;
  start: number;
  end: number;
  exact: string;
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  version: number;
  entity: { id: string; name: string; type: { id: string; name: string; color: string } } | null;
}

/** A span carrying its annotation, for curation. */
export type AnnotationSpan = Span & { annotation: ArticleAnnotation };

function byAnalyst<S extends Span>(
  annotations: readonly ArticleAnnotation[],
  analystIds: readonly string[],
  toSpan: (a: ArticleAnnotation) => S,
): AnnotatorSpans<S>[] {
  const spans = new Map<string, S[]>(analystIds.map((id) => [id, []]));
  for (const a of annotations) spans.get(a.authorId)?.push(toSpan(a));
  return analystIds.map((id) => ({ annotator: id, spans: spans.get(id)! }));
}

/** Each analyst's spans labelled by entity type, in the order the analysts are given. */
export function agreementSpans(
  annotations: readonly ArticleAnnotation[],
  analystIds: readonly string[],
): AnnotatorSpans[] {
  return byAnalyst(annotations, analystIds, (a) => ({
    start: a.start,
    end: a.end,
    label: a.entity?.type.name ?? UNTAGGED_LABEL,
  }));
}

/** Each analyst's spans labelled by entity id, carrying the annotation, for `curationDiff`. */
export function curationSpans(
  annotations: readonly ArticleAnnotation[],
  analystIds: readonly string[],
): AnnotatorSpans<AnnotationSpan>[] {
  return byAnalyst(annotations, analystIds, (a) => ({
    start: a.start,
    end: a.end,
    label: a.entity ? `entity:${a.entity.id}` : UNTAGGED_LABEL,
    annotation: a,
  }));
}

/** The outside label for token agreement: "O", unless an entity type is called that. */
export function outsideLabel(spans: readonly AnnotatorSpans[]): string {
  return outsideLabelOf(new Set(spans.flatMap((x) => x.spans.map((s) => s.label))));
}

/** `outsideLabel` of spans with these labels. */
export function outsideLabelOf(used: ReadonlySet<string>): string {
  let outside = OUTSIDE;
  while (used.has(outside)) outside = `${outside}'`;
  return outside;
}
