"use client";

import { useState } from "react";
import type { AgreementReport } from "@/lib/agreement";
import type { Analyst } from "./agreement-matrix";
import { scoped } from "./agreement-matrix";
import { BlockPicker, blockIndices } from "./block-picker";
import { Figure } from "./figure";
import { count, formatFigure, heat, spanReason } from "./format";

type ByTypeProps = {
  report: AgreementReport;
  analysts: Analyst[];
  labels: string[];
  colors: Record<string, string>;
};

/**
 * Per entity type and overall: each analyst's spans, and the agreement figures
 * of the whole group. With more analysts than a block (block-picker.tsx), their span counts
 * one block of columns at a time.
 */
export function AgreementByType({ report, analysts, labels, colors }: ByTypeProps) {
  const two = analysts.length === 2;
  const [columnStart, setColumnStart] = useState(0);
  const shown = blockIndices(columnStart, analysts.length);
  const scopes: (string | null)[] = [null, ...labels];
  const spans = (scope: string | null, i: number) => {
    const counts = report.spanCounts[i];
    return scope === null ? counts.overall : (counts.byLabel[scope] ?? 0);
  };
  return (
    <>
      <BlockPicker label="Analysts" n={analysts.length} start={columnStart} onChange={setColumnStart} />
      <table className="table agr-by-type">
        <caption className="visually-hidden">Agreement by entity type</caption>
        <thead>
          <tr>
            <th scope="col">Entity type</th>
            {shown.map((i) => (
              <th key={analysts[i].id} scope="col" className="agr-num">
                {analysts[i].name}
              </th>
            ))}
            {two ? (
              <>
                <th scope="col" className="agr-num">
                  F1 exact
                </th>
                <th scope="col" className="agr-num">
                  F1 overlap
                </th>
                <th scope="col" className="agr-num">
                  Cohen’s κ
                </th>
              </>
            ) : (
              <th scope="col" className="agr-num">
                Fleiss’ κ
              </th>
            )}
            <th scope="col" className="agr-num">
              Krippendorff’s α
            </th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => {
            const tokens = scoped(report.tokens.overall, report.tokens.byLabel, scope)!;
            const exact = two
              ? scoped(report.spans.exact.cells[0][1]!.overall, report.spans.exact.cells[0][1]!.byLabel, scope)!
              : null;
            const overlap = two
              ? scoped(report.spans.overlap.cells[0][1]!.overall, report.spans.overlap.cells[0][1]!.byLabel, scope)!
              : null;
            const kappa = two ? tokens.cohen! : tokens.fleiss;
            return (
              <tr
                key={scope ?? ""}
                data-scope={scope ?? "overall"}
                className={scope === null ? "agr-overall" : undefined}
              >
                <th scope="row">
                  {scope === null ? (
                    "All types"
                  ) : (
                    <span className="agr-type">
                      <span
                        className="entity-dot"
                        style={{ background: colors[scope] ?? "#9aa0a6" }}
                        aria-hidden="true"
                      />
                      {scope}
                    </span>
                  )}
                </th>
                {shown.map((i) => (
                  <td key={analysts[i].id} className="agr-num">
                    {count(spans(scope, i), "span")}
                  </td>
                ))}
                {exact && overlap ? (
                  <>
                    <td className="agr-num" data-measure="f1-exact" style={{ background: heat(exact.f1) }}>
                      <Figure value={exact.f1} reason={spanReason(exact)} />
                      <span className="agr-sub">
                        P {formatFigure(exact.precision)} · R {formatFigure(exact.recall)}
                      </span>
                    </td>
                    <td className="agr-num" data-measure="f1-overlap" style={{ background: heat(overlap.f1) }}>
                      <Figure value={overlap.f1} reason={spanReason(overlap)} />
                      <span className="agr-sub">
                        P {formatFigure(overlap.precision)} · R {formatFigure(overlap.recall)}
                      </span>
                    </td>
                  </>
                ) : null}
                <td
                  className="agr-num"
                  data-measure={two ? "cohen" : "fleiss"}
                  style={{ background: heat(kappa.value) }}
                >
                  <Figure value={kappa.value} reason={kappa.reason} />
                  <span className="agr-units">{count(kappa.units, "token")}</span>
                </td>
                <td className="agr-num" data-measure="alpha" style={{ background: heat(tokens.alpha.value) }}>
                  <Figure value={tokens.alpha.value} reason={tokens.alpha.reason} />
                  <span className="agr-units">{count(tokens.alpha.units, "token")}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
