"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ArticleAnnotation } from "@/lib/curation/article-spans";
import {
  carryPicks,
  countChanges,
  curationDecisions,
  curationPlan,
  decidedAnnotations,
  initialPicks,
  type CurationItem,
} from "@/lib/curation/curation-plan";
import { api, ApiError } from "@/lib/client/api";
import { AgreementsPanel } from "./agreements-panel";
import { DifferenceCard, type AnalystInfo } from "./difference-card";

type CurationViewProps = {
  workspaceId: string;
  articleId: string;
  text: string;
  analysts: AnalystInfo[];
  annotations: ArticleAnnotation[];
  /** Set when the reviewer's own annotations are among them and need someone else. */
  ownAnnotationsBlocked: boolean;
};

type Picks = Record<string, string[]>;
type Notice = {
  tone: "success" | "error";
  message: string;
  reload?: boolean;
  /** Reviewers' decisions the curation changed (overridden explicitly). */
  changed?: { id: string; text: string }[];
};
type ApplyResult = {
  accepted: number;
  rejected: number;
  unchanged: number;
  annotations: { id: string; status: ArticleAnnotation["status"]; version: number }[];
};

/**
 * Curation of two or more analysts' annotations of one article: the
 * agreements, taken in bulk, and every difference side by side, decided one
 * by one (keyboard: j/k to move, 1–9 keep that one and go on, Shift+1–9 keep
 * it too, 0 keep none, u undecided, a take all agreements). "Apply" makes the
 * picks the accepted set in one request.
 */
export function CurationView({
  workspaceId,
  articleId,
  text,
  analysts,
  annotations: initial,
  ownAnnotationsBlocked,
}: CurationViewProps) {
  const ids = useMemo(() => analysts.map((a) => a.id), [analysts]);
  const [annotations, setAnnotations] = useState(initial);
  const plan = useMemo(() => curationPlan(annotations, ids), [annotations, ids]);
  const [picks, setPicks] = useState<Picks>(() => initialPicks(plan));
  const [index, setIndex] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Items whose reviewers' decisions the curator chose to change. */
  const [overrides, setOverrides] = useState<ReadonlySet<string>>(() => new Set());
  const cards = useRef<(HTMLElement | null)[]>([]);
  const { differences, agreements } = plan;
  const current = Math.min(index, Math.max(0, differences.length - 1));

  const decisions = useMemo(() => curationDecisions(plan, picks, overrides), [plan, picks, overrides]);
  const override = useCallback((item: CurationItem, on: boolean) => {
    setOverrides((current) => {
      const next = new Set(current);
      if (on) next.add(item.key);
      else next.delete(item.key);
      return next;
    });
    setConfirming(false);
    setNotice(null);
  }, []);
  const changes = useMemo(() => countChanges(annotations, decisions), [annotations, decisions]);
  const decided = differences.filter((d) => picks[d.key] !== undefined).length;

  const edit = useCallback((change: (p: Picks) => Picks) => {
    setPicks((p) => change({ ...p }));
    setConfirming(false);
    setNotice(null);
  }, []);

  const focusCard = useCallback(
    (i: number) => {
      const next = Math.max(0, Math.min(differences.length - 1, i));
      setIndex(next);
      const card = cards.current[next];
      card?.focus({ preventScroll: true });
      card?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    },
    [differences.length],
  );

  const toggle = useCallback(
    (item: CurationItem, key: string, exclusive: boolean) =>
      edit((p) => {
        const kept = p[item.key] ?? [];
        if (exclusive) p[item.key] = [key];
        else p[item.key] = kept.includes(key) ? kept.filter((k) => k !== key) : [...kept, key];
        return p;
      }),
    [edit],
  );
  const none = useCallback((item: CurationItem) => edit((p) => ({ ...p, [item.key]: [] })), [edit]);
  const clear = useCallback(
    (item: CurationItem) =>
      edit((p) => {
        delete p[item.key];
        return p;
      }),
    [edit],
  );
  const takeAll = useCallback(
    () =>
      edit((p) => {
        for (const a of agreements) p[a.key] = [a.candidates[0].key];
        return p;
      }),
    [agreements, edit],
  );
  const fillWith = (analystId: string) =>
    edit((p) => {
      for (const d of differences) {
        if (p[d.key] !== undefined) continue;
        p[d.key] = d.candidates.filter((c) => c.analysts.includes(analystId)).map((c) => c.key);
      }
      return p;
    });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const item = differences[current];
      const digit = /^Digit([0-9])$/.exec(event.code)?.[1] ?? (/^[0-9]$/.test(event.key) ? event.key : null);
      const key = event.key.toLowerCase();
      if (key === "j" || event.key === "ArrowDown") focusCard(current + 1);
      else if (key === "k" || event.key === "ArrowUp") focusCard(current - 1);
      else if (key === "a" && !event.shiftKey) takeAll();
      else if (key === "u" && item) clear(item);
      else if ((digit === "0" || key === "x") && item) {
        none(item);
        focusCard(current + 1);
      } else if (digit && item) {
        const candidate = item.candidates[Number(digit) - 1];
        if (!candidate) return;
        toggle(item, candidate.key, !event.shiftKey);
        if (!event.shiftKey) focusCard(current + 1);
      } else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [clear, current, differences, focusCard, none, takeAll, toggle]);

  const reload = async () => {
    setBusy(true);
    try {
      const qs = new URLSearchParams(ids.map((id) => ["analyst", id]));
      const data = await api<{ annotations: ArticleAnnotation[] }>(
        `/api/workspaces/${workspaceId}/articles/${articleId}/curation?${qs}`,
      );
      const fresh = data.annotations.filter((a) => ids.includes(a.authorId));
      setAnnotations(fresh);
      setPicks((p) => carryPicks(curationPlan(fresh, ids), p));
      setNotice({ tone: "success", message: "Reloaded. Differences that changed are undecided again." });
    } catch (err) {
      setNotice({ tone: "error", message: err instanceof ApiError ? err.message : "Could not reload." });
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    setBusy(true);
    setConfirming(false);
    try {
      const result = await api<ApplyResult>(`/api/workspaces/${workspaceId}/articles/${articleId}/curation`, {
        method: "POST",
        json: { items: decisions },
      });
      const now = new Map(result.annotations.map((a) => [a.id, a]));
      const name = (id: string) => analysts.find((a) => a.id === id)?.name ?? "Someone";
      const changed = annotations.flatMap((a) => {
        const after = now.get(a.id);
        if (a.status === "PROPOSED" || !after || after.status === a.status) return [];
        const word = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
        return [{ id: a.id, text: `“${a.exact}” by ${name(a.authorId)}: ${word(a.status)} → ${word(after.status)}` }];
      });
      setAnnotations((list) => list.map((a) => (now.has(a.id) ? { ...a, ...now.get(a.id)! } : a)));
      setOverrides(new Set());
      setNotice({
        tone: "success",
        message: `Applied: ${result.accepted} accepted, ${result.rejected} rejected${
          result.unchanged ? `, ${result.unchanged} already so` : ""
        }. The accepted annotations are now the gold set for these spans.${
          changed.length
            ? ` ${changed.length} ${changed.length === 1 ? "reviewer decision was" : "reviewer decisions were"} changed:`
            : " No reviewer decision was changed."
        }`,
        changed,
      });
    } catch (err) {
      const conflict = err instanceof ApiError && err.status === 409;
      setNotice({
        tone: "error",
        message: conflict
          ? "Someone changed some of these annotations since you opened the curation. Nothing was applied: reload them and check your picks."
          : err instanceof ApiError
            ? err.message
            : "Could not apply the curation.",
        reload: conflict,
      });
    } finally {
      setBusy(false);
    }
  };

  const nothing = changes.accept + changes.reject === 0;
  return (
    <div className="cur">
      <div className="cur-bar" role="region" aria-label="Curation progress">
        <div className="cur-progress">
          <strong>
            {decided} of {differences.length}
          </strong>{" "}
          {differences.length === 1 ? "difference" : "differences"} decided
          <span className="cur-meter" aria-hidden="true">
            <span style={{ width: `${differences.length ? (decided / differences.length) * 100 : 100}%` }} />
          </span>
        </div>
        {differences.length > decided && analysts.length ? (
          <div className="cur-fill">
            <span className="muted small">Undecided:</span>
            {analysts.map((a) => (
              <button key={a.id} type="button" className="link-button small" onClick={() => fillWith(a.id)}>
                keep {a.name}’s
              </button>
            ))}
          </div>
        ) : null}
        <div className="cur-apply">
          {confirming ? (
            <>
              <span>
                Accept {changes.accept}, reject {changes.reject}?
              </span>
              <button type="button" className="button" onClick={() => void apply()} disabled={busy}>
                Confirm
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button"
              disabled={busy || nothing}
              onClick={() => setConfirming(true)}
              title={nothing ? "Your picks are already the accepted set" : undefined}
            >
              {nothing ? "Nothing to apply" : `Apply: accept ${changes.accept}, reject ${changes.reject}`}
            </button>
          )}
        </div>
      </div>

      {notice ? (
        <div className={`alert alert-${notice.tone} cur-notice`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.message}
          {notice.changed?.length ? (
            <ul className="cur-changed" aria-label="Reviewer decisions changed">
              {notice.changed.map((c) => (
                <li key={c.id}>{c.text}</li>
              ))}
            </ul>
          ) : null}
          {notice.reload ? (
            <button type="button" className="button button-secondary button-small" onClick={() => void reload()}>
              Reload annotations
            </button>
          ) : null}
        </div>
      ) : null}
      {ownAnnotationsBlocked ? (
        <p className="alert alert-info small">
          Some of these annotations are yours: in this workspace another reviewer or an owner decides on them. Leave
          their differences undecided.
        </p>
      ) : null}

      {agreements.length ? (
        <AgreementsPanel
          agreements={agreements}
          picks={picks}
          onTakeAll={takeAll}
          onToggle={(a) => (picks[a.key]?.length ? clear(a) : toggle(a, a.candidates[0].key, true))}
          analysts={analysts}
          overrides={overrides}
          onOverride={override}
        />
      ) : null}

      {differences.length ? (
        <>
          <p className="muted small cur-keys">
            <kbd>J</kbd>/<kbd>K</kbd> next and previous · <kbd>1</kbd>–<kbd>9</kbd> keep that one and go on ·{" "}
            <kbd>Shift</kbd>+<kbd>1</kbd>–<kbd>9</kbd> keep it too · <kbd>0</kbd> keep none · <kbd>U</kbd> undecided ·{" "}
            <kbd>A</kbd> take all agreements
          </p>
          <ol className="cur-list" aria-label="Differences">
            {differences.map((item, i) => (
              <li key={item.key}>
                <DifferenceCard
                  ref={(el) => {
                    cards.current[i] = el;
                  }}
                  item={item}
                  index={i}
                  total={differences.length}
                  text={text}
                  analysts={analysts}
                  picked={picks[item.key]}
                  current={i === current}
                  onFocus={() => setIndex(i)}
                  onToggle={(key, also) => toggle(item, key, !also)}
                  onNone={() => none(item)}
                  onClear={() => clear(item)}
                  decided={decidedAnnotations(item)}
                  overridden={overrides.has(item.key)}
                  onOverride={(on) => override(item, on)}
                />
              </li>
            ))}
          </ol>
        </>
      ) : (
        <div className="card empty">
          <h2>No differences</h2>
          <p>
            {agreements.length
              ? "These analysts annotated this text alike. Take the agreements and apply to accept them."
              : "None of these analysts annotated this text."}
          </p>
        </div>
      )}
    </div>
  );
}
