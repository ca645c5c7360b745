"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import { describeNotification, unreadBadge } from "./describe-notification";
import { useNotifications } from "./use-notifications";

/**
 * The header's inbox: a bell with the unread count, opening a list of
 * mentions and replies. Following an entry marks it read and opens the
 * article at the comment; "Mark all read" clears the count.
 */
export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const inbox = useNotifications(workspaceId);
  const [open, setOpen] = useState(false);
  const popoverId = useId();
  const headingId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { unreadCount, reload } = inbox;

  useEffect(() => {
    if (!open) return;
    void reload();
    panel.current?.focus();
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open, reload]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        aria-label={unreadCount ? `Notifications, ${unreadCount} unread` : "Notifications"}
        title="Notifications"
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0h-5Z"
            fill="currentColor"
          />
        </svg>
        {unreadCount ? (
          <span className="bell-badge" aria-hidden="true" data-testid="unread-count">
            {unreadBadge(unreadCount)}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          ref={panel}
          id={popoverId}
          className="bell-popover"
          role="dialog"
          aria-labelledby={headingId}
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              close();
            }
          }}
        >
          <div className="bell-head">
            <h2 id={headingId}>Notifications</h2>
            <button
              type="button"
              className="link-button"
              disabled={unreadCount === 0}
              onClick={() => void inbox.markRead("all")}
            >
              Mark all read
            </button>
          </div>
          {inbox.error && !inbox.items ? (
            <p className="bell-empty" role="alert">
              {inbox.error}
            </p>
          ) : inbox.items === null ? (
            <p className="bell-empty">Loading…</p>
          ) : inbox.items.length === 0 ? (
            <p className="bell-empty">
              You’re all caught up. Mentions of you and replies in your threads will appear here.
            </p>
          ) : (
            <ul className="bell-list">
              {inbox.items.map((n) => (
                <li key={n.id}>
                  <Link
                    href={n.href}
                    className="bell-item"
                    data-unread={!n.readAt || undefined}
                    onClick={() => {
                      if (!n.readAt) void inbox.markRead([n.id]);
                      setOpen(false);
                    }}
                  >
                    {n.actor ? <Avatar person={n.actor} size="small" decorative /> : null}
                    <span className="bell-item-text">
                      <span className="bell-item-what">
                        {describeNotification(n)} in <span className="bell-item-title">{n.articleTitle}</span>
                      </span>
                      {n.excerpt ? <span className="bell-item-excerpt">“{n.excerpt}”</span> : null}
                      <span className="bell-item-time">
                        <RelativeTime date={n.createdAt} />
                        {!n.readAt ? <span className="visually-hidden">, unread</span> : null}
                      </span>
                    </span>
                    {!n.readAt ? <span className="bell-unread-dot" aria-hidden="true" /> : null}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
