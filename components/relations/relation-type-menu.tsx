"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { forwardRef, useMemo, useState, type KeyboardEvent } from "react";
import type { AnnotationItem, EntityTypeItem } from "@/components/annotations/types";
import { relationTypeAllows, type RelationTypeItem } from "@/lib/validations/relation";
import { describeRelationEnds, relationTypesSettingsHref } from "./relation-type-format";

type RelationTypeMenuProps = {
  source: AnnotationItem;
  target: AnnotationItem;
  relationTypes: RelationTypeItem[];
  entityTypes: EntityTypeItem[];
  /** Owners and reviewers: the menu links to where relation types are managed. */
  canManageTypes: boolean;
  onConfirm: (type: RelationTypeItem) => void;
  onClose: () => void;
};

/** "a Location", "an Organization", "an untagged annotation": what an end is, for a sentence. */
export function describeEnd(annotation: AnnotationItem): string {
  const what = !annotation.entity
    ? "untagged annotation"
    : (annotation.entity.type?.name ?? "annotation whose entity type is unavailable");
  return `${/^[aeiou]/i.test(what) ? "an" : "a"} ${what}`;
}

/**
 * The relation types that may link `source` to `target` — only those their
 * entity types allow (the rule the API enforces with 422), each with its
 * one-key shortcut; ↑↓ and Enter also pick. When none fits, it says so and
 * lists the workspace's types with the ends each needs, instead of options
 * that cannot be chosen.
 */
export const RelationTypeMenu = forwardRef<HTMLDivElement, RelationTypeMenuProps>(function RelationTypeMenu(
  { source, target, relationTypes, entityTypes, canManageTypes, onConfirm, onClose },
  ref,
) {
  const [active, setActive] = useState(0);
  // The reader lives under /w/[workspaceId]/…: the settings of the same workspace.
  const { workspaceId } = useParams<{ workspaceId: string }>();
  const { allowed, others } = useMemo(() => {
    const from = source.entity?.type?.id ?? null;
    const to = target.entity?.type?.id ?? null;
    const fits = (type: RelationTypeItem) => relationTypeAllows(type, from, to);
    return { allowed: relationTypes.filter(fits), others: relationTypes.filter((t) => !fits(t)) };
  }, [relationTypes, source, target]);

  const typeName = (id: string) => entityTypes.find((t) => t.id === id)?.name ?? "an archived type";
  const ends = (type: RelationTypeItem) => describeRelationEnds(type, typeName);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = event.key;
    const byShortcut = allowed.find((t) => t.shortcut && t.shortcut === key.toLowerCase());
    if (byShortcut) onConfirm(byShortcut);
    else if (key === "ArrowDown") setActive((i) => Math.min(i + 1, Math.max(allowed.length - 1, 0)));
    else if (key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
    else if (key === "Enter" && allowed[active]) onConfirm(allowed[active]);
    else if (key === "Escape") onClose();
    else if (key !== "Tab") {
      // Letters that are no allowed type's shortcut must not reach the reader's shortcuts.
      event.stopPropagation();
      return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  if (!allowed.length) {
    return (
      <div
        ref={ref}
        tabIndex={0}
        role="group"
        aria-label="Relation type"
        className="link-picker-none"
        onKeyDown={onKeyDown}
      >
        <p role="status">
          <strong>
            {relationTypes.length
              ? `No relation type links ${describeEnd(source)} to ${describeEnd(target)}.`
              : "This workspace has no relation types."}
          </strong>
        </p>
        {others.length ? (
          <>
            <p className="muted">The workspace&apos;s types and the ends each links:</p>
            <ul className="link-picker-rules" aria-label="Relation types and their ends">
              {others.map((type) => (
                <li key={type.id}>
                  <span className="link-picker-swatch" style={{ background: type.color }} aria-hidden="true" />
                  <span className="link-picker-rule-name">{type.name}</span>
                  <span className="muted">{ends(type)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {canManageTypes ? (
          <p>
            <Link href={relationTypesSettingsHref(workspaceId)} target="_blank">
              Manage relation types
            </Link>{" "}
            <span className="muted">(allowed entity types per relation type)</span>
          </p>
        ) : (
          <p className="muted">A reviewer or owner can add a relation type for these ends.</p>
        )}
        <p className="muted link-picker-help">Esc cancels.</p>
      </div>
    );
  }

  return (
    <>
      <div
        ref={ref}
        tabIndex={0}
        className="link-picker-list"
        role="listbox"
        aria-label="Relation type"
        aria-activedescendant={allowed[active] ? `relation-type-${allowed[active].id}` : undefined}
        onKeyDown={onKeyDown}
      >
        {allowed.map((type, i) => (
          <div
            key={type.id}
            id={`relation-type-${type.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "is-active" : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => onConfirm(type)}
          >
            <span className="link-picker-swatch" style={{ background: type.color }} aria-hidden="true" />
            <span className="link-picker-type-name">{type.name}</span>
            {type.shortcut ? <kbd>{type.shortcut}</kbd> : null}
          </div>
        ))}
      </div>
      {others.length ? (
        <p className="muted link-picker-hidden" title={others.map((t) => `${t.name}: ${ends(t)}`).join("\n")}>
          Not for these ends: {others.map((t) => t.name).join(", ")}.
        </p>
      ) : null}
      <p className="muted link-picker-help">Press a type&apos;s key, or ↑↓ and Enter. Esc cancels.</p>
    </>
  );
});
