"use client";

import type { AnnotationItem } from "@/components/annotations/types";
import type { PresentMember } from "@/components/live/use-presence";
import type { PendingLink } from "./relation-arcs";

export type OthersLink = PendingLink & { name: string; quote: string };

/** Colleagues' links in the making (from presence), on highlights this reader has. */
export function othersLinks(
  present: readonly PresentMember[],
  byId: ReadonlyMap<string, AnnotationItem>,
): OthersLink[] {
  return present.flatMap((p) =>
    p.linkingFromIds.flatMap((id) => {
      const a = byId.get(id);
      if (!a || a.anchorState === "ORPHANED") return [];
      return [{ key: `${p.userId}:${id}`, sourceId: id, name: p.name, quote: a.exact, label: `${p.name} is linking…` }];
    }),
  );
}

/** "Dana is linking “Ahmad Massoud” → …", one line per pending link; nothing when there is none. */
export function PendingLinks({ links }: { links: readonly OthersLink[] }) {
  if (!links.length) return null;
  return (
    <div className="pending-links" role="status" aria-label="Links being made">
      {links.map((l) => (
        <p key={l.key}>
          <strong>{l.name}</strong> is linking “{l.quote}” → …
        </p>
      ))}
    </div>
  );
}
