import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import { pathParams, RelationSchema, RelationTypeSchema } from "@/lib/openapi/schemas";
import {
  createRelationSchema,
  createRelationTypeSchema,
  relationListQuerySchema,
  relationTypeListQuerySchema,
  updateRelationSchema,
  updateRelationTypeSchema,
} from "@/lib/validations/relation";
import { reviewSchema } from "@/lib/validations/review";

const CreateRelation = component("CreateRelation", createRelationSchema);
const UpdateRelation = component("UpdateRelation", updateRelationSchema);
const CreateRelationType = component("CreateRelationType", createRelationTypeSchema);
const UpdateRelationType = component("UpdateRelationType", updateRelationTypeSchema);

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/relation-types",
  tag: "Relations",
  summary: "List relation types",
  permission: "relationType.list",
  params: pathParams.workspace,
  query: relationTypeListQuerySchema,
  response: { status: 200, description: "The types in display order.", schema: dataOf(z.array(RelationTypeSchema)) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/relation-types",
  tag: "Relations",
  summary: "Add a relation type",
  description: "Name, inverse label, directed or symmetric, allowed source and target entity types, colour, shortcut.",
  permission: "relationType.manage",
  params: pathParams.workspace,
  body: CreateRelationType,
  response: { status: 201, description: "The new type.", schema: dataOf(RelationTypeSchema) },
  errors: [409],
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/relation-types/{typeId}",
  tag: "Relations",
  summary: "Change or archive a relation type",
  description: "Send the `version` you read; a stale one answers 409 with the current type.",
  permission: "relationType.manage",
  params: pathParams.relationType,
  body: UpdateRelationType,
  response: { status: 200, description: "The type as it is now.", schema: dataOf(RelationTypeSchema) },
  errors: [409],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/relations",
  tag: "Relations",
  summary: "List an article's relations",
  description:
    "Live relations whose two annotations are live, oldest first. A blind analyst sees only their own relations between their own annotations.",
  permission: "relation.list",
  params: pathParams.article,
  query: relationListQuerySchema,
  response: { status: 200, description: "The relations.", schema: dataOf(z.array(RelationSchema)) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/relations",
  tag: "Relations",
  summary: "Link two annotations",
  description:
    "Both ends must be live annotations of the article that you may see (404 otherwise); a type whose allowed entity types the ends do not have answers 422.",
  permission: "relation.create",
  params: pathParams.article,
  body: CreateRelation,
  response: { status: 201, description: "The new relation.", schema: dataOf(RelationSchema) },
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/relations/{relationId}",
  tag: "Relations",
  summary: "Update a relation",
  description:
    "Change its type or note, or reverse it. Send the `version` you read; a stale one answers 409 with the current relation. Others' relations need `annotation.manageAny`.",
  permission: "relation.update",
  params: pathParams.relation,
  body: UpdateRelation,
  response: { status: 200, description: "The updated relation.", schema: dataOf(RelationSchema) },
  errors: [409],
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/relations/{relationId}",
  tag: "Relations",
  summary: "Delete a relation",
  description: "A soft delete, recorded in the activity log (it can be restored).",
  permission: "relation.delete",
  params: pathParams.relation,
  response: { status: 204, description: "Deleted." },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/relations/{relationId}/restore",
  tag: "Relations",
  summary: "Restore a deleted relation",
  description: "Both of its annotations must be live (409 otherwise).",
  permission: "relation.restore",
  params: pathParams.relation,
  response: { status: 200, description: "The restored relation.", schema: dataOf(RelationSchema) },
  errors: [409],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/relations/{relationId}/review",
  tag: "Relations",
  summary: "Review a relation",
  description: "Accept, reject (with a reason) or undo a decision, as for annotations.",
  permission: "annotation.review",
  params: pathParams.relation,
  body: component("ReviewRelation", reviewSchema),
  response: { status: 200, description: "The relation as it is now.", schema: dataOf(RelationSchema) },
  errors: [409],
});
