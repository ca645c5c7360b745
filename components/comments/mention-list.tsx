"use client";

import { useEffect, useRef } from "react";
import { createPortal } from "react-dom";
import { Avatar } from "@/components/ui/avatar";
import type { MentionCandidate } from "./mention-candidates";

export type MentionMenu = {
  items: MentionCandidate[];
  activeIndex: number;
  query: string;
  loading: boolean;
  /** Why the member list could not be loaded (then `retry` loads it again). */
  error: string | null;
  retry(): void;
  /** Positions the list at the caret (Tiptap's suggestion `mount`); returns the cleanup. */
  mount(element: HTMLElement): () => void;
  pick(member: MentionCandidate): void;
};

type MentionListProps = { menu: MentionMenu; listId: string; optionId(index: number): string };

/**
 * The @mention suggestions: a listbox floating at the caret, in a portal so
 * the panel's scrolling never clips it. Focus stays in the editor, which
 * points at the active option (aria-activedescendant); the mouse can pick too.
 */
export function MentionList({ menu, listId, optionId }: MentionListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { mount } = menu;
  useEffect(() => (ref.current ? mount(ref.current) : undefined), [mount]);
  useEffect(() => {
    ref.current?.querySelector(`#${CSS.escape(optionId(menu.activeIndex))}`)?.scrollIntoView({ block: "nearest" });
  }, [menu.activeIndex, optionId]);

  return createPortal(
    <div ref={ref} className="mention-menu" style={{ position: "fixed", top: 0, left: 0, zIndex: 60 }}>
      {menu.error ? (
        <div className="mention-empty mention-error" role="alert">
          <p>Could not load the members to mention: {menu.error}</p>
          <button
            type="button"
            className="button button-secondary button-small"
            // Keep the editor's focus and caret.
            onMouseDown={(event) => event.preventDefault()}
            onClick={menu.retry}
          >
            Retry
          </button>
        </div>
      ) : menu.items.length === 0 ? (
        <p className="mention-empty">{menu.loading ? "Loading members…" : `No member matches “${menu.query}”.`}</p>
      ) : (
        <ul role="listbox" id={listId} aria-label="Members to mention" className="mention-options">
          {menu.items.map((member, index) => (
            <li
              key={member.userId}
              id={optionId(index)}
              role="option"
              aria-selected={index === menu.activeIndex}
              className="mention-option"
              // Keep the editor's focus and caret: picking happens on mousedown.
              onMouseDown={(event) => {
                event.preventDefault();
                menu.pick(member);
              }}
            >
              <Avatar person={{ id: member.userId, name: member.name }} size="small" decorative />
              <span className="mention-option-text">
                <span className="mention-option-name">{member.name}</span>
                <span className="mention-option-email">{member.email}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>,
    document.body,
  );
}
