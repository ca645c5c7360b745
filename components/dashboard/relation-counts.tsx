import type { DashboardRelations, RelationCounts } from "@/lib/dashboard/types";

type RelationCountsProps = { relations: DashboardRelations };

function Cells({ c }: { c: RelationCounts }) {
  return (
    <>
      <td className="num">{c.relations}</td>
      <td className="num">{c.proposed}</td>
      <td className="num">{c.accepted}</td>
      <td className="num">{c.rejected}</td>
    </>
  );
}

function Head({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {["Relations", "To review", "Accepted", "Rejected"].map((h) => (
          <th key={h} scope="col" className="num">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The workspace's relations by review status, per relation type and per analyst (exact counts). */
export function RelationCountsSection({ relations }: RelationCountsProps) {
  return (
    <section className="dashboard-section" aria-labelledby="relations">
      <h2 id="relations">Relations</h2>
      {relations.totals.relations ? (
        <div className="dashboard-relations">
          <table className="table dashboard-table" data-testid="dashboard-relation-types">
            <caption>By relation type</caption>
            <Head first="Type" />
            <tbody>
              {relations.types.map((t) => (
                <tr key={t.id} data-relation-type={t.name}>
                  <th scope="row">
                    <span className="ann-dot" style={{ background: t.color }} aria-hidden /> {t.name}{" "}
                    <span className="muted">{t.directed ? "→" : "↔"}</span>
                  </th>
                  <Cells c={t} />
                </tr>
              ))}
            </tbody>
          </table>
          <table className="table dashboard-table" data-testid="dashboard-relation-analysts">
            <caption>By analyst</caption>
            <Head first="Analyst" />
            <tbody>
              {relations.analysts.map((a) => (
                <tr key={a.id} data-analyst={a.name}>
                  <th scope="row">{a.name}</th>
                  <Cells c={a} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="card empty">
          <p>No relations yet.</p>
        </div>
      )}
    </section>
  );
}
