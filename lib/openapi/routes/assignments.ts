import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import { AssignmentSchema, DashboardSchema, pathParams } from "@/lib/openapi/schemas";
import {
  assignmentListQuerySchema,
  createAssignmentsSchema,
  updateAssignmentSchema,
} from "@/lib/validations/assignment";

const CreateAssignments = component("CreateAssignments", createAssignmentsSchema);
const UpdateAssignment = component("UpdateAssignment", updateAssignmentSchema);

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/assignments",
  tag: "Assignments",
  summary: "List assignments with progress",
  description:
    "Live assignments on live articles: unsubmitted first, then by due day and article title. Reviewers and owners see everyone's (filter by `articleId`, `assigneeId`); anyone else only their own.",
  permission: "assignment.list",
  params: pathParams.workspace,
  query: assignmentListQuerySchema,
  response: { status: 200, description: "The assignments.", schema: dataOf(z.array(AssignmentSchema)) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/assignments",
  tag: "Assignments",
  summary: "Assign an article to analysts",
  description:
    "One assignment per analyst, with an optional due day. `blind`: the assignee sees only their own annotations on the article until they submit.",
  permission: "assignment.manage",
  params: pathParams.workspace,
  body: CreateAssignments,
  response: { status: 201, description: "The new assignments.", schema: dataOf(z.array(AssignmentSchema)) },
  errors: [409],
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/assignments/{assignmentId}",
  tag: "Assignments",
  summary: "Change an assignment's due day or blind mode",
  permission: "assignment.manage",
  params: pathParams.assignment,
  body: UpdateAssignment,
  response: { status: 200, description: "The assignment.", schema: dataOf(AssignmentSchema) },
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/assignments/{assignmentId}",
  tag: "Assignments",
  summary: "Remove an assignment",
  description: "A soft delete, recorded in the activity log; the assignee's annotations stay.",
  permission: "assignment.manage",
  params: pathParams.assignment,
  response: { status: 204, description: "Removed." },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/assignments/{assignmentId}/submit",
  tag: "Assignments",
  summary: "Submit the work of an assignment",
  description:
    "By its assignee, or by a reviewer or owner for them; from then on the assignee sees everyone's annotations on the article. Submitting twice changes nothing.",
  permission: "assignment.submit",
  params: pathParams.assignment,
  response: { status: 200, description: "The submitted assignment.", schema: dataOf(AssignmentSchema) },
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/assignments/{assignmentId}/submit",
  tag: "Assignments",
  summary: "Reopen a submitted assignment",
  description: "A blind assignee is blind again.",
  permission: "assignment.manage",
  params: pathParams.assignment,
  response: { status: 200, description: "The reopened assignment.", schema: dataOf(AssignmentSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/dashboard",
  tag: "Assignments",
  summary: "Read the workspace's progress dashboard",
  description:
    "Annotation counts by review status per article and per analyst (with their assignments), annotations created per day by entity type and review decisions per day over the last 30 days.",
  permission: "dashboard.read",
  params: pathParams.workspace,
  response: { status: 200, description: "The figures.", schema: dataOf(DashboardSchema) },
});
