"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type ArticleListControlsProps = { q: string; sort: string };

const sorts = [
  { value: "newest", label: "Newest imported" },
  { value: "oldest", label: "Oldest imported" },
  { value: "title", label: "Title A–Z" },
  { value: "published", label: "Publication date" },
];

/** Title search and sort for the article list, kept in the URL so views can be shared. */
export function ArticleListControls({ q, sort }: ArticleListControlsProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(q);

  function go(next: { q?: string; sort?: string }) {
    const params = new URLSearchParams();
    const nq = next.q ?? text;
    if (nq) params.set("q", nq);
    params.set("sort", next.sort ?? sort);
    router.push(`${pathname}?${params}`);
  }

  return (
    <form
      role="search"
      className="row"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        go({ q: text });
      }}
    >
      <label className="visually-hidden" htmlFor="article-search">
        Search titles
      </label>
      <input
        id="article-search"
        type="search"
        placeholder="Search titles…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ maxWidth: "22rem" }}
      />
      <button className="button button-secondary" type="submit">
        Search
      </button>
      <label className="row" style={{ gap: "0.4rem", marginLeft: "auto" }}>
        <span className="small muted">Sort by</span>
        <select value={sort} onChange={(e) => go({ sort: e.target.value })} style={{ width: "auto" }}>
          {sorts.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
