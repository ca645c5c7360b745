"use client";

import { Avatar } from "@/components/ui/avatar";
import type { LiveStatus } from "./live-stream";
import type { PresentMember } from "./use-presence";

type PresenceBarProps = {
  present: PresentMember[];
  status: LiveStatus | null;
  /** Some live change could not be fetched: what is shown may be behind until a reload. */
  outOfSync?: boolean;
};

const statusText: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

/** Who else is reading the article now, and whether live updates are flowing. */
export function PresenceBar({ present, status, outOfSync = false }: PresenceBarProps) {
  if (!status) return null;
  const names = present.map((p) => p.name);
  return (
    <div className="presence-bar">
      <span className="live-state">
        <span
          className="live-status"
          data-status={outOfSync ? "out-of-sync" : status}
          role="status"
          title={
            outOfSync
              ? "Some changes by others could not be loaded. Reload to see everything."
              : status === "live"
                ? "Changes by others appear as they happen."
                : "Changes by others will appear when the connection is back."
          }
        >
          <span className="live-dot" aria-hidden="true" />
          {outOfSync ? "Out of sync" : statusText[status]}
        </span>
        {outOfSync ? (
          <button type="button" className="link-button live-reload" onClick={() => window.location.reload()}>
            Reload
          </button>
        ) : null}
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
