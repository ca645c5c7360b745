"use client";

import type { Suggestion } from "@/lib/suggestions";

export type SuggestionItem = Suggestion & { id: string };

type SuggestionsPanelProps = {
  suggestions: SuggestionItem[];
  activeId: string | null;
  busy: boolean;
  onAccept(s: SuggestionItem): void;
  onDismiss(s: SuggestionItem): void;
  onAcceptAll(group: SuggestionItem[]): void;
  onClose(): void;
};

const UNKNOWN = "Unknown type";

/**
 * Suggested mentions grouped by likely type; each can be accepted (tagged) or
 * dismissed, and a typed group accepted at once. Nothing is created unasked.
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
  const groups = new Map<string, SuggestionItem[]>();
  for (const s of suggestions) {
    const key = s.type ?? UNKNOWN;
    groups.set(key, [...(groups.get(key) ?? []), s]);
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
      {[...groups].map(([type, items]) => (
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
            {items.map((s) => (
              <li key={s.id} data-active={s.id === activeId} data-suggestion-row={s.id}>
                <span className="ann-suggestion-text">{s.text}</span>
                {s.entityId ? <span className="badge">in catalog</span> : null}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={busy}
                  onClick={() => onAccept(s)}
                  aria-label={`Accept “${s.text}”`}
                >
                  Accept
                </button>
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => onDismiss(s)}
                  aria-label={`Dismiss “${s.text}”`}
                >
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
