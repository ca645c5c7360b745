"use client";

import { useMemo, useState } from "react";
import { api, apiBody, ApiError } from "@/lib/client/api";
import {
  relationCurationPlan,
  relationDecisions,
  type CurationRelation,
  type RelationCandidate,
  type RelationCurationItem,
} from "@/lib/curation/relation-curation";
import type { AnalystInfo } from "./difference-card";

type RelationCurationProps = {
  workspaceId: string;
  articleId: string;
  analysts: AnalystInfo[];
  relations: CurationRelation[];
};

type Saved = { relations: { id: string; status: CurationRelation["status"]; version: number }[] };
const statusLabel = { PROPOSED: "Proposed", ACCEPTED: "Accepted", REJECTED: "Rejected" } as const;

function reading(c: RelationCandidate): string {
  return `“${c.source.exact}” ${c.type.directed ? `${c.type.name} →` : `${c.type.name} ↔`} “${c.target.exact}”`;
}

function kindLabel(item: RelationCurationItem, analysts: AnalystInfo[]): string {
  if (item.kind === "type") return "Different type or direction";
  const names = analysts.filter((a) => !item.missing.includes(a.id)).map((a) => a.name);
  return `Only ${names.join(" and ")}`;
}

/**
 * Where the analysts' relations differ — one linked two passages another did
 * not, or read the link as another type or direction — each decided on its
 * own: keep one analyst's version (accepted into the curated set, the others
 * rejected) or none. Decisions are saved at once and shown as kept.
 */
export function RelationCuration({ workspaceId, articleId, analysts, relations: initial }: RelationCurationProps) {
  const [relations, setRelations] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const ids = useMemo(() => analysts.map((a) => a.id), [analysts]);
  const plan = useMemo(() => relationCurationPlan(relations, ids), [relations, ids]);
  const open = plan.differences.filter((d) => d.decided === null).length;

  const reload = async () => {
    const query = new URLSearchParams(ids.map((id) => ["analyst", id]));
    const body = await apiBody<{ data: { relations: CurationRelation[] } }>(
      `/api/workspaces/${workspaceId}/articles/${articleId}/relation-curation?${query}`,
    ).catch(() => null);
    if (body) setRelations(body.data.relations);
  };

  const decide = async (item: RelationCurationItem, keep: RelationCandidate | null, what: string) => {
    setBusy(item.key);
    setNotice(null);
    try {
      const saved = await api<Saved>(`/api/workspaces/${workspaceId}/articles/${articleId}/relation-curation`, {
        method: "POST",
        json: { items: relationDecisions(item, keep?.key ?? null) },
      });
      const now = new Map(saved.relations.map((r) => [r.id, r]));
      setRelations((list) => list.map((r) => ({ ...r, ...(now.get(r.id) ?? {}) })));
      setNotice({ tone: "success", message: what });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setNotice({ tone: "error", message: "Someone changed these relations since you loaded them. Reloaded." });
        await reload();
      } else {
        setNotice({ tone: "error", message: err instanceof ApiError ? err.message : "The decision was not saved." });
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="stack" aria-labelledby="relation-differences">
      <div className="page-header">
        <div>
          <h2 id="relation-differences">Relation differences</h2>
          <p>
            Where the analysts linked passages differently. Keeping one analyst’s version accepts it into the curated
            set and rejects the others as “not chosen in curation”; each decision is saved at once.
          </p>
          <p className="muted">
            {plan.differences.length
              ? `${plan.differences.length} ${plan.differences.length === 1 ? "difference" : "differences"}, ${open} undecided · ${plan.agreements.length} agreed by everyone`
              : `The analysts’ relations agree (${plan.agreements.length}).`}
          </p>
        </div>
      </div>
      {notice ? (
        <p className={notice.tone === "error" ? "field-error" : "cur-notice"} role="status">
          {notice.message}
        </p>
      ) : null}
      <ol className="cur-list">
        {plan.differences.map((item, index) => {
          const kept = item.candidates.find((c) => c.key === item.decided);
          const decision = item.decided === null ? "Undecided" : kept ? `Kept: ${kept.type.name}` : "None kept";
          return (
            <li key={item.key}>
              <section
                className={`cur-card${item.decided === null ? "" : " cur-card-decided"}`}
                aria-label={`Relation difference ${index + 1}: ${kindLabel(item, analysts)}`}
                data-relation-difference={item.kind}
              >
                <header className="cur-card-head">
                  <span className="cur-card-number">{index + 1}</span>
                  <span className={`cur-kind ${item.kind === "type" ? "cur-kind-label" : "cur-kind-only"}`}>
                    {kindLabel(item, analysts)}
                  </span>
                  <span className={`cur-decision${item.decided === null ? "" : " cur-decision-done"}`}>{decision}</span>
                </header>
                <div className="cur-columns" style={{ ["--columns" as string]: analysts.length }}>
                  {analysts.map((a) => {
                    const mine = item.candidates.filter((c) => c.analysts.includes(a.id));
                    return (
                      <div key={a.id} className="cur-column" data-analyst={a.id}>
                        <div className="cur-column-name">{a.name}</div>
                        {mine.length ? (
                          <div className="cur-options">
                            {mine.map((c) => {
                              const state =
                                item.decided === null ? "open" : c.key === item.decided ? "picked" : "dropped";
                              const statuses = [...new Set(c.relations.map((r) => r.status))];
                              return (
                                <button
                                  key={c.key}
                                  type="button"
                                  className={`cur-option cur-option-${state}`}
                                  aria-pressed={state === "picked"}
                                  disabled={busy !== null}
                                  onClick={() => void decide(item, c, `Kept ${a.name}’s ${reading(c)}.`)}
                                >
                                  <span className="cur-option-body">
                                    <span className="cur-option-quote">{reading(c)}</span>
                                    <span className="cur-option-entity">
                                      <span className="entity-dot" style={{ background: c.type.color }} aria-hidden />
                                      Keep this one
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
                            })}
                          </div>
                        ) : (
                          <p className="cur-none-here">No relation between these passages</p>
                        )}
                      </div>
                    );
                  })}
                </div>
                <footer className="cur-card-foot">
                  <button
                    type="button"
                    className={`button button-small ${item.decided === "" ? "cur-none-picked" : "button-secondary"}`}
                    aria-pressed={item.decided === ""}
                    disabled={busy !== null}
                    onClick={() => void decide(item, null, "Rejected every version of this relation.")}
                  >
                    Keep none
                  </button>
                </footer>
              </section>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
