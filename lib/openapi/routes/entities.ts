import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import {
  CooccurrencePassagesSchema,
  EntityNetworkSchema,
  EntitySchema,
  EntityTypeSchema,
  EntityWithMentionsSchema,
  pathParams,
} from "@/lib/openapi/schemas";
import {
  createEntitySchema,
  createEntityTypeSchema,
  entitySearchSchema,
  entityTypeListQuerySchema,
  mergeEntitySchema,
  updateEntitySchema,
  updateEntityTypeSchema,
} from "@/lib/validations/entity";
import { cooccurrencePassagesQuerySchema, entityNetworkQuerySchema } from "@/lib/validations/entity-network";

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
  description: "Send the `version` you read; a stale one answers 409 with the current entity.",
  permission: "entity.update",
  params: pathParams.entity,
  body: UpdateEntity,
  response: { status: 200, description: "The entity.", schema: dataOf(EntitySchema) },
  errors: [409],
});

const CreateEntityType = component("CreateEntityType", createEntityTypeSchema);
const UpdateEntityType = component("UpdateEntityType", updateEntityTypeSchema);

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/entity-types",
  tag: "Entities",
  summary: "Add an entity type",
  permission: "entityType.manage",
  params: pathParams.workspace,
  body: CreateEntityType,
  response: { status: 201, description: "The new type.", schema: dataOf(EntityTypeSchema) },
  errors: [409],
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/entity-types/{typeId}",
  tag: "Entities",
  summary: "Edit or archive an entity type",
  description:
    "Rename, recolour, rebind its shortcut, or archive it (archived types keep their entities). Send the `version` you read; a stale one answers 409 with the current type.",
  permission: "entityType.manage",
  params: pathParams.entityType,
  body: UpdateEntityType,
  response: { status: 200, description: "The type.", schema: dataOf(EntityTypeSchema) },
  errors: [409],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/entities/{entityId}/merge",
  tag: "Entities",
  summary: "Merge an entity into another",
  description: "Its annotations and aliases move to `intoId`; it stays as a pointer (`mergedIntoId`).",
  permission: "entity.merge",
  params: pathParams.entity,
  body: mergeEntitySchema,
  response: { status: 200, description: "The entity merged into.", schema: dataOf(EntitySchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/entity-network",
  tag: "Entities",
  summary: "Read the entity co-occurrence network",
  description:
    "Entities (nodes) and how often two are tagged in the same paragraph (edges of at least `minWeight`), over one article or all; `typeId` may repeat.",
  permission: "entity.list",
  params: pathParams.workspace,
  query: entityNetworkQuerySchema,
  response: { status: 200, description: "The network.", schema: dataOf(EntityNetworkSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/entity-network/passages",
  tag: "Entities",
  summary: "List the paragraphs two entities share",
  permission: "entity.list",
  params: pathParams.workspace,
  query: cooccurrencePassagesQuerySchema,
  response: { status: 200, description: "The passages.", schema: dataOf(CooccurrencePassagesSchema) },
});
