"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";
import type { EntityItem } from "@/components/annotations/types";
import { useEntitySearch } from "@/components/annotations/use-entity-search";
import { api, ApiError } from "@/lib/client/api";
import { EntityTypeChip } from "./entity-type-chip";

type MergeEntityControlProps = { workspaceId: string; entity: { id: string; name: string } };

/**
 * Merges this entity into another one the user finds by name or alias: asks
 * for confirmation, then opens the surviving entity. For owners and reviewers.
 */
export function MergeEntityControl({ workspaceId, entity }: MergeEntityControlProps) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [target, setTarget] = useState<EntityItem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mergeButton = useRef<HTMLButtonElement>(null);
  const { results, loading, error: searchError } = useEntitySearch(workspaceId, query);
  const candidates = results.filter((e) => e.id !== entity.id);
  const q = query.trim();

  function cancel() {
    flushSync(() => setConfirming(false));
    mergeButton.current?.focus();
  }

  async function merge() {
    if (!target) return;
    setPending(true);
    setError(null);
    try {
      await api(`/api/workspaces/${workspaceId}/entities/${entity.id}/merge`, {
        method: "POST",
        json: { intoId: target.id },
      });
      router.push(`/w/${workspaceId}/entities/${target.id}?merged=${encodeURIComponent(entity.id)}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not merge the entities.");
      setPending(false);
    }
  }

  const status = loading
    ? "Searching…"
    : candidates.length
      ? `${candidates.length} ${candidates.length === 1 ? "entity" : "entities"} found.`
      : q
        ? `No other entity matches “${q}”.`
        : "There is no other entity to merge into.";

  return (
    <section className="card stack" aria-labelledby="merge-heading">
      <div>
        <h2 id="merge-heading">Merge into…</h2>
        <p className="muted small">
          If “{entity.name}” duplicates another entity, merge it into that one: its mentions move there and its names
          become aliases.
        </p>
      </div>
      <div className="field">
        <label htmlFor="merge-search">Find the entity to keep</label>
        <input
          id="merge-search"
          type="search"
          value={query}
          placeholder="Name or alias…"
          aria-describedby="merge-search-status"
          onChange={(e) => {
            setQuery(e.target.value);
            setTarget(null);
            setConfirming(false);
          }}
        />
        <span id="merge-search-status" role="status" className="hint">
          {searchError ?? status}
        </span>
      </div>
      {candidates.length ? (
        <fieldset className="entity-merge-options" disabled={pending}>
          <legend className="visually-hidden">Entity to keep</legend>
          {candidates.map((candidate) => (
            <label key={candidate.id} className="entity-merge-option">
              <input
                type="radio"
                name="merge-into"
                value={candidate.id}
                checked={target?.id === candidate.id}
                onChange={() => {
                  setTarget(candidate);
                  setConfirming(false);
                }}
              />
              <span className="entity-merge-option-name">{candidate.name}</span>
              <EntityTypeChip type={candidate.type} />
              {candidate.aliases.length ? (
                <span className="muted small entity-merge-option-aliases">{candidate.aliases.join(", ")}</span>
              ) : null}
            </label>
          ))}
        </fieldset>
      ) : null}
      {confirming && target ? (
        <div
          className="alert alert-info stack"
          role="group"
          aria-labelledby="merge-question"
          onKeyDown={(e: KeyboardEvent) => {
            if (e.key === "Escape" && !pending) cancel();
          }}
        >
          <p id="merge-question" style={{ margin: 0 }}>
            Merge “{entity.name}” into “{target.name}”? Mentions move to {target.name}, aliases are united.
          </p>
          <div className="row">
            <button type="button" className="button button-danger" onClick={merge} disabled={pending} autoFocus>
              {pending ? "Merging…" : "Merge"}
            </button>
            <button type="button" className="button button-secondary" onClick={cancel} disabled={pending}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button
            ref={mergeButton}
            type="button"
            className="button button-secondary"
            disabled={!target}
            onClick={() => setConfirming(true)}
          >
            {target ? `Merge into “${target.name}”…` : "Merge…"}
          </button>
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
