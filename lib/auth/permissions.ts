import type { Role } from "@/lib/generated/prisma/enums";

export const roles = ["OWNER", "REVIEWER", "ANALYST", "VIEWER"] as const satisfies readonly Role[];

const everyone = roles;
const contributors = ["OWNER", "REVIEWER", "ANALYST"] as const;
const leads = ["OWNER", "REVIEWER"] as const;
const owners = ["OWNER"] as const;

/**
 * The one role × action table. Every route that touches a workspace names one
 * of these permissions, and the generated permission test walks this table.
 */
export const permissions = {
  "workspace.read": everyone,
  "workspace.update": owners,
  /** Download the whole workspace as an archive (lib/server/archive) to move it to another installation. */
  "workspace.archive": owners,
  "member.list": everyone,
  "member.manage": owners,
  "invitation.manage": owners,
  "article.list": everyone,
  "article.read": everyone,
  "article.import": contributors,
  "article.delete": leads,
  "article.restore": leads,
  "article.revise": leads,
  "activity.read": leads,
  /** Download the whole activity log as JSON Lines (for a SIEM). */
  "activity.export": owners,
  "annotation.list": everyone,
  "annotation.create": contributors,
  /** Import a file of annotations (W3C, Hypothesis, brat) onto an article. */
  "annotation.import": contributors,
  /** Own annotations only; see annotation.manageAny. */
  "annotation.update": contributors,
  "annotation.delete": contributors,
  "annotation.restore": contributors,
  /** Edit, delete and restore anyone's annotations. */
  "annotation.manageAny": leads,
  /** Accept or reject annotations, and see the review queue. */
  "annotation.review": leads,
  /** Download annotations in the export formats (lib/export). */
  "annotation.export": everyone,
  "relation.list": everyone,
  "relation.create": contributors,
  /** Own relations only (annotation.manageAny: anyone's); review is annotation.review. */
  "relation.update": contributors,
  "relation.delete": contributors,
  "relation.restore": contributors,
  "relationType.list": everyone,
  "relationType.manage": leads,
  "entityType.list": everyone,
  "entityType.manage": leads,
  "entity.list": everyone,
  "entity.create": contributors,
  "entity.update": leads,
  "entity.merge": leads,
  "comment.list": everyone,
  "comment.create": everyone,
  /** Own comments only: edit, delete, restore. */
  "comment.update": everyone,
  /** Hide (or show again) anyone's comment. */
  "comment.hide": leads,
  "thread.resolve": contributors,
  "notification.list": everyone,
  /** The live event stream and presence. */
  "live.subscribe": everyone,
  /** See assignments: leads all of them, everyone else their own. */
  "assignment.list": everyone,
  /** Assign articles, change or remove assignments, reopen submitted work; such members always see everyone's annotations. */
  "assignment.manage": leads,
  /** Mark one's own assignment submitted. */
  "assignment.submit": contributors,
  /** The workspace dashboard: progress per article and analyst. */
  "dashboard.read": leads,
  /** Search everything the member may see (GET …/search, …/search/suggest). */
  "search.read": everyone,
  /** Create and list one's own personal API tokens for the workspace. */
  "apiToken.manage": everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export const allPermissions = Object.keys(permissions) as Permission[];

/** Whether `role` may perform `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

export const roleLabels: Record<Role, string> = {
  OWNER: "Owner",
  REVIEWER: "Reviewer",
  ANALYST: "Analyst",
  VIEWER: "Viewer",
};

export const roleDescriptions: Record<Role, string> = {
  OWNER: "Manages members and settings, and can do everything.",
  REVIEWER: "Reviews others' work, manages entities, revises articles.",
  ANALYST: "Imports articles, annotates and comments.",
  VIEWER: "Reads, comments and exports.",
};
