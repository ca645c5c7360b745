import "server-only";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Every action the activity log knows. Later features add theirs here. */
export type ActivityAction =
  | "user.signed_up"
  | "user.placeholder_created"
  | "user.password_changed"
  | "user.signed_out_everywhere"
  | "workspace.created"
  | "workspace.updated"
  | "workspace.archive_imported"
  | "member.invited"
  | "member.invitation_revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "member.left"
  | "article.imported"
  | "article.deleted"
  | "article.restored"
  | "article.revised"
  | "article.curated"
  | "annotation.created"
  | "annotation.updated"
  | "annotation.deleted"
  | "annotation.restored"
  | "annotation.reviewed"
  | "annotation.imported"
  | "relation.created"
  | "relation.updated"
  | "relation.deleted"
  | "relation.restored"
  | "relation.reviewed"
  | "relation_type.created"
  | "relation_type.updated"
  | "entity_type.created"
  | "entity_type.updated"
  | "entity.created"
  | "entity.updated"
  | "entity.merged"
  | "comment.created"
  | "comment.updated"
  | "comment.deleted"
  | "comment.restored"
  | "comment.hidden"
  | "comment.shown"
  | "thread.resolved"
  | "thread.reopened"
  | "assignment.created"
  | "assignment.updated"
  | "assignment.removed"
  | "assignment.submitted"
  | "assignment.reopened"
  | "api_token.created"
  | "api_token.revoked"
  | "saved_search.created"
  | "saved_search.renamed"
  | "saved_search.deleted";

/**
 * The start of a quote or comment for an event's data: at most 200 UTF-16
 * units, never ending in half an emoji (jsonb refuses a lone surrogate).
 */
export function activityExcerpt(text: string): string {
  return text.slice(0, 200).toWellFormed();
}

export type RecordActivityOptions = {
  tx: Tx;
  action: ActivityAction;
  actorId: string | null;
  workspaceId?: string | null;
  target?: { type: string; id: string };
  data?: Prisma.InputJsonValue;
};

/**
 * Appends one event to the activity log, inside the caller's transaction so
 * the event exists exactly when the change it records does.
 */
export async function recordActivity({
  tx,
  action,
  actorId,
  workspaceId,
  target,
  data,
}: RecordActivityOptions): Promise<void> {
  await tx.activityEvent.create({
    data: {
      id: newId(),
      action,
      actorId,
      workspaceId: workspaceId ?? null,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      data: data ?? undefined,
    },
  });
}

/** Appends many events of one action at once (e.g. a batch of highlights), in the caller's transaction. */
export async function recordActivities(tx: Tx, events: readonly Omit<RecordActivityOptions, "tx">[]): Promise<void> {
  if (!events.length) return;
  await tx.activityEvent.createMany({
    data: events.map(({ action, actorId, workspaceId, target, data }) => ({
      id: newId(),
      action,
      actorId,
      workspaceId: workspaceId ?? null,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      data: data ?? undefined,
    })),
  });
}
