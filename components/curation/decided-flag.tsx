import type { ArticleAnnotation } from "@/lib/curation/article-spans";
import type { AnalystInfo } from "./difference-card";

type DecidedFlagProps = {
  /** The item's annotations a reviewer already accepted or rejected. */
  decided: ArticleAnnotation[];
  analysts: AnalystInfo[];
  overridden: boolean;
  onOverride(override: boolean): void;
};

const statusWord = { ACCEPTED: "accepted", REJECTED: "rejected", PROPOSED: "proposed" } as const;

/**
 * Flags an item a reviewer already decided: whose annotation is accepted or
 * rejected, that the curation leaves it so, and a checkbox to change it anyway.
 */
export function DecidedFlag({ decided, analysts, overridden, onOverride }: DecidedFlagProps) {
  if (decided.length === 0) return null;
  const name = (id: string) => analysts.find((a) => a.id === id)?.name ?? "Someone";
  const what = decided.map((a) => `${name(a.authorId)}’s ${statusWord[a.status]}`).join(", ");
  return (
    <span className="cur-decided" data-overridden={overridden || undefined}>
      <span className="cur-decided-what">Reviewed: {what}</span>
      <label className="cur-decided-override">
        <input type="checkbox" checked={overridden} onChange={(e) => onOverride(e.target.checked)} />
        {overridden ? "Curation changes it" : "Left as is; change it"}
      </label>
    </span>
  );
}
