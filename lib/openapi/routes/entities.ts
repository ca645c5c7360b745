import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import { EntitySchema, EntityTypeSchema, EntityWithMentionsSchema, pathParams } from "@/lib/openapi/schemas";
import {
  createEntitySchema,
  entitySearchSchema,
  entityTypeListQuerySchema,
  updateEntitySchema,
} from "@/lib/validations/entity";

const CreateEntity = component("CreateEntity", createEntitySchema);
const UpdateEntity = component("UpdateEntity", updateEntitySchema);

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/entity-types",
  tag: "Entities",
  summary: "List entity types",
  permission: "entityType.list",
  params: pathParams.workspace,
  query: entityTypeListQuerySchema,
  response: { status: 200, description: "The types in display order.", schema: dataOf(z.array(EntityTypeSchema)) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/entities",
  tag: "Entities",
  summary: "Search entities",
  description: "By name and aliases (`q`) and type; without `q`, by name.",
  permission: "entity.list",
  params: pathParams.workspace,
  query: entitySearchSchema,
  response: { status: 200, description: "The matching entities.", schema: dataOf(z.array(EntitySchema)) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/entities",
  tag: "Entities",
  summary: "Create an entity",
  permission: "entity.create",
  params: pathParams.workspace,
  body: CreateEntity,
  response: { status: 201, description: "The new entity.", schema: dataOf(EntitySchema) },
  errors: [409],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/entities/{entityId}",
  tag: "Entities",
  summary: "Read an entity with its mentions",
  permission: "entity.list",
  params: pathParams.entity,
  response: {
    status: 200,
    description: "The entity, its mentions grouped by article.",
    schema: dataOf(EntityWithMentionsSchema),
  },
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/entities/{entityId}",
  tag: "Entities",
  summary: "Edit an entity",
  permission: "entity.update",
  params: pathParams.entity,
  body: UpdateEntity,
  response: { status: 200, description: "The entity.", schema: dataOf(EntitySchema) },
  errors: [409],
});
