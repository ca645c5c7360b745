import { z } from "zod";
import { roles } from "@/lib/auth/permissions";
import { registry } from "@/lib/openapi/registry";
import { annotationStatusSchema } from "@/lib/validations/annotation";
import { apiTokenScopes } from "@/lib/validations/api-token";

// What the routes answer. The request schemas come from lib/validations; these
// describe the server's views (lib/server/**/…-select.ts), and test/api/openapi.test.ts
// parses real answers with them so that they cannot drift.

const dateTime = () => z.iso.datetime().openapi({ description: "ISO 8601, UTC." });
const ref = z.object({ id: z.string(), name: z.string() });

export const pathParams = {
  workspace: z.object({ workspaceId: z.string().openapi({ description: "A workspace id (GET /api/workspaces)." }) }),
  article: z.object({ workspaceId: z.string(), articleId: z.string().openapi({ description: "An article id." }) }),
  annotation: z.object({
    workspaceId: z.string(),
    annotationId: z.string().openapi({ description: "An annotation id." }),
  }),
  entity: z.object({ workspaceId: z.string(), entityId: z.string().openapi({ description: "An entity id." }) }),
  token: z.object({ tokenId: z.string().openapi({ description: "An API token id." }) }),
};

export const RoleSchema = registry.register("Role", z.enum(roles));

export const WorkspaceSummarySchema = registry.register(
  "WorkspaceSummary",
  z.object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    memberCount: z.number().int(),
    articleCount: z.number().int(),
  }),
);

export const WorkspaceSchema = registry.register(
  "Workspace",
  z.object({
    id: z.string(),
    name: z.string(),
    selfReviewAllowed: z.boolean(),
    createdAt: dateTime(),
    role: RoleSchema.openapi({ description: "The caller's role." }),
  }),
);

export const ArticleListItemSchema = registry.register(
  "ArticleListItem",
  z.object({
    id: z.string(),
    title: z.string(),
    source: z.string().nullable(),
    authors: z.array(z.string()),
    publishedAt: dateTime().nullable(),
    createdAt: dateTime(),
    importedBy: ref,
  }),
);

export const ArticleSchema = registry.register(
  "Article",
  z.object({
    id: z.string(),
    workspaceId: z.string(),
    title: z.string(),
    source: z.string().nullable(),
    authors: z.array(z.string()),
    publishedAt: dateTime().nullable(),
    originalUrl: z.string().nullable(),
    language: z.string().nullable(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    importedBy: ref,
    currentRevision: z.object({
      id: z.string().openapi({ description: "Send as `revisionId` when creating annotations." }),
      number: z.number().int(),
      content: z.record(z.string(), z.unknown()).openapi({ description: "The sanitized Tiptap (ProseMirror) JSON." }),
      text: z.string().openapi({
        description: "The canonical plain text: annotation offsets are UTF-16 code units into it, `end` exclusive.",
      }),
      createdAt: dateTime(),
    }),
  }),
);

export const EntityTypeSchema = registry.register(
  "EntityType",
  z.object({
    id: z.string(),
    name: z.string(),
    color: z.string().openapi({ example: "#2f55d4" }),
    shortcut: z.string().nullable(),
    archivedAt: dateTime().nullable(),
  }),
);

const typeRef = z.object({ id: z.string(), name: z.string(), color: z.string() });

export const AnnotationSchema = registry.register(
  "Annotation",
  z.object({
    id: z.string(),
    articleId: z.string(),
    revisionId: z.string(),
    start: z.number().int().openapi({ description: "UTF-16 offset into the revision's canonical text." }),
    end: z.number().int().openapi({ description: "Exclusive." }),
    exact: z.string().openapi({ description: "The quote: text.slice(start, end)." }),
    prefix: z.string(),
    suffix: z.string(),
    note: z.string().nullable(),
    status: annotationStatusSchema,
    anchorState: z.enum(["ANCHORED", "MOVED", "ORPHANED"]),
    version: z.number().int().openapi({ description: "Send back as `version` when updating (optimistic locking)." }),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    deletedAt: dateTime().nullable(),
    author: ref,
    entity: z.object({ id: z.string(), name: z.string(), type: typeRef }).nullable(),
  }),
);

export const EntitySchema = registry.register(
  "Entity",
  z.object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    description: z.string().nullable(),
    externalId: z.string().nullable().openapi({ description: "A Wikidata id (Q42) or a URL." }),
    mergedIntoId: z.string().nullable(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    type: typeRef,
  }),
);

export const EntityWithMentionsSchema = registry.register(
  "EntityWithMentions",
  EntitySchema.extend({
    articles: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        mentions: z.array(
          z.object({
            id: z.string(),
            exact: z.string(),
            prefix: z.string(),
            suffix: z.string(),
            start: z.number().int(),
            authorName: z.string(),
          }),
        ),
      }),
    ),
  }),
);

export const ApiTokenSchema = registry.register(
  "ApiToken",
  z.object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(apiTokenScopes),
    prefix: z.string().openapi({ description: "The token's first characters, to tell tokens apart." }),
    createdAt: dateTime(),
    lastUsedAt: dateTime().nullable().openapi({ description: "Updated at most once a minute." }),
    revokedAt: dateTime().nullable(),
    workspace: ref,
  }),
);

export const CreatedApiTokenSchema = registry.register(
  "CreatedApiToken",
  ApiTokenSchema.extend({
    token: z.string().openapi({ description: "The secret, in this answer only: it is stored hashed." }),
  }),
);
