"use client";

import { useEffect, useMemo, useState } from "react";
import { pairFigures, type AgreementReport, type PairFigures } from "@/lib/agreement";
import { AgreementByType } from "./agreement-by-type";
import { PairMatrices, type Analyst } from "./agreement-matrix";
import { Figure } from "./figure";
import { count } from "./format";

type AgreementViewProps = {
  /**
   * The figures. With two analysts, all of them (one pair, every type); with
   * more, without the pairs' cells, which come as `pairs`.
   */
  report: AgreementReport;
  /** The pairs' overall figures (every type), in columns: the matrices' first screen. */
  pairs: PairFigures;
  /** The agreement API's URL for these analysts and units; the pairs' figures of one type are fetched from it. */
  pairsUrl: string | null;
  /** In the report's order. */
  analysts: Analyst[];
  /** Entity type name → colour. */
  colors: Record<string, string>;
  units: "all" | "annotated";
};

type Tile = { label: string; value: number | null; reason?: string | null; note: string; measure: string };

/**
 * The agreement figures of one article: headline figures, a table per entity
 * type, and the pairwise matrices for one entity type or all of them.
 */
export function AgreementView({ report, pairs, pairsUrl, analysts, colors, units }: AgreementViewProps) {
  const labels = report.tokens.byLabel.map((l) => l.label);
  const [scope, setScope] = useState<string | null>(null);
  const ofType = usePairsOfType(pairsUrl, scope);
  const figures = useMemo(() => {
    if (scope === null) return pairs;
    // Two analysts: the report has every type's pair figures; more: fetched per type.
    const source = pairsUrl ? ofType.report : report;
    return source ? pairFigures(source, scope) : null;
  }, [scope, pairs, pairsUrl, ofType.report, report]);
  const two = analysts.length === 2;
  const t = report.tokens.overall;
  const tokenNote =
    units === "all" ? count(report.tokens.units, "token") : `${count(report.tokens.units, "annotated token")}`;
  const tiles: Tile[] = two
    ? [
        {
          label: "Span F1, exact",
          measure: "f1-exact",
          value: report.spans.exact.cells[0][1]!.overall.f1,
          note: count(spanUnits(report, "exact"), "span"),
        },
        {
          label: "Span F1, overlap",
          measure: "f1-overlap",
          value: report.spans.overlap.cells[0][1]!.overall.f1,
          note: count(spanUnits(report, "overlap"), "span"),
        },
        { label: "Cohen’s κ", measure: "cohen", value: t.cohen!.value, reason: t.cohen!.reason, note: tokenNote },
        { label: "Krippendorff’s α", measure: "alpha", value: t.alpha.value, reason: t.alpha.reason, note: tokenNote },
      ]
    : [
        { label: "Fleiss’ κ", measure: "fleiss", value: t.fleiss.value, reason: t.fleiss.reason, note: tokenNote },
        { label: "Krippendorff’s α", measure: "alpha", value: t.alpha.value, reason: t.alpha.reason, note: tokenNote },
      ];
  return (
    <div className="agr">
      <section aria-label="Overall agreement" className="agr-tiles">
        {tiles.map((tile) => (
          <div key={tile.label} className="agr-tile" data-measure={tile.measure}>
            <span className="agr-tile-label">{tile.label}</span>
            <Figure value={tile.value} reason={tile.reason} className="agr-tile-value" />
            <span className="agr-units">{tile.note}</span>
          </div>
        ))}
      </section>

      <section aria-labelledby="agr-by-type">
        <h2 id="agr-by-type">By entity type</h2>
        <p className="muted small agr-lead">
          {two
            ? "Span F1 treats the first analyst as the reference: precision is the share of the second analyst’s spans the first also made, recall the reverse; F1 is the same either way."
            : "Fleiss’ κ and Krippendorff’s α compare every analyst’s label of each token at once."}{" "}
          Per type, the figures compare that type against everything else.
        </p>
        <AgreementByType report={report} analysts={analysts} labels={labels} colors={colors} />
      </section>

      <section aria-labelledby="agr-pairs">
        <div className="agr-pairs-head">
          <h2 id="agr-pairs">Between pairs</h2>
          <div className="agr-scopes" role="group" aria-label="Entity type">
            {[null, ...labels].map((l) => (
              <button key={l ?? ""} type="button" aria-pressed={scope === l} onClick={() => setScope(l)}>
                {l === null ? null : (
                  <span className="entity-dot" style={{ background: colors[l] ?? "#9aa0a6" }} aria-hidden="true" />
                )}
                {l ?? "All types"}
              </button>
            ))}
          </div>
        </div>
        <p className="muted small agr-lead">
          Each row is the reference, each column the analyst compared with it; precision and recall swap across the
          diagonal. Under every figure: the units it counts (spans: matched pairs plus those only one analyst made).
        </p>
        {figures ? (
          <PairMatrices figures={figures} analysts={analysts} scopeName={scope ?? "all types"} />
        ) : (
          <p className="muted" role="status">
            {ofType.error ?? `Comparing every pair on ${scope}…`}
          </p>
        )}
      </section>
    </div>
  );
}

/** Spans behind an overall F1 of the first pair: matched pairs plus the unmatched of either side. */
function spanUnits(report: AgreementReport, mode: "exact" | "overlap"): number {
  const p = report.spans[mode].cells[0][1]!.overall;
  return p.matched + p.onlyA + p.onlyB;
}

/**
 * The pairs' figures of entity type `scope`, fetched when it is picked: the
 * page computes only the pairs' overall figures, since every pair × every type
 * is most of the work with many analysts and types.
 */
function usePairsOfType(pairsUrl: string | null, scope: string | null) {
  const [state, setState] = useState<{ scope: string; report: AgreementReport | null; error: string | null } | null>(
    null,
  );
  useEffect(() => {
    if (!pairsUrl || scope === null) return;
    const abort = new AbortController();
    fetch(`${pairsUrl}&pairType=${encodeURIComponent(scope)}`, { signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error();
        const body = (await res.json()) as { data: { report: AgreementReport | null } };
        setState({ scope, report: body.data.report, error: null });
      })
      .catch(() => {
        if (!abort.signal.aborted)
          setState({ scope, report: null, error: "The figures could not be loaded. Try again." });
      });
    return () => abort.abort();
  }, [pairsUrl, scope]);
  const current = state?.scope === scope ? state : null;
  return { report: current?.report ?? null, error: current?.error ?? null };
}
