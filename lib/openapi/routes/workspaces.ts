import { z } from "zod";
import { apiRoute, binary, component, dataOf, pageOf } from "@/lib/openapi/registry";
import {
  ActivityItemSchema,
  CreatedInvitationSchema,
  InvitationSchema,
  MemberSchema,
  pathParams,
  RoleSchema,
  WorkspaceSchema,
  WorkspaceSummarySchema,
} from "@/lib/openapi/schemas";
import { activityExportQuerySchema, activityQuerySchema } from "@/lib/validations/activity";
import {
  createInvitationSchema,
  createWorkspaceSchema,
  updateMemberSchema,
  updateWorkspaceSchema,
} from "@/lib/validations/workspace";
import { importProgressKeySchema, importProgressSchema } from "@/lib/validations/annotation-import";
import {
  archiveExportQuerySchema,
  archiveImportQuerySchema,
  archiveImportResultSchema,
} from "@/lib/validations/workspace-archive";

apiRoute({
  method: "get",
  path: "/api/workspaces",
  tag: "Workspaces",
  summary: "List my workspaces",
  description: "With an API token: only the token's own workspace.",
  permission: "user",
  apiToken: true,
  response: { status: 200, description: "The workspaces, by name.", schema: dataOf(z.array(WorkspaceSummarySchema)) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}",
  tag: "Workspaces",
  summary: "Read a workspace",
  permission: "workspace.read",
  params: pathParams.workspace,
  response: { status: 200, description: "The workspace and the caller's role.", schema: dataOf(WorkspaceSchema) },
});

const CreateWorkspace = component("CreateWorkspace", createWorkspaceSchema);
const UpdateWorkspace = component("UpdateWorkspace", updateWorkspaceSchema);
const CreateInvitation = component("CreateInvitation", createInvitationSchema);

apiRoute({
  method: "post",
  path: "/api/workspaces",
  tag: "Workspaces",
  summary: "Create a workspace",
  description: "The caller becomes its owner.",
  permission: "user",
  body: CreateWorkspace,
  response: {
    status: 201,
    description: "The new workspace.",
    schema: dataOf(z.object({ id: z.string(), name: z.string() })),
  },
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}",
  tag: "Workspaces",
  summary: "Rename a workspace or change its review setting",
  permission: "workspace.update",
  params: pathParams.workspace,
  body: UpdateWorkspace,
  response: {
    status: 200,
    description: "The workspace.",
    schema: dataOf(z.object({ id: z.string(), name: z.string(), selfReviewAllowed: z.boolean() })),
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/activity",
  tag: "Workspaces",
  summary: "Read the activity log",
  description:
    "What happened in the workspace, newest first, a page at a time; a blind analyst sees only what their view allows.",
  permission: "activity.read",
  params: pathParams.workspace,
  query: activityQuerySchema,
  response: { status: 200, description: "A page of events.", schema: pageOf(ActivityItemSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/activity/export",
  tag: "Workspaces",
  summary: "Export the activity log (JSON Lines)",
  description:
    "Every event of the workspace's activity log, oldest first, one JSON object a line (`id`, `time`, `workspaceId`, `action`, `actor` {id, email, name}, `targetType`, `targetId`, `data`), streamed: for a SIEM. `from` and `to` are UTC days, both included.",
  permission: "activity.export",
  params: pathParams.workspace,
  query: activityExportQuerySchema,
  response: {
    status: 200,
    description: "The events as JSON Lines.",
    contentTypes: { "application/x-ndjson; charset=utf-8": z.string() },
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/archive",
  tag: "Workspaces",
  summary: "Download the workspace archive",
  description:
    "The whole workspace as one zip of JSON Lines, streamed, to move it to another installation: `manifest.json` (format, version, workspace name and settings), then `users.jsonl` (members by email with their role, and former members the rows name, role `null`), `entity-types.jsonl`, `entities.jsonl`, `articles.jsonl`, `revisions.jsonl` (every revision: Tiptap content, canonical text and PDF page starts), `annotations.jsonl` (anchors, anchor state, review state), `relation-types.jsonl`, `relations.jsonl`, `comments.jsonl` (with their edit `history`), `assignments.jsonl`, `saved-searches.jsonl` and `activity.jsonl`. Deleted, merged and archived rows are included; API tokens, invitations and notifications are not. `progressKey` (8–64 letters, digits, `-` or `_`, made up by the caller) lets the caller ask how far the download has got (`/api/workspaces/{workspaceId}/archive/progress`).",
  permission: "workspace.archive",
  params: pathParams.workspace,
  query: archiveExportQuerySchema,
  response: { status: 200, description: "The archive.", contentTypes: { "application/zip": binary } },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/archive/progress",
  tag: "Workspaces",
  summary: "How far a workspace archive download has got",
  description:
    "For a download of the caller's sent with `progressKey`, on the instance that serves it: `reading` while the rows are counted, then `exporting` with `done` of `total` rows written in all and `current` the file being written (`kind`: its name without `.jsonl`) with its own count; then `done`, or `failed` when the download stopped short. `null` when this instance knows no such download.",
  permission: "workspace.archive",
  params: pathParams.workspace,
  query: z.object({ key: importProgressKeySchema }),
  response: {
    status: 200,
    description: "The download's progress, or null.",
    schema: dataOf(importProgressSchema.nullable()),
  },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/import-archive",
  tag: "Workspaces",
  summary: "Import a workspace archive as a new workspace",
  description:
    "The body is the archive itself (`Content-Type: application/zip`, up to 2 GiB). Creates a new workspace owned by the caller with new ids everywhere; people are matched by email to this installation's accounts, and those without one become disabled placeholder accounts (listed in `placeholders`) that keep their annotations, comments and role. Every line is validated; the first bad line or reference answers 422 naming its file and line, and nothing is written. `progressKey` (8–64 letters, digits, `-` or `_`, made up by the caller) lets the caller ask how far the import has got while it runs (`/api/workspaces/import-archive/progress`).",
  permission: "user",
  query: archiveImportQuerySchema,
  bodyContentTypes: { "application/zip": binary },
  response: {
    status: 201,
    description: "The new workspace and what it holds.",
    schema: dataOf(archiveImportResultSchema),
  },
  errors: [413, 415],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/import-archive/progress",
  tag: "Workspaces",
  summary: "How far a workspace archive import has got",
  description:
    "For an archive import of the caller's sent with `progressKey`, on the instance that runs it: `reading` while the archive's rows are counted, then `importing` with `done` of `total` rows written in all and `current` the file being imported (`kind`: its name without `.jsonl`, e.g. `annotations`) with its own count; then `done` or `failed`. `null` when this instance knows no such import (the upload still running, another instance, or over 10 minutes old).",
  permission: "user",
  query: z.object({ key: importProgressKeySchema }),
  response: {
    status: 200,
    description: "The import's progress, or null.",
    schema: dataOf(importProgressSchema.nullable()),
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/members",
  tag: "Members",
  summary: "List members",
  permission: "member.list",
  params: pathParams.workspace,
  response: { status: 200, description: "Owners first, then by name.", schema: dataOf(z.array(MemberSchema)) },
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/members/{userId}",
  tag: "Members",
  summary: "Change a member's role",
  description: "The last owner cannot be demoted (409).",
  permission: "member.manage",
  params: pathParams.member,
  body: updateMemberSchema,
  response: {
    status: 200,
    description: "The member's new role.",
    schema: dataOf(z.object({ userId: z.string(), role: RoleSchema })),
  },
  errors: [409],
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/members/{userId}",
  tag: "Members",
  summary: "Remove a member",
  description: "Their work stays in the workspace. The last owner cannot be removed (409).",
  permission: "member.manage",
  params: pathParams.member,
  response: { status: 204, description: "Removed." },
  errors: [409],
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/membership",
  tag: "Members",
  summary: "Leave the workspace",
  description: "The last owner cannot leave (409).",
  permission: "workspace.read",
  params: pathParams.workspace,
  response: { status: 204, description: "Left." },
  errors: [409],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/invitations",
  tag: "Members",
  summary: "List open invitations",
  permission: "invitation.manage",
  params: pathParams.workspace,
  response: {
    status: 200,
    description: "Invitations that can still be used.",
    schema: dataOf(z.array(InvitationSchema)),
  },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/invitations",
  tag: "Members",
  summary: "Create an invitation link",
  permission: "invitation.manage",
  params: pathParams.workspace,
  body: CreateInvitation,
  response: { status: 201, description: "The invitation and its link.", schema: dataOf(CreatedInvitationSchema) },
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/invitations/{invitationId}",
  tag: "Members",
  summary: "Revoke an invitation link",
  permission: "invitation.manage",
  params: pathParams.invitation,
  response: { status: 204, description: "Revoked." },
});

apiRoute({
  method: "post",
  path: "/api/invitations/{token}",
  tag: "Members",
  summary: "Accept an invitation",
  description: "A member already keeps their role. An expired, revoked or used link answers 404.",
  permission: "user",
  params: pathParams.invitationToken,
  response: {
    status: 200,
    description: "The workspace joined and the role in it.",
    schema: dataOf(z.object({ workspaceId: z.string(), role: RoleSchema })),
  },
  errors: [404],
});
