import Link from "next/link";
import type { EntityMention } from "@/lib/server/entities/get-entity";
import { contextTruncation } from "./entity-format";

type EntityMentionsProps = {
  workspaceId: string;
  articles: { id: string; title: string; mentions: EntityMention[] }[];
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Every mention of an entity, grouped by article, each quoted in its context. All text, never HTML. */
export function EntityMentions({ workspaceId, articles }: EntityMentionsProps) {
  const total = articles.reduce((sum, a) => sum + a.mentions.length, 0);
  return (
    <section className="stack" aria-labelledby="mentions-heading">
      <div>
        <h2 id="mentions-heading">Mentions</h2>
        <p className="muted small">
          {total
            ? `${plural(total, "mention", "mentions")} in ${plural(articles.length, "article", "articles")}.`
            : "No article mentions this entity yet."}
        </p>
      </div>
      {articles.map((article) => (
        <section key={article.id} className="card entity-mention-group" aria-labelledby={`mentions-${article.id}`}>
          <h3 id={`mentions-${article.id}`} className="entity-mention-article">
            <Link href={`/w/${workspaceId}/articles/${article.id}`}>{article.title}</Link>{" "}
            <span className="muted small">({plural(article.mentions.length, "mention", "mentions")})</span>
          </h3>
          <ol className="entity-mention-list">
            {article.mentions.map((mention) => {
              const cut = contextTruncation(mention);
              return (
                <li key={mention.id} className="entity-mention" data-testid="entity-mention">
                  <blockquote className="entity-mention-context">
                    {cut.before ? "…" : ""}
                    {mention.prefix}
                    <mark className="entity-mention-exact">{mention.exact}</mark>
                    {mention.suffix}
                    {cut.after ? "…" : ""}
                  </blockquote>
                  <p className="muted small entity-mention-author">Tagged by {mention.authorName}</p>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </section>
  );
}
