import { forwardRef } from "react";
import type { Candidate, CurationItem } from "@/lib/curation/curation-plan";
import { UNTAGGED_COLOR } from "@/components/annotations/types";
import type { ArticleAnnotation } from "@/lib/curation/article-spans";
import { DecidedFlag } from "./decided-flag";
import { Snippet } from "./snippet";

export type AnalystInfo = { id: string; name: string };

type DifferenceCardProps = {
  item: CurationItem;
  index: number;
  total: number;
  text: string;
  analysts: AnalystInfo[];
  picked: readonly string[] | undefined;
  current: boolean;
  onFocus: () => void;
  /** Keep this candidate: instead of the others, or (`also`) alongside them. */
  onToggle: (candidateKey: string, also: boolean) => void;
  onNone: () => void;
  onClear: () => void;
  /** Its annotations a reviewer already decided (left as they are unless `overridden`). */
  decided: ArticleAnnotation[];
  overridden: boolean;
  onOverride: (override: boolean) => void;
};

const statusLabel = { PROPOSED: "Proposed", ACCEPTED: "Accepted", REJECTED: "Rejected" } as const;

/** What kind of difference, in words. */
export function kindLabel(item: CurationItem, analysts: AnalystInfo[]): string {
  if (item.kind === "label") return "Same span, different entity";
  if (item.kind === "overlap") return "Overlapping spans";
  if (item.kind === "agreement") return "Agreement";
  const names = analysts.filter((a) => item.candidates.some((c) => c.analysts.includes(a.id))).map((a) => a.name);
  return `Only ${names.join(" and ")}`;
}

function CandidateButton({
  candidate,
  number,
  state,
  onToggle,
}: {
  candidate: Candidate;
  number: number;
  state: "picked" | "dropped" | "open";
  onToggle: (also: boolean) => void;
}) {
  const statuses = [...new Set(candidate.annotations.map((a) => a.status))];
  return (
    <button
      type="button"
      className={`cur-option cur-option-${state}`}
      aria-pressed={state === "picked"}
      onClick={(e) => onToggle(e.shiftKey)}
      title={`Keep this one (${number}); with Shift, keep it alongside others`}
    >
      <kbd>{number}</kbd>
      <span className="cur-option-body">
        <span className="cur-option-quote">“{candidate.exact}”</span>
        <span className="cur-option-entity">
          <span
            className="entity-dot"
            style={{ background: candidate.entity?.type.color ?? UNTAGGED_COLOR }}
            aria-hidden="true"
          />
          {candidate.entity ? `${candidate.entity.name} · ${candidate.entity.type.name}` : "No entity"}
        </span>
      </span>
      <span className="cur-option-status">
        {statuses.map((s) => (
          <span key={s} className={`badge ann-status ann-status-${s.toLowerCase()}`}>
            {statusLabel[s]}
          </span>
        ))}
      </span>
    </button>
  );
}

/**
 * One difference, side by side: a column per analyst with the passage and
 * their annotations in it, each a numbered choice to keep.
 */
export const DifferenceCard = forwardRef<HTMLElement, DifferenceCardProps>(function DifferenceCard(
  {
    item,
    index,
    total,
    text,
    analysts,
    picked,
    current,
    onFocus,
    onToggle,
    onNone,
    onClear,
    decided,
    overridden,
    onOverride,
  },
  ref,
) {
  const number = new Map(item.candidates.map((c, i) => [c.key, i + 1]));
  const state = (c: Candidate) => (picked === undefined ? "open" : picked.includes(c.key) ? "picked" : "dropped");
  const decision =
    picked === undefined
      ? "Undecided"
      : picked.length === 0
        ? "Keeps none"
        : `Keeps ${picked.map((k) => number.get(k)).join(" and ")}`;
  return (
    <section
      ref={ref}
      className={`cur-card${current ? " cur-card-current" : ""}${picked === undefined ? "" : " cur-card-decided"}`}
      aria-label={`Difference ${index + 1} of ${total}: ${kindLabel(item, analysts)}`}
      aria-current={current ? "true" : undefined}
      tabIndex={-1}
      onFocus={onFocus}
      onClick={onFocus}
      data-kind={item.kind}
    >
      <header className="cur-card-head">
        <span className="cur-card-number">{index + 1}</span>
        <span className={`cur-kind cur-kind-${item.kind}`}>{kindLabel(item, analysts)}</span>
        <span className={`cur-decision${picked === undefined ? "" : " cur-decision-done"}`}>{decision}</span>
      </header>
      <DecidedFlag decided={decided} analysts={analysts} overridden={overridden} onOverride={onOverride} />
      <div className="cur-columns" style={{ ["--columns" as string]: analysts.length }}>
        {analysts.map((a) => {
          const mine = item.candidates.filter((c) => c.analysts.includes(a.id));
          return (
            <div key={a.id} className="cur-column" data-analyst={a.id}>
              <div className="cur-column-name">{a.name}</div>
              <Snippet
                text={text}
                start={item.start}
                end={item.end}
                marks={mine.map((c) => ({ candidate: c, number: number.get(c.key)!, state: state(c) }))}
              />
              {mine.length ? (
                <div className="cur-options">
                  {mine.map((c) => (
                    <CandidateButton
                      key={c.key}
                      candidate={c}
                      number={number.get(c.key)!}
                      state={state(c)}
                      onToggle={(also) => onToggle(c.key, also)}
                    />
                  ))}
                </div>
              ) : (
                <p className="cur-none-here">No annotation here</p>
              )}
            </div>
          );
        })}
      </div>
      <footer className="cur-card-foot">
        <button
          type="button"
          className={`button button-small ${picked?.length === 0 ? "cur-none-picked" : "button-secondary"}`}
          aria-pressed={picked?.length === 0}
          onClick={onNone}
        >
          <kbd>0</kbd> Keep none
        </button>
        {picked !== undefined ? (
          <button type="button" className="button button-secondary button-small" onClick={onClear}>
            <kbd>U</kbd> Undecided
          </button>
        ) : null}
      </footer>
    </section>
  );
});
