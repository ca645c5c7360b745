import Link from "next/link";
import type { CurationArticle } from "@/lib/server/agreement/find-curation-articles";

type CurationArticlesProps = { workspaceId: string; articles: CurationArticle[] };

const SHOWN = 4;

/** Articles that two or more analysts annotated, with links to their agreement figures and curation. */
export function CurationArticles({ workspaceId, articles }: CurationArticlesProps) {
  if (!articles.length) return null;
  const row = (a: CurationArticle) => (
    <li key={a.id} className="cur-article">
      <Link href={`/w/${workspaceId}/articles/${a.id}`} className="cur-article-title">
        {a.title}
      </Link>
      <span className="muted small">
        {a.analysts} analysts · {a.annotations} annotations · {a.proposed} undecided
      </span>
      <span className="cur-article-links">
        <Link className="button button-secondary button-small" href={`/w/${workspaceId}/articles/${a.id}/agreement`}>
          Agreement
        </Link>
        <Link className="button button-secondary button-small" href={`/w/${workspaceId}/articles/${a.id}/curation`}>
          Curate
        </Link>
      </span>
    </li>
  );
  return (
    <section className="card cur-articles" aria-labelledby="cur-articles-title">
      <h2 id="cur-articles-title">Agreement and curation</h2>
      <p className="muted small">
        Articles annotated by two or more analysts: compare their work, then decide the differences side by side.
      </p>
      <ul>{articles.slice(0, SHOWN).map(row)}</ul>
      {articles.length > SHOWN ? (
        <details>
          <summary className="small">{articles.length - SHOWN} more</summary>
          <ul>{articles.slice(SHOWN).map(row)}</ul>
        </details>
      ) : null}
    </section>
  );
}
