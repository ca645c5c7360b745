"use client";

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { AnnotationItem, EntityTypeItem } from "@/components/annotations/types";
import type { RelationTypeItem } from "@/lib/validations/relation";
import { RelationTypeMenu } from "./relation-type-menu";

type LinkPickerProps = {
  source: AnnotationItem;
  target: AnnotationItem | null;
  /** Annotations that may be the target, in reading order. */
  candidates: AnnotationItem[];
  relationTypes: RelationTypeItem[];
  entityTypes: EntityTypeItem[];
  /** Owners and reviewers: a type menu with nothing to offer links to where relation types are managed. */
  canManageTypes: boolean;
  onPickTarget: (id: string) => void;
  onConfirm: (type: RelationTypeItem) => void;
  onClose: () => void;
};

const MAX_LISTED = 50;

function describe(a: AnnotationItem): string {
  return a.entity ? `${a.exact} · ${a.entity.type?.name ?? a.entity.name}` : a.exact;
}

/**
 * Links the selected annotation to another: first the target (click a
 * highlight, or search the article's annotations and press Enter), then the
 * type, from those the two ends' entity types allow, by its one-key shortcut
 * or Enter (relation-type-menu.tsx: only the allowed types are listed).
 * Give it a `key` that changes with the target, so that each stage starts afresh.
 */
export function LinkPicker(props: LinkPickerProps) {
  const { source, target, relationTypes, entityTypes } = props;
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return props.candidates
      .filter((a) => !q || a.exact.toLowerCase().includes(q) || a.entity?.name.toLowerCase().includes(q))
      .slice(0, MAX_LISTED);
  }, [props.candidates, query]);

  useEffect(() => {
    if (target) menu.current?.focus();
    else input.current?.focus();
  }, [target]);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, matches.length - 1));
    else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
    else if (event.key === "Enter" && matches[active]) props.onPickTarget(matches[active].id);
    else if (event.key === "Escape") props.onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="link-picker" role="dialog" aria-label="Link to another annotation">
      <p className="link-picker-ends">
        <strong>{source.exact}</strong> →{" "}
        {target ? <strong>{target.exact}</strong> : <em>click a highlight or search</em>}
      </p>
      {!target ? (
        <>
          <input
            ref={input}
            type="search"
            className="input"
            aria-label="Find the target annotation"
            placeholder="Find the target…"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onSearchKey}
          />
          <ul className="link-picker-list" role="listbox" aria-label="Annotations of this article">
            {matches.map((a, i) => (
              <li
                key={a.id}
                role="option"
                aria-selected={i === active}
                className={i === active ? "is-active" : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => props.onPickTarget(a.id)}
              >
                {describe(a)}
              </li>
            ))}
            {!matches.length ? <li className="muted">No annotation matches.</li> : null}
          </ul>
        </>
      ) : (
        <RelationTypeMenu
          ref={menu}
          source={source}
          target={target}
          relationTypes={relationTypes}
          entityTypes={entityTypes}
          canManageTypes={props.canManageTypes}
          onConfirm={props.onConfirm}
          onClose={props.onClose}
        />
      )}
      {target ? null : <p className="muted link-picker-help">↑↓ to choose, Enter to pick. Esc cancels.</p>}
    </div>
  );
}
