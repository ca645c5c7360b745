"use client";

import { Command } from "cmdk";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { api } from "@/lib/client/api";
import { matchedAlias } from "./entity-match";
import { errorMessage } from "./error-message";
import type { EntityItem, EntityTypeItem } from "./types";
import { useEntitySearch } from "./use-entity-search";

type EntityComboboxProps = {
  workspaceId: string;
  entityTypes: EntityTypeItem[];
  /** The selected text, searched first. */
  initialQuery: string;
  onPick(entity: EntityItem): void;
  onClose(): void;
};

const firstValue = (results: EntityItem[], typeId: string | undefined, q: string) =>
  results[0] ? `entity:${results[0].id}` : q && typeId ? `create:${typeId}` : "";

/**
 * Tags a selection with an entity: searches the workspace's catalog as you
 * type (the server ranks the matches), or creates the entity under one of the
 * types. Enter picks the highlighted item (once the current query's results
 * are in), Escape closes.
 */
export function EntityCombobox({ workspaceId, entityTypes, initialQuery, onPick, onClose }: EntityComboboxProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initialQuery);
  const q = query.trim();
  const { results, loading, error: searchError } = useEntitySearch(workspaceId, query);
  const [creating, setCreating] = useState<string | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);

  // Highlight the best match whenever new results arrive.
  const [value, setValue] = useState(() => firstValue([], entityTypes[0]?.id, initialQuery.trim()));
  const [shownResults, setShownResults] = useState(results);
  if (shownResults !== results) {
    setShownResults(results);
    setValue(firstValue(results, entityTypes[0]?.id, q));
  }

  // The prefilled selection is selected, so typing replaces it.
  useEffect(() => inputRef.current?.select(), []);

  async function create(type: EntityTypeItem) {
    setCreating(type.id);
    setCreateError(null);
    try {
      const entity = await api<EntityItem>(`/api/workspaces/${workspaceId}/entities`, {
        method: "POST",
        json: { name: q, typeId: type.id },
      });
      onPick(entity);
    } catch (err) {
      setCreateError(errorMessage(err, `Could not create “${q}”.`));
    } finally {
      setCreating(null);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
    }
    // The list still shows the previous query's results: Enter waits for this query's.
    if (event.key === "Escape" || (event.key === "Enter" && loading)) event.preventDefault();
  }

  const error = createError ?? searchError;
  const status = loading
    ? "Searching…"
    : results.length > 0
      ? `${results.length} ${results.length === 1 ? "entity" : "entities"} found.`
      : q
        ? `No entity matches “${q}”.`
        : "No entities yet. Type a name to create one.";

  return (
    <div className="card ann-combobox" data-testid="entity-combobox">
      <Command
        label="Tag entity"
        shouldFilter={false}
        value={value}
        onValueChange={setValue}
        loop
        onKeyDown={onKeyDown}
      >
        <Command.Input
          ref={inputRef}
          value={query}
          onValueChange={(next) => {
            setQuery(next);
            setCreateError(null);
          }}
          placeholder="Search or create an entity"
          autoFocus
          className="ann-combobox-input"
        />
        <p role="status" className={`ann-combobox-status${results.length > 0 && !loading ? " visually-hidden" : ""}`}>
          {status}
        </p>
        {error ? (
          <p role="alert" className="field-error ann-combobox-error">
            {error}
          </p>
        ) : null}
        <Command.List className="ann-combobox-list" label="Entities">
          {results.length > 0 ? (
            <Command.Group heading="Entities">
              {results.map((entity) => {
                const alias = matchedAlias(entity, q);
                return (
                  <Command.Item
                    key={entity.id}
                    value={`entity:${entity.id}`}
                    disabled={creating !== null}
                    onSelect={() => onPick(entity)}
                    className="ann-option"
                  >
                    <span className="ann-option-main">
                      <span className="ann-option-name">{entity.name}</span>
                      {alias ? <span className="ann-option-alias">matches alias “{alias}”</span> : null}
                    </span>
                    <span className="ann-option-type">
                      <span className="ann-dot" style={{ background: entity.type.color }} aria-hidden="true" />
                      {entity.type.name}
                    </span>
                  </Command.Item>
                );
              })}
            </Command.Group>
          ) : null}
          {q && entityTypes.length > 0 ? (
            <Command.Group heading="Create new">
              {entityTypes.map((type) => (
                <Command.Item
                  key={type.id}
                  value={`create:${type.id}`}
                  disabled={creating !== null}
                  onSelect={() => create(type)}
                  className="ann-option"
                >
                  <span className="ann-option-main ann-option-create">
                    Create “<span className="ann-option-query">{q}</span>” as{" "}
                    <strong className="ann-option-type-name">
                      <span className="ann-dot" style={{ background: type.color }} aria-hidden="true" />
                      {type.name}
                    </strong>
                  </span>
                  {creating === type.id ? (
                    <span className="ann-option-type">Creating…</span>
                  ) : type.shortcut ? (
                    <kbd className="ann-kbd" aria-hidden="true">
                      {type.shortcut}
                    </kbd>
                  ) : null}
                </Command.Item>
              ))}
            </Command.Group>
          ) : null}
        </Command.List>
      </Command>
    </div>
  );
}
