import { useState } from "react";
import type { CurationItem } from "@/lib/curation/curation-plan";
import { UNTAGGED_COLOR } from "@/components/annotations/types";
import { decidedAnnotations } from "@/lib/curation/curation-plan";
import { DecidedFlag } from "./decided-flag";
import type { AnalystInfo } from "./difference-card";

type AgreementsPanelProps = {
  agreements: CurationItem[];
  picks: Readonly<Record<string, readonly string[]>>;
  onTakeAll: () => void;
  onToggle: (item: CurationItem) => void;
  analysts: AnalystInfo[];
  /** Items whose reviewers' decisions the curation may change. */
  overrides: ReadonlySet<string>;
  onOverride: (item: CurationItem, override: boolean) => void;
};

/** What every analyst annotated alike: taken in bulk (or one by one), each kept once per analyst. */
export function AgreementsPanel({
  agreements,
  picks,
  onTakeAll,
  onToggle,
  analysts,
  overrides,
  onOverride,
}: AgreementsPanelProps) {
  const [open, setOpen] = useState(agreements.length <= 24);
  const taken = agreements.filter((a) => picks[a.key]?.length).length;
  return (
    <section className="cur-agreements card" aria-labelledby="cur-agreements-title">
      <header className="cur-agreements-head">
        <h2 id="cur-agreements-title" className="cur-agreements-title">
          {agreements.length} {agreements.length === 1 ? "agreement" : "agreements"}
        </h2>
        <span className="muted small">
          {taken === agreements.length ? "all taken" : `${taken} taken`} · every analyst made these
        </span>
        <button
          type="button"
          className="link-button small"
          aria-expanded={open}
          aria-controls="cur-agreement-list"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "Hide the list" : "Show the list"}
        </button>
        <button
          type="button"
          className="button button-secondary button-small cur-take-all"
          onClick={onTakeAll}
          disabled={taken === agreements.length}
        >
          Take all agreements <kbd>A</kbd>
        </button>
      </header>
      <ul className="cur-agreement-list" id="cur-agreement-list" hidden={!open}>
        {agreements.map((a) => {
          const c = a.candidates[0];
          const kept = picks[a.key];
          return (
            <li key={a.key}>
              <label className={`cur-agreement${kept === undefined ? "" : kept.length ? " is-taken" : " is-dropped"}`}>
                <input type="checkbox" checked={Boolean(kept?.length)} onChange={() => onToggle(a)} />
                <span
                  className="entity-dot"
                  style={{ background: c.entity?.type.color ?? UNTAGGED_COLOR }}
                  aria-hidden="true"
                />
                <span className="cur-agreement-quote">{c.exact}</span>
                <span className="muted small">
                  {!c.entity ? "No entity" : c.entity.name === c.exact ? c.entity.type.name : c.entity.name}
                </span>
              </label>
              <DecidedFlag
                decided={decidedAnnotations(a)}
                analysts={analysts}
                overridden={overrides.has(a.key)}
                onOverride={(override) => onOverride(a, override)}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
