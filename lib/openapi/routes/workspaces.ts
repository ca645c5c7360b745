import { z } from "zod";
import { apiRoute, dataOf } from "@/lib/openapi/registry";
import { pathParams, WorkspaceSchema, WorkspaceSummarySchema } from "@/lib/openapi/schemas";

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
