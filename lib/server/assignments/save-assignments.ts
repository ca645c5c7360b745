import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordActivities, recordActivity } from "@/lib/server/activity/record-activity";
import {
  assignmentSelect,
  dayOf,
  toAssignmentViews,
  type AssignmentView,
} from "@/lib/server/assignments/assignment-view";
import { publishLive, type LiveEventInput } from "@/lib/server/live/publish-live";
import type { CreateAssignmentsInput, UpdateAssignmentInput } from "@/lib/validations/assignment";

type Actor = { id: string; role: Role };

const dueDay = (day: string | null | undefined) => (day ? new Date(`${day}T00:00:00Z`) : null);

/** The assignee hears of every change to their assignment (their blind view may have changed). */
function assignmentChanged(workspaceId: string, a: { id: string; articleId: string; assigneeId: string }) {
  return {
    type: "assignment.changed",
    workspaceId,
    recipientId: a.assigneeId,
    data: { assignmentId: a.id, articleId: a.articleId },
  } satisfies LiveEventInput<"assignment.changed">;
}

/**
 * Assigns a live article to analysts of the workspace, all or none: each gets
 * an assignment (an earlier, removed one is revived), an inbox entry and an
 * activity event. 409 when one of them already has this article; 422 when
 * one is not an analyst of the workspace.
 */
export async function createAssignments(options: {
  workspaceId: string;
  actor: Actor;
  input: CreateAssignmentsInput;
}): Promise<AssignmentView[]> {
  const { workspaceId, actor, input } = options;
  const assigneeIds = [...new Set(input.assigneeIds)];
  const ids = await db.$transaction(async (tx) => {
    const article = await tx.article.findFirst({
      where: { id: input.articleId, workspaceId, deletedAt: null },
      select: { id: true, title: true },
    });
    if (!article) throw notFound("Article");
    const members = await tx.membership.findMany({
      where: { workspaceId, userId: { in: assigneeIds } },
      select: { userId: true, role: true, user: { select: { name: true } } },
    });
    const analysts = new Map(members.filter((m) => m.role === "ANALYST").map((m) => [m.userId, m.user.name]));
    const notAnalysts = assigneeIds.filter((id) => !analysts.has(id));
    if (notAnalysts.length) {
      throw new AppError("UNPROCESSABLE", "Only analysts of this workspace can be assigned articles.", {
        details: { fieldErrors: { assigneeIds: ["Choose analysts of this workspace."] }, userIds: notAnalysts },
      });
    }
    const existing = await tx.assignment.findMany({
      where: { articleId: article.id, assigneeId: { in: assigneeIds } },
      select: { id: true, assigneeId: true, deletedAt: true },
    });
    const taken = existing.filter((e) => e.deletedAt === null);
    if (taken.length) {
      throw new AppError(
        "CONFLICT",
        `${taken.map((t) => analysts.get(t.assigneeId)).join(", ")} already ${taken.length === 1 ? "has" : "have"} this article.`,
        { details: { assigneeIds: taken.map((t) => t.assigneeId) } },
      );
    }
    const removed = new Map(existing.map((e) => [e.assigneeId, e.id]));
    const now = new Date();
    const fields = { dueAt: dueDay(input.dueAt), blind: input.blind, assignedById: actor.id, submittedAt: null };
    const rows = [];
    for (const assigneeId of assigneeIds) {
      const revived = removed.get(assigneeId);
      if (revived) {
        await tx.assignment.update({ where: { id: revived }, data: { ...fields, deletedAt: null, createdAt: now } });
        rows.push({ id: revived, assigneeId, articleId: article.id });
      } else {
        const id = newId();
        await tx.assignment.create({ data: { id, workspaceId, articleId: article.id, assigneeId, ...fields } });
        rows.push({ id, assigneeId, articleId: article.id });
      }
    }
    await recordActivities(
      tx,
      rows.map((r) => ({
        action: "assignment.created" as const,
        actorId: actor.id,
        workspaceId,
        target: { type: "assignment", id: r.id },
        data: {
          articleId: article.id,
          title: article.title,
          assigneeId: r.assigneeId,
          assigneeName: analysts.get(r.assigneeId) ?? "",
          blind: input.blind,
          dueAt: input.dueAt ?? null,
        },
      })),
    );
    const notifications = rows
      .filter((r) => r.assigneeId !== actor.id)
      .map((r) => ({
        id: newId(),
        recipientId: r.assigneeId,
        workspaceId,
        kind: "ASSIGNMENT" as const,
        actorId: actor.id,
        articleId: article.id,
        annotationId: null,
        commentId: null,
      }));
    await tx.notification.createMany({ data: notifications });
    await publishLive(tx, [
      ...rows.map((r) => assignmentChanged(workspaceId, r)),
      ...notifications.map((n) => ({
        type: "notification.created" as const,
        workspaceId,
        recipientId: n.recipientId,
        data: { notificationId: n.id },
      })),
    ]);
    return rows.map((r) => r.id);
  });
  return findViews(workspaceId, ids);
}

async function findViews(workspaceId: string, ids: string[]): Promise<AssignmentView[]> {
  const rows = await db.assignment.findMany({ where: { id: { in: ids } }, select: assignmentSelect });
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return toAssignmentViews(workspaceId, rows);
}

/** A live assignment of the workspace on a live article; else 404. */
async function findLiveAssignment(tx: Tx, workspaceId: string, assignmentId: string) {
  const assignment = await tx.assignment.findFirst({
    where: { id: assignmentId, workspaceId, deletedAt: null, article: { deletedAt: null } },
    select: {
      id: true,
      articleId: true,
      assigneeId: true,
      blind: true,
      dueAt: true,
      submittedAt: true,
      article: { select: { title: true } },
      assignee: { select: { name: true } },
    },
  });
  if (!assignment) throw notFound("Assignment");
  return assignment;
}

/** Changes an assignment's due day or blind mode (reviewers and owners). */
export async function updateAssignment(options: {
  workspaceId: string;
  actor: Actor;
  assignmentId: string;
  input: UpdateAssignmentInput;
}): Promise<AssignmentView> {
  const { workspaceId, actor, assignmentId, input } = options;
  await db.$transaction(async (tx) => {
    const a = await findLiveAssignment(tx, workspaceId, assignmentId);
    const data = {
      ...(input.dueAt !== undefined ? { dueAt: dueDay(input.dueAt) } : {}),
      ...(input.blind !== undefined ? { blind: input.blind } : {}),
    };
    await tx.assignment.update({ where: { id: a.id }, data });
    await recordActivity({
      tx,
      action: "assignment.updated",
      actorId: actor.id,
      workspaceId,
      target: { type: "assignment", id: a.id },
      data: {
        articleId: a.articleId,
        title: a.article.title,
        assigneeId: a.assigneeId,
        assigneeName: a.assignee.name,
        blind: input.blind ?? a.blind,
        dueAt: input.dueAt !== undefined ? input.dueAt : a.dueAt ? dayOf(a.dueAt) : null,
      },
    });
    await publishLive(tx, [assignmentChanged(workspaceId, a)]);
  });
  const [view] = await findViews(workspaceId, [assignmentId]);
  return view;
}

/** Removes an assignment (soft, audited); the analyst's annotations stay. */
export async function removeAssignment(options: {
  workspaceId: string;
  actor: Actor;
  assignmentId: string;
}): Promise<void> {
  const { workspaceId, actor, assignmentId } = options;
  await db.$transaction(async (tx) => {
    const a = await findLiveAssignment(tx, workspaceId, assignmentId);
    await tx.assignment.update({ where: { id: a.id }, data: { deletedAt: new Date() } });
    await recordActivity({
      tx,
      action: "assignment.removed",
      actorId: actor.id,
      workspaceId,
      target: { type: "assignment", id: a.id },
      data: { articleId: a.articleId, title: a.article.title, assigneeId: a.assigneeId, assigneeName: a.assignee.name },
    });
    await publishLive(tx, [assignmentChanged(workspaceId, a)]);
  });
}

/**
 * Marks an assignment submitted (by its assignee, or a reviewer or owner for
 * them: from then on the assignee sees everyone's annotations on the
 * article), or reopens submitted work (reviewers and owners: a blind assignee
 * is blind again).
 */
export async function setAssignmentSubmitted(options: {
  workspaceId: string;
  actor: Actor;
  assignmentId: string;
  submitted: boolean;
}): Promise<AssignmentView> {
  const { workspaceId, actor, assignmentId, submitted } = options;
  await db.$transaction(async (tx) => {
    const a = await findLiveAssignment(tx, workspaceId, assignmentId);
    // Someone else's assignment: leads may submit it for them (e.g. work handed in another way); nobody else may know it.
    if (submitted && a.assigneeId !== actor.id && !can(actor.role, "assignment.manage")) throw notFound("Assignment");
    if (!submitted && !can(actor.role, "assignment.manage")) {
      if (a.assigneeId !== actor.id) throw notFound("Assignment");
      throw new AppError("FORBIDDEN", "Only a reviewer or an owner can reopen submitted work.");
    }
    if ((a.submittedAt !== null) === submitted) return;
    await tx.assignment.update({ where: { id: a.id }, data: { submittedAt: submitted ? new Date() : null } });
    await recordActivity({
      tx,
      action: submitted ? "assignment.submitted" : "assignment.reopened",
      actorId: actor.id,
      workspaceId,
      target: { type: "assignment", id: a.id },
      data: { articleId: a.articleId, title: a.article.title, assigneeId: a.assigneeId, assigneeName: a.assignee.name },
    });
    await publishLive(tx, [assignmentChanged(workspaceId, a)]);
  });
  const [view] = await findViews(workspaceId, [assignmentId]);
  return view;
}
