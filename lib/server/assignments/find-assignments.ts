import "server-only";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { assignmentSelect, toAssignmentViews, type AssignmentView } from "@/lib/server/assignments/assignment-view";

/**
 * The workspace's live assignments on live articles, with progress: all of
 * them for reviewers and owners, only their own for anyone else. Unsubmitted
 * first, then by due day (none last) and article title.
 */
export async function findAssignments(options: {
  workspaceId: string;
  viewer: { id: string; role: Role };
  articleId?: string;
  assigneeId?: string;
}): Promise<AssignmentView[]> {
  const { workspaceId, viewer } = options;
  const assigneeId = can(viewer.role, "assignment.manage") ? options.assigneeId : viewer.id;
  const rows = await db.assignment.findMany({
    where: {
      workspaceId,
      deletedAt: null,
      article: { deletedAt: null },
      ...(options.articleId ? { articleId: options.articleId } : {}),
      ...(assigneeId ? { assigneeId } : {}),
    },
    orderBy: [
      { submittedAt: { sort: "desc", nulls: "first" } },
      { dueAt: { sort: "asc", nulls: "last" } },
      { article: { title: "asc" } },
      { assignee: { name: "asc" } },
      { id: "asc" },
    ],
    select: assignmentSelect,
  });
  return toAssignmentViews(workspaceId, rows);
}
