"use client";

import { Avatar } from "@/components/ui/avatar";
import type { LiveStatus } from "./live-stream";
import type { PresentMember } from "./use-presence";

type PresenceBarProps = { present: PresentMember[]; status: LiveStatus | null };

const statusText: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

/** Who else is reading the article now, and whether live updates are flowing. */
export function PresenceBar({ present, status }: PresenceBarProps) {
  if (!status) return null;
  const names = present.map((p) => p.name);
  return (
    <div className="presence-bar">
      <span
        className="live-status"
        data-status={status}
        role="status"
        title={
          status === "live"
            ? "Changes by others appear as they happen."
            : "Changes by others will appear when the connection is back."
        }
      >
        <span className="live-dot" aria-hidden="true" />
        {statusText[status]}
      </span>
      {present.length ? (
        <ul className="presence-list" aria-label={`Also reading: ${names.join(", ")}`}>
          {present.slice(0, 6).map((p) => (
            <li key={p.userId}>
              <Avatar person={{ id: p.userId, name: p.name }} label={`${p.name} is reading this article`} />
            </li>
          ))}
          {present.length > 6 ? (
            <li className="presence-more" title={names.slice(6).join(", ")}>
              +{present.length - 6}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
