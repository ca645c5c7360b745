import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import { ApiTokenSchema, CreatedApiTokenSchema, pathParams } from "@/lib/openapi/schemas";
import { createApiTokenSchema } from "@/lib/validations/api-token";

const CreateApiToken = component("CreateApiToken", createApiTokenSchema);

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/api-tokens",
  tag: "API tokens",
  summary: "List my API tokens for a workspace",
  permission: "apiToken.manage",
  apiToken: false,
  params: pathParams.workspace,
  response: {
    status: 200,
    description: "My tokens, newest first (never their secrets).",
    schema: dataOf(z.array(ApiTokenSchema)),
  },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/api-tokens",
  tag: "API tokens",
  summary: "Create an API token",
  description: "The answer carries the token's secret, once.",
  permission: "apiToken.manage",
  apiToken: false,
  params: pathParams.workspace,
  body: CreateApiToken,
  response: { status: 201, description: "The new token with its secret.", schema: dataOf(CreatedApiTokenSchema) },
});

apiRoute({
  method: "get",
  path: "/api/account/api-tokens",
  tag: "API tokens",
  summary: "List my API tokens of every workspace",
  permission: "user",
  response: { status: 200, description: "My tokens, newest first.", schema: dataOf(z.array(ApiTokenSchema)) },
});

apiRoute({
  method: "delete",
  path: "/api/account/api-tokens/{tokenId}",
  tag: "API tokens",
  summary: "Revoke an API token",
  description: "Requests with it answer 401 from the next one on.",
  permission: "user",
  params: pathParams.token,
  response: { status: 200, description: "The revoked token.", schema: dataOf(ApiTokenSchema) },
  errors: [404],
});
