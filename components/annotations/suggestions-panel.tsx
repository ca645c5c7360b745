"use client";

import type { Suggestion } from "@/lib/suggestions";
import type { AcceptMode } from "./use-suggestions";

export type SuggestionItem = Suggestion & { id: string };

/** The mentions of one surface form ("Taliban" 25 times): one row, accepted or dismissed together. */
export type SuggestionGroup = {
  key: string;
  text: string;
  entityId: string | null;
  match: Suggestion["match"];
  items: SuggestionItem[];
};

type SuggestionsPanelProps = {
  suggestions: SuggestionItem[];
  activeId: string | null;
  busy: boolean;
  onAccept(group: SuggestionGroup, mode: AcceptMode): void;
  onDismiss(items: SuggestionItem[]): void;
  onAcceptAll(items: SuggestionItem[]): void;
  onClose(): void;
};

const UNKNOWN = "Unknown type";

/** Groups suggestions by surface form (same text, same catalog entity or match), in order of first mention. */
export function groupBySurface(suggestions: readonly SuggestionItem[]): SuggestionGroup[] {
  const groups = new Map<string, SuggestionGroup>();
  for (const s of suggestions) {
    const key = `${s.text}|${s.entityId ?? ""}|${s.match?.entityId ?? ""}`;
    const group = groups.get(key);
    if (group) group.items.push(s);
    else groups.set(key, { key, text: s.text, entityId: s.entityId, match: s.match, items: [s] });
  }
  return [...groups.values()];
}

const mentions = (n: number) => `${n} ${n === 1 ? "mention" : "mentions"}`;

/**
 * Suggested mentions grouped by likely type, then by surface form: each row
 * is every mention of one text, accepted (all tagged) or dismissed together,
 * and a typed group can be accepted at once. A text that names a catalog
 * entity by its last name offers that entity (or another). Nothing is
 * created unasked, and an accept can be undone.
 */
export function SuggestionsPanel({
  suggestions,
  activeId,
  busy,
  onAccept,
  onDismiss,
  onAcceptAll,
  onClose,
}: SuggestionsPanelProps) {
  const byType = new Map<string, SuggestionItem[]>();
  for (const s of suggestions) {
    const key = s.type ?? UNKNOWN;
    byType.set(key, [...(byType.get(key) ?? []), s]);
  }
  return (
    <section className="card ann-suggestions" aria-labelledby="suggestions-heading" data-testid="suggestions-panel">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h3 id="suggestions-heading">
          Suggestions <span className="muted">{suggestions.length}</span>
        </h3>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Hide
        </button>
      </div>
      {suggestions.length === 0 ? <p className="muted small">No more suggestions.</p> : null}
      {[...byType].map(([type, items]) => (
        <div key={type} className="ann-suggestion-group" role="group" aria-label={`${type} suggestions`}>
          <header>
            <span>
              {type} ({items.length})
            </span>
            {type !== UNKNOWN ? (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={busy}
                onClick={() => onAcceptAll(items)}
              >
                Accept all {type}
              </button>
            ) : null}
          </header>
          <ul className="ann-suggestion-list">
            {groupBySurface(items).map((g) => {
              const label = `“${g.text}”${g.items.length > 1 ? ` (${mentions(g.items.length)})` : ""}`;
              const offered = !g.entityId && g.match;
              return (
                <li
                  key={g.key}
                  data-active={g.items.some((s) => s.id === activeId)}
                  data-suggestion-row={g.items.map((s) => s.id).join(" ")}
                >
                  <span className="ann-suggestion-text">
                    {g.text}
                    {g.items.length > 1 ? <span className="muted small"> · {mentions(g.items.length)}</span> : null}
                  </span>
                  {g.entityId ? <span className="badge">in catalog</span> : null}
                  {offered ? (
                    <span className="ann-suggestion-match small">
                      {g.match!.name}? <span className="muted">({g.match!.via})</span>
                    </span>
                  ) : null}
                  <span className="ann-suggestion-actions">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={busy}
                      onClick={() => onAccept(g, "auto")}
                      aria-label={offered ? `Tag ${label} as ${g.match!.name}` : `Accept ${label}`}
                    >
                      {offered ? `Tag as ${g.match!.name}` : "Accept"}
                    </button>
                    {offered ? (
                      <button
                        type="button"
                        className="link-button small"
                        disabled={busy}
                        onClick={() => onAccept(g, "pick")}
                        aria-label={`Tag ${label} as another entity`}
                      >
                        Other…
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="link-button small"
                      onClick={() => onDismiss(g.items)}
                      aria-label={`Dismiss ${label}`}
                    >
                      Dismiss
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
