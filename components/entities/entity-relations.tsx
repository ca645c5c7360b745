import Link from "next/link";
import type { EntityRelationGroup } from "@/lib/server/relations/find-entity-relations";

type EntityRelationsProps = {
  workspaceId: string;
  groups: EntityRelationGroup[];
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What the text says about an entity: its relations with other entities,
 * grouped ("leads → National Resistance Front · 3 mentions in 2 articles"),
 * each with the passages as evidence.
 */
export function EntityRelations({ workspaceId, groups }: EntityRelationsProps) {
  if (!groups.length) return null;
  return (
    <section className="card stack" aria-labelledby="entity-relations-title">
      <h2 id="entity-relations-title">Relations</h2>
      <ul className="entity-relations" data-testid="entity-relations">
        {groups.map((g) => (
          <li key={`${g.typeId}:${g.direction}:${g.other.id}`}>
            <details>
              <summary>
                <span className="relation-edge" style={{ borderColor: g.color }}>
                  {g.direction === "in" ? `← ${g.label}` : g.direction === "both" ? `${g.label} ↔` : `${g.label} →`}
                </span>{" "}
                <Link href={`/w/${workspaceId}/entities/${g.other.id}`}>{g.other.name}</Link>
                <span className="muted">
                  {" "}
                  · {plural(g.mentions, "mention", "mentions")} in {plural(g.articles, "article", "articles")}
                </span>
              </summary>
              <ul className="small">
                {g.evidence.map((e) => (
                  <li key={e.relationId}>
                    “{e.sourceExact}” → “{e.targetExact}” in{" "}
                    <Link href={`/w/${workspaceId}/articles/${e.articleId}`}>{e.articleTitle}</Link>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
