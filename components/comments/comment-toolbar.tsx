"use client";

import type { Editor } from "@tiptap/core";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { isAllowedHref } from "@/components/editor/extensions/link-policy";

type Active = { bold: boolean; italic: boolean; code: boolean; link: boolean; bulletList: boolean } | null;

type CommentToolbarProps = { editor: Editor | null; active: Active; label: string };

/** "example.org" → "https://example.org"; addresses with a scheme are left alone. */
export function normalizeLinkInput(input: string): string {
  const value = input.trim();
  if (!value) return "";
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
  return `https://${value.replace(/^\/+/, "")}`;
}

/**
 * Formatting buttons for the comment editor, each a toggle with an accessible
 * name and its shortcut. Link asks for the address inline (no browser prompt)
 * and accepts only http(s) and mailto, as the schema does.
 */
export function CommentToolbar({ editor, active, label }: CommentToolbarProps) {
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const chain = () => editor!.chain().focus();

  const buttons: { name: string; text: ReactNode; keys: string; pressed: boolean; run(): void }[] = [
    { name: "Bold", text: "B", keys: "Control+B", pressed: !!active?.bold, run: () => chain().toggleBold().run() },
    {
      name: "Italic",
      text: "I",
      keys: "Control+I",
      pressed: !!active?.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      name: "Inline code",
      text: "</>",
      keys: "Control+E",
      pressed: !!active?.code,
      run: () => chain().toggleCode().run(),
    },
    {
      name: "Bulleted list",
      text: (
        <svg width="15" height="15" viewBox="0 0 16 16" focusable="false">
          <path
            d="M2.5 4.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Zm0 4.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Zm0 4.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2ZM5.5 3.5c0-.41.34-.75.75-.75h7a.75.75 0 0 1 0 1.5h-7a.75.75 0 0 1-.75-.75Zm0 4.5c0-.41.34-.75.75-.75h7a.75.75 0 0 1 0 1.5h-7A.75.75 0 0 1 5.5 8Zm.75 3.75a.75.75 0 0 0 0 1.5h7a.75.75 0 0 0 0-1.5h-7Z"
            fill="currentColor"
          />
        </svg>
      ),
      keys: "Control+Shift+8",
      pressed: !!active?.bulletList,
      run: () => chain().toggleBulletList().run(),
    },
  ];

  const applyLink = () => {
    if (!editor) return;
    const url = normalizeLinkInput(href);
    if (!isAllowedHref(url)) {
      setError("Use a web address (https://…) or an email address.");
      return;
    }
    if (editor.state.selection.empty && !editor.isActive("link")) {
      chain()
        .insertContent({
          type: "text",
          text: url.replace(/^mailto:/, ""),
          marks: [{ type: "link", attrs: { href: url } }],
        })
        .insertContent(" ")
        .run();
    } else {
      chain().extendMarkRange("link").setLink({ href: url }).run();
    }
    closeLink();
  };

  const closeLink = (refocus = false) => {
    setLinking(false);
    setHref("");
    setError(null);
    if (refocus) editor?.commands.focus();
  };

  const onLinkKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      applyLink();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      closeLink(true);
    }
  };

  return (
    <div className="comment-toolbar-wrap">
      <div className="comment-toolbar" role="toolbar" aria-label={label}>
        {buttons.map((b) => (
          <button
            key={b.name}
            type="button"
            className="comment-tool"
            aria-label={b.name}
            title={`${b.name} (${b.keys.replace("Control", "Ctrl")})`}
            aria-pressed={b.pressed}
            aria-keyshortcuts={b.keys}
            disabled={!editor}
            onMouseDown={(e) => e.preventDefault()}
            onClick={b.run}
          >
            <span aria-hidden="true" className={`comment-tool-${b.name.toLowerCase().replace(/\s+/g, "-")}`}>
              {b.text}
            </span>
          </button>
        ))}
        <button
          type="button"
          className="comment-tool"
          aria-label={active?.link ? "Remove link" : "Link"}
          title={active?.link ? "Remove link" : "Link"}
          aria-pressed={!!active?.link}
          aria-expanded={active?.link ? undefined : linking}
          disabled={!editor}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            if (active?.link) {
              chain().extendMarkRange("link").unsetLink().run();
            } else if (linking) {
              closeLink(true);
            } else {
              setLinking(true);
              requestAnimationFrame(() => inputRef.current?.focus());
            }
          }}
        >
          <svg width="15" height="15" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path
              d="M6.9 9.1a.75.75 0 0 1 0-1.06l2.1-2.1a.75.75 0 1 1 1.06 1.06l-2.1 2.1a.75.75 0 0 1-1.06 0Zm-1.3 4.6a3.2 3.2 0 0 1-2.27-5.47l1.5-1.5a.75.75 0 0 1 1.06 1.06l-1.5 1.5a1.7 1.7 0 0 0 2.4 2.4l1.5-1.5a.75.75 0 1 1 1.06 1.06l-1.5 1.5a3.18 3.18 0 0 1-2.25.95Zm4.8-4.2a.75.75 0 0 1-.53-1.28l1.5-1.5a1.7 1.7 0 0 0-2.4-2.4l-1.5 1.5a.75.75 0 0 1-1.06-1.06l1.5-1.5a3.2 3.2 0 0 1 4.52 4.52l-1.5 1.5a.75.75 0 0 1-.53.22Z"
              fill="currentColor"
            />
          </svg>
        </button>
      </div>
      {linking ? (
        <div className="comment-link-form">
          <label htmlFor={inputId} className="visually-hidden">
            Link address
          </label>
          <input
            ref={inputRef}
            id={inputId}
            type="text"
            inputMode="url"
            placeholder="https://…"
            value={href}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setHref(e.target.value);
              setError(null);
            }}
            onKeyDown={onLinkKey}
          />
          <button type="button" className="button button-small" onClick={applyLink}>
            Add link
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => closeLink(true)}>
            Cancel
          </button>
          {error ? (
            <p id={errorId} className="field-error comment-link-error">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
