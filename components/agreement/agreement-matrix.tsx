"use client";

import { useState } from "react";
import { pairSpanFigures, type PairFigures } from "@/lib/agreement";
import { BLOCK, BlockPicker, blockIndices } from "./block-picker";
import { Figure } from "./figure";
import { count, formatFigure, heat, spanReason } from "./format";

export type Analyst = { id: string; name: string };

type MatrixProps = {
  caption: string;
  analysts: Analyst[];
  /** The analysts (indices) of the rows and columns shown. */
  rows: number[];
  columns: number[];
  /** The figure of row i (the reference) against column j, or null on the diagonal. */
  cell: (i: number, j: number) => React.ReactNode;
};

/** A square table of pairwise figures: rows are the reference, columns the analyst compared with it. */
function Matrix({ caption, analysts, rows, columns, cell }: MatrixProps) {
  return (
    <div className="agr-matrix-wrap">
      <table className="agr-matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {columns.map((j) => (
              <th key={analysts[j].id} scope="col">
                {analysts[j].name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={analysts[i].id}>
              <th scope="row">{analysts[i].name}</th>
              {columns.map((j) =>
                i === j ? (
                  <td key={analysts[j].id} className="agr-diagonal" aria-label="Same analyst">
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

type PairMatricesProps = { figures: PairFigures; analysts: Analyst[]; scopeName: string };

/**
 * Span F1 (exact and overlap) and token Cohen's kappa between every pair, for
 * one entity type or overall. With more than {@link BLOCK} analysts, one block
 * of rows × one block of columns at a time (the same block in all three).
 */
export function PairMatrices({ figures, analysts, scopeName }: PairMatricesProps) {
  const [rowStart, setRowStart] = useState(0);
  const [columnStart, setColumnStart] = useState(0);
  const n = figures.n;
  const rows = blockIndices(rowStart, n);
  const columns = blockIndices(columnStart, n);
  const spanCell = (mode: "exact" | "overlap", i: number, j: number) => {
    const p = pairSpanFigures(figures[mode], n, i, j);
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
    const k = i * n + j;
    const value = figures.kappa.value[k];
    return (
      <td key={analysts[j].id} data-a={analysts[i].id} data-b={analysts[j].id} style={{ background: heat(value) }}>
        <Figure value={value} reason={figures.kappa.reason[k]} />
        <span className="agr-sub">observed {formatFigure(figures.kappa.observedAgreement[k])}</span>
        <span className="agr-units">{count(figures.kappa.units[k], "token")}</span>
      </td>
    );
  };
  return (
    <>
      {n > BLOCK ? (
        <div className="agr-block-pickers">
          <p className="muted small agr-lead">
            {n} analysts: the matrices show {BLOCK} rows × {BLOCK} columns at a time; pick the block of references and
            of compared analysts. The CSV holds every pair.
          </p>
          <BlockPicker label="Rows" n={n} start={rowStart} onChange={setRowStart} />
          <BlockPicker label="Columns" n={n} start={columnStart} onChange={setColumnStart} />
        </div>
      ) : null}
      <div className="agr-matrices" style={{ ["--matrix-min" as string]: `${5.5 + 7.5 * columns.length}rem` }}>
        <Matrix
          caption={`Span F1, exact match · ${scopeName}`}
          analysts={analysts}
          rows={rows}
          columns={columns}
          cell={(i, j) => spanCell("exact", i, j)}
        />
        <Matrix
          caption={`Span F1, overlap match · ${scopeName}`}
          analysts={analysts}
          rows={rows}
          columns={columns}
          cell={(i, j) => spanCell("overlap", i, j)}
        />
        <Matrix
          caption={`Token Cohen’s κ · ${scopeName}`}
          analysts={analysts}
          rows={rows}
          columns={columns}
          cell={kappaCell}
        />
      </div>
    </>
  );
}
