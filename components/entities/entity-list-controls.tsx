"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type EntityListControlsProps = {
  q: string;
  typeId: string;
  types: { id: string; name: string; archived: boolean }[];
};

/**
 * Name/alias search and type filter for the entity list, kept in the URL so a
 * view can be shared. A plain GET form underneath, so it works before hydration.
 */
export function EntityListControls({ q, typeId, types }: EntityListControlsProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(q);

  function go(next: { q?: string; type?: string }) {
    const params = new URLSearchParams();
    const nq = (next.q ?? text).trim();
    const nt = next.type ?? typeId;
    if (nq) params.set("q", nq);
    if (nt) params.set("type", nt);
    const query = params.toString();
    router.push(query ? `${pathname}?${query}` : pathname);
  }

  return (
    <form
      role="search"
      aria-label="Entities"
      className="row"
      action={pathname}
      method="get"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        go({ q: text });
      }}
    >
      <label className="visually-hidden" htmlFor="entity-search">
        Search names and aliases
      </label>
      <input
        id="entity-search"
        name="q"
        type="search"
        placeholder="Search names and aliases…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ maxWidth: "22rem" }}
      />
      <button className="button button-secondary" type="submit">
        Search
      </button>
      <label className="row" style={{ gap: "0.4rem", marginLeft: "auto" }}>
        <span className="small muted">Type</span>
        <select name="type" value={typeId} onChange={(e) => go({ type: e.target.value })} style={{ width: "auto" }}>
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.archived ? `${t.name} (archived)` : t.name}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
