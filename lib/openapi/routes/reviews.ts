import { z } from "zod";
import { apiRoute, component, dataOf, pageOf } from "@/lib/openapi/registry";
import {
  AnnotationSchema,
  pathParams,
  RelationReviewQueueItemSchema,
  ReviewQueueItemSchema,
} from "@/lib/openapi/schemas";
import {
  batchReviewSchema,
  relationReviewQueueQuerySchema,
  reviewQueueQuerySchema,
  reviewSchema,
} from "@/lib/validations/review";

const Review = component("Review", reviewSchema);
const BatchReview = component("BatchReview", batchReviewSchema);

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/annotations/{annotationId}/review",
  tag: "Reviews",
  summary: "Review an annotation",
  description:
    "Accept, reject (with a reason) or undo a decision. Send the `version` you read; a stale one answers 409. Reviewing one's own annotations needs the workspace's `selfReviewAllowed`.",
  permission: "annotation.review",
  params: pathParams.annotation,
  body: Review,
  response: { status: 200, description: "The reviewed annotation.", schema: dataOf(AnnotationSchema) },
  errors: [409],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/annotations/review",
  tag: "Reviews",
  summary: "Review many annotations at once",
  description: "One decision on every item, all or none (a stale `version` on any answers 409).",
  permission: "annotation.review",
  params: pathParams.workspace,
  body: BatchReview,
  response: { status: 200, description: "The reviewed annotations.", schema: dataOf(z.array(AnnotationSchema)) },
  errors: [409],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/review-queue",
  tag: "Reviews",
  summary: "Read the review queue",
  description:
    "Anchored annotations to review (by default the undecided ones, oldest first) with their paragraph, filtered by article, type, author and creation days; `total` counts every match.",
  permission: "annotation.review",
  params: pathParams.workspace,
  query: reviewQueueQuerySchema,
  response: {
    status: 200,
    description: "A page of the queue.",
    schema: pageOf(ReviewQueueItemSchema).extend({ total: z.number().int() }),
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/relation-review-queue",
  tag: "Reviews",
  summary: "Read the relation review queue",
  description:
    "Relations to review (by default the undecided ones, oldest first) with the paragraph of each end, filtered by article, relation type, author and creation days; `total` counts every match. Decide one with POST …/relations/{relationId}/review.",
  permission: "annotation.review",
  params: pathParams.workspace,
  query: relationReviewQueueQuerySchema,
  response: {
    status: 200,
    description: "A page of the queue.",
    schema: pageOf(RelationReviewQueueItemSchema).extend({ total: z.number().int() }),
  },
});
