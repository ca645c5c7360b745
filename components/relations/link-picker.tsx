"use client";

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { AnnotationItem, EntityTypeItem } from "@/components/annotations/types";
import { relationTypeAllows, type RelationTypeItem } from "@/lib/validations/relation";

type LinkPickerProps = {
  source: AnnotationItem;
  target: AnnotationItem | null;
  /** Annotations that may be the target, in reading order. */
  candidates: AnnotationItem[];
  relationTypes: RelationTypeItem[];
  entityTypes: EntityTypeItem[];
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
 * or Enter. Types the ends do not allow are listed, disabled, with why.
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

  const typeName = (id: string) => entityTypes.find((t) => t.id === id)?.name ?? "another type";
  const options = useMemo(() => {
    if (!target) return [];
    const from = source.entity?.type?.id ?? null;
    const to = target.entity?.type?.id ?? null;
    const all = relationTypes.map((type) => ({ type, allowed: relationTypeAllows(type, from, to) }));
    return [...all.filter((o) => o.allowed), ...all.filter((o) => !o.allowed)];
  }, [relationTypes, source, target]);
  const allowedCount = options.filter((o) => o.allowed).length;

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

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = event.key;
    const byShortcut = options.find((o) => o.allowed && o.type.shortcut === key.toLowerCase());
    if (byShortcut) props.onConfirm(byShortcut.type);
    else if (key === "ArrowDown") setActive((i) => Math.min(i + 1, Math.max(allowedCount - 1, 0)));
    else if (key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
    else if (key === "Enter" && options[active]?.allowed) props.onConfirm(options[active].type);
    else if (key === "Escape") props.onClose();
    else if (key !== "Tab") {
      // Letters that are no type's shortcut must not reach the reader's shortcuts.
      event.stopPropagation();
      return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const why = (type: RelationTypeItem) => {
    const needs = [
      type.sourceTypeIds.length ? `from ${type.sourceTypeIds.map(typeName).join(" or ")}` : "",
      type.targetTypeIds.length ? `to ${type.targetTypeIds.map(typeName).join(" or ")}` : "",
    ].filter(Boolean);
    return `links ${needs.join(" ")}`;
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
        <div
          ref={menu}
          tabIndex={0}
          className="link-picker-list"
          role="listbox"
          aria-label="Relation type"
          onKeyDown={onMenuKey}
        >
          {options.map(({ type, allowed }, i) => (
            <div
              key={type.id}
              role="option"
              aria-selected={allowed && i === active}
              aria-disabled={!allowed}
              className={allowed && i === active ? "is-active" : allowed ? undefined : "is-disabled"}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => allowed && props.onConfirm(type)}
              title={allowed ? undefined : `Not for these ends: it ${why(type)}.`}
            >
              <span className="link-picker-swatch" style={{ background: type.color }} />
              {type.name}
              {allowed && type.shortcut ? <kbd>{type.shortcut}</kbd> : null}
              {!allowed ? <span className="muted"> — {why(type)}</span> : null}
            </div>
          ))}
          {!allowedCount ? <p className="muted">No relation type links these two annotations.</p> : null}
        </div>
      )}
      <p className="muted link-picker-help">
        {target ? "Press a type's key or Enter." : "↑↓ to choose, Enter to pick."} Esc cancels.
      </p>
    </div>
  );
}
