import type { AgreementReport } from "@/lib/agreement";
import { Figure } from "./figure";
import { count, formatFigure, heat, spanReason } from "./format";

export type Analyst = { id: string; name: string };

type MatrixProps = {
  caption: string;
  analysts: Analyst[];
  /** The figure of row i (the reference) against column j, or null on the diagonal. */
  cell: (i: number, j: number) => React.ReactNode;
};

/** A square table of pairwise figures: rows are the reference, columns the analyst compared with it. */
function Matrix({ caption, analysts, cell }: MatrixProps) {
  return (
    <div className="agr-matrix-wrap">
      <table className="agr-matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {analysts.map((a) => (
              <th key={a.id} scope="col">
                {a.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {analysts.map((row, i) => (
            <tr key={row.id}>
              <th scope="row">{row.name}</th>
              {analysts.map((col, j) =>
                i === j ? (
                  <td key={col.id} className="agr-diagonal" aria-label="Same analyst">
                    ·
                  </td>
                ) : (
                  cell(i, j)
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The overall figure, or the one of entity type `scope`. */
export function scoped<T>(overall: T, byLabel: readonly (T & { label: string })[], scope: string | null): T | null {
  return scope === null ? overall : (byLabel.find((l) => l.label === scope) ?? null);
}

type PairMatricesProps = { report: AgreementReport; analysts: Analyst[]; scope: string | null; scopeName: string };

/** Span F1 (exact and overlap) and token Cohen's kappa between every pair, for one entity type or overall. */
export function PairMatrices({ report, analysts, scope, scopeName }: PairMatricesProps) {
  const spanCell = (mode: "exact" | "overlap", i: number, j: number) => {
    const agreement = report.spans[mode].cells[i][j]!;
    const p = scoped(agreement.overall, agreement.byLabel, scope)!;
    const units = p.matched + p.onlyA + p.onlyB;
    return (
      <td key={analysts[j].id} data-a={analysts[i].id} data-b={analysts[j].id} style={{ background: heat(p.f1) }}>
        <Figure value={p.f1} reason={spanReason(p)} />
        <span className="agr-sub">
          <span className="agr-nowrap">P {formatFigure(p.precision)}</span> ·{" "}
          <span className="agr-nowrap">R {formatFigure(p.recall)}</span>
        </span>
        <span className="agr-units">
          {count(units, "span")} · {p.matched} matched
        </span>
      </td>
    );
  };
  const kappaCell = (i: number, j: number) => {
    const pair = report.tokenPairs.cells[i][j]!;
    const k = scoped(pair.overall, pair.byLabel, scope)!;
    return (
      <td key={analysts[j].id} data-a={analysts[i].id} data-b={analysts[j].id} style={{ background: heat(k.value) }}>
        <Figure value={k.value} reason={k.reason} />
        <span className="agr-sub">observed {formatFigure(k.observedAgreement)}</span>
        <span className="agr-units">{count(k.units, "token")}</span>
      </td>
    );
  };
  return (
    <div className="agr-matrices" style={{ ["--matrix-min" as string]: `${5.5 + 7.5 * analysts.length}rem` }}>
      <Matrix
        caption={`Span F1, exact match · ${scopeName}`}
        analysts={analysts}
        cell={(i, j) => spanCell("exact", i, j)}
      />
      <Matrix
        caption={`Span F1, overlap match · ${scopeName}`}
        analysts={analysts}
        cell={(i, j) => spanCell("overlap", i, j)}
      />
      <Matrix caption={`Token Cohen’s κ · ${scopeName}`} analysts={analysts} cell={kappaCell} />
    </div>
  );
}
