import type { RelationAgreement } from "@/lib/server/agreement/find-relation-agreement";

type RelationAgreementTableProps = {
  relations: RelationAgreement;
  analysts: { id: string; name: string }[];
};

const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10}%`);

/**
 * Relation precision/recall/F1 per pair of analysts: same type, ends
 * matching exactly or by overlap (symmetric types either way round).
 */
export function RelationAgreementTable({ relations, analysts }: RelationAgreementTableProps) {
  const name = new Map(analysts.map((a) => [a.id, a.name]));
  // A pair where neither analyst made a relation has nothing to compare (0 / 0, every figure undefined):
  // with 80 analysts and few relations, those were thousands of rows of dashes.
  const made = (id: string) => (relations.counts[id] ?? 0) > 0;
  const pairs = relations.pairs.filter((p) => made(p.a) || made(p.b));
  const empty = relations.pairs.length - pairs.length;
  return (
    <section className="card stack" aria-labelledby="relation-agreement-title">
      <h2 id="relation-agreement-title">Relations</h2>
      {pairs.length ? (
        <table className="table" data-testid="relation-agreement">
          <thead>
            <tr>
              <th scope="col">Pair (B against A)</th>
              <th scope="col">Relations A / B</th>
              <th scope="col">Precision</th>
              <th scope="col">Recall</th>
              <th scope="col">F1 (exact)</th>
              <th scope="col">F1 (overlap)</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={`${p.a}~${p.b}`}>
                <th scope="row">
                  {name.get(p.a)} · {name.get(p.b)}
                </th>
                <td>
                  {relations.counts[p.a] ?? 0} / {relations.counts[p.b] ?? 0}
                </td>
                <td>{percent(p.exact.precision)}</td>
                <td>{percent(p.exact.recall)}</td>
                <td>{percent(p.exact.f1)}</td>
                <td>{percent(p.overlap.f1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {empty ? (
        <p className="muted small">
          {empty === relations.pairs.length
            ? "None of these analysts made a relation on this text."
            : `Not listed: ${empty.toLocaleString("en-GB")} ${empty === 1 ? "pair" : "pairs"} of analysts of whom neither made a relation.`}
        </p>
      ) : null}
    </section>
  );
}
