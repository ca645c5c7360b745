"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { searchPageHref } from "@/components/search/search-links";
import { api } from "@/lib/client/api";
import type { SavedSearchView } from "@/lib/validations/saved-search";

type SavedSearchesProps = {
  workspaceId: string;
  /** The caller's saved searches, each with its count of new matches. */
  items: SavedSearchView[];
};

function SavedSearchItem({ workspaceId, item }: { workspaceId: string; item: SavedSearchView }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(item.name);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/workspaces/${workspaceId}/saved-searches/${item.id}`;

  async function run(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : "Something went wrong.");
      return false;
    }
  }

  async function open(event: React.MouseEvent<HTMLAnchorElement>) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    // Opening restarts the count of new matches, then shows them.
    if (await run(() => api(`${url}/open`, { method: "POST" }))) {
      router.push(searchPageHref(workspaceId, item.query));
      router.refresh();
    }
  }

  async function rename(event: React.FormEvent) {
    event.preventDefault();
    if (await run(() => api(url, { method: "PATCH", json: { name } }))) {
      setRenaming(false);
      router.refresh();
    }
  }

  async function remove() {
    if (!window.confirm(`Delete the saved search “${item.name}”?`)) return;
    if (await run(() => api(url, { method: "DELETE" }))) router.refresh();
  }

  return (
    <li className="saved-search">
      {renaming ? (
        <form onSubmit={(e) => void rename(e)} className="saved-search-rename">
          <input aria-label={`New name for ${item.name}`} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button button-small">
            Save
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setRenaming(false);
              setName(item.name);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <div className="saved-search-row">
          <a href={searchPageHref(workspaceId, item.query)} onClick={(e) => void open(e)} title={item.query}>
            {item.name}
          </a>
          {item.newCount > 0 ? (
            <span
              className="saved-search-new"
              title="Matches you may see that were added, re-tagged or reviewed since you last opened it"
            >
              {item.newCount.toLocaleString("en")} new
            </span>
          ) : null}
          <span className="saved-search-actions">
            <button
              type="button"
              className="link-button"
              onClick={() => setRenaming(true)}
              aria-label={`Rename ${item.name}`}
            >
              Rename
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => void remove()}
              aria-label={`Delete ${item.name}`}
            >
              Delete
            </button>
          </span>
        </div>
      )}
      {error ? (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** The sidebar list of the member's saved searches, with the count of new matches of each. */
export function SavedSearches({ workspaceId, items }: SavedSearchesProps) {
  return (
    <section className="saved-searches" aria-label="Saved searches">
      <h3>Saved searches</h3>
      {items.length ? (
        <ul>
          {items.map((item) => (
            <SavedSearchItem key={item.id} workspaceId={workspaceId} item={item} />
          ))}
        </ul>
      ) : (
        <p className="muted">None yet. Search, then “Save this search”.</p>
      )}
    </section>
  );
}

/** Saves the query on the page under a name. */
export function SaveSearchButton({ workspaceId, q }: { workspaceId: string; q: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(q.slice(0, 100));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api(`/api/workspaces/${workspaceId}/saved-searches`, { method: "POST", json: { name, query: q } });
      setOpen(false);
      setSaved(true);
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not save it.");
    }
  }

  if (!open) {
    return (
      <div className="save-search">
        <button type="button" className="button button-secondary button-small" onClick={() => setOpen(true)}>
          Save this search
        </button>
        {saved ? (
          <span role="status" className="muted">
            {" "}
            Saved.
          </span>
        ) : null}
      </div>
    );
  }
  return (
    <form className="save-search" onSubmit={(e) => void save(e)}>
      <label htmlFor="save-search-name">Name</label>
      <input id="save-search-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoFocus />
      <button type="submit" className="button button-small">
        Save
      </button>
      <button type="button" className="button button-secondary button-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error ? (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
