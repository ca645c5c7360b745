import type { NotificationView } from "@/lib/comments/comment-view";

/** What happened, as the inbox says it: "Ana Silva mentioned you", "Ana Silva replied in a thread you're in". */
export function describeNotification(n: Pick<NotificationView, "kind" | "actor">): string {
  const who = n.actor?.name ?? "Someone";
  switch (n.kind) {
    case "MENTION":
      return `${who} mentioned you`;
    case "REPLY":
      return `${who} replied in a thread you’re in`;
    case "REVIEW":
      return `${who} reviewed your annotation`;
    case "ASSIGNMENT":
      return `${who} assigned you an article`;
  }
}

/** "3" up to 99, then "99+". */
export function unreadBadge(count: number): string {
  return count > 99 ? "99+" : String(count);
}
