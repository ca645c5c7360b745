import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import {
  AgreementSchema,
  CurationAnnotationsSchema,
  CurationRelationsSchema,
  CurationResultSchema,
  pathParams,
  RelationCurationResultSchema,
} from "@/lib/openapi/schemas";
import {
  agreementQuerySchema,
  applyCurationSchema,
  applyRelationCurationSchema,
  curationQuerySchema,
} from "@/lib/validations/curation";

const ApplyCuration = component("ApplyCuration", applyCurationSchema);
const ApplyRelationCuration = component("ApplyRelationCuration", applyRelationCurationSchema);
const analysts =
  "`analyst` repeats to pick whose annotations to compare; by default everyone who annotated the article's current text or submitted an assignment of it.";

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/agreement",
  tag: "Agreement",
  summary: "Measure agreement between analysts",
  description: [
    "On the article's current text: span precision/recall/F1 between every pair (exact and overlapping), token-level Cohen's kappa per pair, Fleiss' kappa and Krippendorff's alpha over all, each overall and per entity type. `units=annotated` counts only tokens someone annotated.",
    analysts,
    "`format=csv` downloads the figures as CSV (`Content-Disposition: attachment`).",
  ].join("\n\n"),
  permission: "annotation.review",
  params: pathParams.article,
  query: agreementQuerySchema,
  response: {
    status: 200,
    description: "The figures, as JSON or (`format=csv`) CSV.",
    contentTypes: { "application/json": dataOf(AgreementSchema), "text/csv; charset=utf-8": z.string() },
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/curation",
  tag: "Agreement",
  summary: "Read the analysts' annotations for curation",
  description: `The live annotations on the article's current text (orphaned ones left out) with the text. ${analysts}`,
  permission: "annotation.review",
  params: pathParams.article,
  query: curationQuerySchema,
  response: { status: 200, description: "The text and the annotations.", schema: dataOf(CurationAnnotationsSchema) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/curation",
  tag: "Agreement",
  summary: "Apply a curation",
  description:
    "Makes the picks the accepted set, all or none: `ACCEPTED` items are accepted, `REJECTED` ones rejected with a curation reason posted to their threads. Each at the `version` the reviewer saw (409 otherwise, nothing written); self-review rules apply.",
  permission: "annotation.review",
  params: pathParams.article,
  body: ApplyCuration,
  response: { status: 200, description: "What was decided.", schema: dataOf(CurationResultSchema) },
  errors: [409, 413],
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/relation-curation",
  tag: "Agreement",
  summary: "Read the analysts' relations for curation",
  description: `The live relations between live annotations anchored on the article's current text, oldest first. Group them by their two ends (the same ranges, in either order) to find where the analysts differ. ${analysts}`,
  permission: "annotation.review",
  params: pathParams.article,
  query: curationQuerySchema,
  response: { status: 200, description: "The analysts and their relations.", schema: dataOf(CurationRelationsSchema) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/relation-curation",
  tag: "Agreement",
  summary: "Decide relation differences",
  description:
    "All or none: `ACCEPTED` relations are kept in the curated (accepted) set, `REJECTED` ones rejected with the curation reason. Each at the `version` the reviewer saw (409 otherwise, nothing written); self-review rules apply. Recorded as `relation.reviewed` events marked `curated` and one `article.curated` event.",
  permission: "annotation.review",
  params: pathParams.article,
  body: ApplyRelationCuration,
  response: { status: 200, description: "What was decided.", schema: dataOf(RelationCurationResultSchema) },
  errors: [409, 413],
});
