import { z } from "zod";
import { apiRoute, component, dataOf, pageOf } from "@/lib/openapi/registry";
import { AnnotationSchema, pathParams } from "@/lib/openapi/schemas";
import {
  annotationListQuerySchema,
  createAnnotationBatchSchema,
  createAnnotationSchema,
  updateAnnotationSchema,
  workspaceAnnotationListQuerySchema,
} from "@/lib/validations/annotation";

const CreateAnnotation = component("CreateAnnotation", createAnnotationSchema);
const CreateAnnotationBatch = component("CreateAnnotationBatch", createAnnotationBatchSchema);
const UpdateAnnotation = component("UpdateAnnotation", updateAnnotationSchema);

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/annotations",
  tag: "Annotations",
  summary: "List the workspace's annotations",
  description:
    "Across articles, oldest first, filtered by article, status, entity, entity type, author and `updatedSince`; follow `nextCursor` for the next page.",
  permission: "annotation.list",
  params: pathParams.workspace,
  query: workspaceAnnotationListQuerySchema,
  response: { status: 200, description: "A page of annotations.", schema: pageOf(AnnotationSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/annotations",
  tag: "Annotations",
  summary: "List an article's annotations",
  description: "In reading order (start, end), filtered; follow `nextCursor` for the next page.",
  permission: "annotation.list",
  params: pathParams.article,
  query: annotationListQuerySchema,
  response: { status: 200, description: "A page of annotations.", schema: pageOf(AnnotationSchema) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/annotations",
  tag: "Annotations",
  summary: "Create an annotation",
  description:
    "`start`/`end` must slice the current revision's canonical text (`currentRevision.text` of the article) to exactly `exact`; `revisionId` must be the current revision (409 otherwise).",
  permission: "annotation.create",
  params: pathParams.article,
  body: CreateAnnotation,
  idempotent: true,
  response: { status: 201, description: "The new annotation.", schema: dataOf(AnnotationSchema) },
  errors: [409],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/annotations/batch",
  tag: "Annotations",
  summary: "Create up to 1,000 annotations at once",
  description: "All or none: the first invalid item fails the request (its field errors are named `items.N.field`).",
  permission: "annotation.create",
  params: pathParams.article,
  body: CreateAnnotationBatch,
  idempotent: true,
  response: { status: 201, description: "The new annotations.", schema: dataOf(z.array(AnnotationSchema)) },
  errors: [409],
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/annotations/{annotationId}",
  tag: "Annotations",
  summary: "Update an annotation",
  description:
    "Change its entity, note or range. Send the `version` you read; a stale one answers 409 with the current annotation. Others' annotations need `annotation.manageAny`.",
  permission: "annotation.update",
  params: pathParams.annotation,
  body: UpdateAnnotation,
  response: { status: 200, description: "The updated annotation.", schema: dataOf(AnnotationSchema) },
  errors: [409],
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/annotations/{annotationId}",
  tag: "Annotations",
  summary: "Delete an annotation",
  description: "A soft delete, recorded in the activity log (it can be restored).",
  permission: "annotation.delete",
  params: pathParams.annotation,
  response: { status: 204, description: "Deleted." },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/annotations/{annotationId}/restore",
  tag: "Annotations",
  summary: "Restore a deleted annotation",
  description: "Undoes a deletion; the annotation keeps its id.",
  permission: "annotation.restore",
  params: pathParams.annotation,
  response: { status: 200, description: "The restored annotation.", schema: dataOf(AnnotationSchema) },
});
