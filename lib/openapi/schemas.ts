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
  relation: z.object({ workspaceId: z.string(), relationId: z.string().openapi({ description: "A relation id." }) }),
  relationType: z.object({
    workspaceId: z.string(),
    typeId: z.string().openapi({ description: "A relation type id." }),
  }),
  token: z.object({ tokenId: z.string().openapi({ description: "An API token id." }) }),
  assignment: z.object({
    workspaceId: z.string(),
    assignmentId: z.string().openapi({ description: "An assignment id." }),
  }),
  revision: z.object({
    workspaceId: z.string(),
    articleId: z.string(),
    number: z.string().openapi({ description: "A revision number (1 is the imported text).", example: "1" }),
  }),
  comment: z.object({ workspaceId: z.string(), commentId: z.string().openapi({ description: "A comment id." }) }),
  entityType: z.object({ workspaceId: z.string(), typeId: z.string().openapi({ description: "An entity type id." }) }),
  member: z.object({ workspaceId: z.string(), userId: z.string().openapi({ description: "A member's user id." }) }),
  invitation: z.object({
    workspaceId: z.string(),
    invitationId: z.string().openapi({ description: "An invitation id." }),
  }),
  savedSearch: z.object({
    workspaceId: z.string(),
    savedSearchId: z.string().openapi({ description: "One of the caller's saved search ids." }),
  }),
  invitationToken: z.object({ token: z.string().openapi({ description: "The secret of an invitation link." }) }),
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
    canonicalUrl: z.string().nullable().openapi({ description: "The page's canonical URL, for captured articles." }),
    capturedAt: dateTime().nullable().openapi({ description: "When the page was fetched, for captured articles." }),
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
    version: z
      .number()
      .int()
      .openapi({ description: "Bumped on every change; send it back with an edit (an older one gets 409)." }),
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
    version: z
      .number()
      .int()
      .openapi({ description: "Bumped on every change; send it back with an edit (an older one gets 409)." }),
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

const day = () => z.iso.date().openapi({ description: "A calendar day (YYYY-MM-DD, UTC)." });
const counts = {
  annotations: z.number().int(),
  reviewed: z.number().int().openapi({ description: "Accepted or rejected." }),
  accepted: z.number().int(),
  rejected: z.number().int(),
};

export const AssignmentSchema = registry.register(
  "Assignment",
  z.object({
    id: z.string(),
    articleId: z.string(),
    articleTitle: z.string(),
    assignee: ref,
    assignedBy: ref,
    dueAt: day().nullable().openapi({ description: "The day it is due (YYYY-MM-DD), or null." }),
    overdue: z.boolean().openapi({ description: "Past its due day and not submitted." }),
    blind: z.boolean().openapi({ description: "The assignee sees only their own annotations on the article." }),
    submittedAt: dateTime().nullable(),
    createdAt: dateTime(),
    progress: z.object(counts).openapi({ description: "The assignee's annotations on the article, by review status." }),
  }),
);

const relationCounts = {
  relations: z.number().int(),
  proposed: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
};

export const DashboardSchema = registry.register(
  "Dashboard",
  z.object({
    totals: z.object({ ...counts, articles: z.number().int(), analysts: z.number().int() }),
    articles: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        ...counts,
        analysts: z.array(z.object({ id: z.string(), name: z.string(), submitted: z.boolean(), overdue: z.boolean() })),
      }),
    ),
    analysts: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        ...counts,
        assignments: z.number().int(),
        submitted: z.number().int(),
      }),
    ),
    types: z.array(typeRef),
    annotationsPerDay: z
      .array(
        z.object({
          day: day(),
          counts: z
            .record(z.string(), z.number().int())
            .openapi({ description: "Entity type id → annotations created; `none` for untagged highlights." }),
        }),
      )
      .openapi({ description: "The last 30 days, oldest first, every day present." }),
    reviewsPerDay: z.array(z.object({ day: day(), accepted: z.number().int(), rejected: z.number().int() })),
    relations: z
      .object({
        totals: z.object(relationCounts),
        types: z.array(typeRef.extend({ directed: z.boolean(), ...relationCounts })),
        analysts: z.array(ref.extend(relationCounts)),
      })
      .openapi({ description: "Live relations by review status: in total, per relation type and per author." }),
  }),
);

const importProblem = z.object({
  item: z.number().int().optional().openapi({ description: "The file's n-th annotation, from 0." }),
  line: z.number().int().optional(),
  message: z.string(),
});

export const ImportReportSchema = registry.register(
  "ImportReport",
  z.object({
    committed: z.boolean().openapi({ description: "false for a preview, or when `problems` refused the import." }),
    format: z.enum(["w3c", "hypothesis", "brat"]),
    filename: z.string().nullable(),
    total: z.number().int().openapi({ description: "Highlights in the file (for the chosen `source`)." }),
    anchored: z.number().int(),
    moved: z.number().int(),
    unanchorable: z.number().int(),
    duplicates: z.number().int().openapi({ description: "Already on the article: not imported twice." }),
    orphansKept: z.number().int(),
    comments: z.number().int(),
    relations: z.number().int().openapi({ description: "Relations between the imported highlights." }),
    entities: z.object({ matched: z.number().int(), created: z.number().int() }),
    entityTypes: z.array(
      z.object({
        name: z.string().openapi({ description: "The type name in the file (empty when it names none)." }),
        count: z.number().int(),
        typeId: z
          .string()
          .nullable()
          .openapi({ description: "The workspace type it maps to, `new`, or null when `typeMap` must choose." }),
      }),
    ),
    typesCreated: z.array(z.string()),
    statusesIgnored: z.number().int(),
    reviewsNotKept: z
      .array(
        z.object({
          item: z.number().int(),
          line: z.number().int().optional(),
          status: z.enum(["ACCEPTED", "REJECTED"]),
          reviewer: z.string().nullable(),
          reviewed: z.string().nullable(),
          reason: z.string().nullable(),
          why: z.string(),
        }),
      )
      .openapi({
        description:
          "Decisions of the file imported as PROPOSED: its reviewer is not a member who may review, or would review their own annotation where self-review is not allowed.",
      }),
    reviewsNotKeptCount: z.number().int(),
    sources: z
      .array(z.object({ source: z.string(), count: z.number().int() }))
      .openapi({ description: "The texts the file annotates, when more than one (choose with `source`)." }),
    source: z.string().nullable(),
    items: z.array(
      z.object({
        item: z.number().int(),
        line: z.number().int().optional(),
        outcome: z.enum(["anchored", "moved", "unanchorable", "duplicate"]),
        exact: z.string(),
        start: z.number().int(),
        end: z.number().int(),
        entity: z.string().nullable(),
        type: z.string().nullable(),
        comments: z.number().int(),
      }),
    ),
    skipped: z.array(importProblem),
    skippedCount: z.number().int(),
    problems: z
      .array(importProblem)
      .openapi({ description: "Why it cannot be committed as asked; empty when it can." }),
    problemCount: z.number().int(),
  }),
);

export const CommentSchema = registry.register(
  "Comment",
  z.object({
    id: z.string(),
    annotationId: z.string().nullable().openapi({ description: "Set for a comment in an annotation's thread." }),
    relationId: z.string().nullable().openapi({ description: "Set for a comment in a relation's thread." }),
    author: ref,
    state: z.enum(["visible", "deleted", "hidden"]),
    body: z.record(z.string(), z.unknown()).nullable().openapi({
      description: "Tiptap JSON of the comment; null unless visible (deleted and hidden ones keep their place).",
    }),
    version: z.number().int().openapi({ description: "Send back as `version` when editing." }),
    createdAt: dateTime(),
    editedAt: dateTime().nullable(),
  }),
);

export const ThreadSchema = registry.register(
  "Thread",
  z.object({
    annotationId: z.string().nullable().openapi({ description: "Set for an annotation's thread." }),
    relationId: z.string().nullable().openapi({ description: "Set for a relation's thread." }),
    resolved: z.boolean(),
    resolvedAt: dateTime().nullable(),
    resolvedBy: ref.nullable(),
    comments: z.array(CommentSchema),
  }),
);

export const ThreadSummarySchema = registry.register(
  "ThreadSummary",
  z.object({ annotationId: z.string(), comments: z.number().int(), resolved: z.boolean() }),
);

export const NotificationSchema = registry.register(
  "Notification",
  z.object({
    id: z.string(),
    kind: z.enum(["MENTION", "REPLY", "REVIEW", "ASSIGNMENT"]),
    actor: ref.nullable(),
    articleId: z.string(),
    articleTitle: z.string(),
    annotationId: z
      .string()
      .nullable()
      .openapi({ description: "Null for an assignment (about the whole article) and for a relation's thread." }),
    relationId: z.string().nullable().openapi({ description: "Set for a comment in a relation's thread." }),
    commentId: z.string().nullable(),
    excerpt: z.string(),
    readAt: dateTime().nullable(),
    createdAt: dateTime(),
    href: z.string().openapi({ description: "Opens the article at the comment." }),
  }),
);

export const RevisionSummarySchema = registry.register(
  "RevisionSummary",
  z.object({
    id: z.string(),
    number: z.number().int(),
    createdAt: dateTime(),
    author: ref,
    characters: z.number().int().openapi({ description: "The length of its canonical text." }),
  }),
);

export const RevisionResultSchema = registry.register(
  "RevisionResult",
  z.object({
    revisionId: z.string(),
    number: z.number().int(),
    anchored: z.number().int().openapi({ description: "Live annotations whose text the edit kept: in place." }),
    moved: z
      .number()
      .int()
      .openapi({ description: "Live annotations whose text was changed or moved (please check)." }),
    orphaned: z.number().int().openapi({ description: "Live annotations whose text the edit deleted." }),
    movedIds: z.array(z.string()),
    orphanedIds: z.array(z.string()),
  }),
);

export const MemberSchema = registry.register(
  "Member",
  z.object({ userId: z.string(), name: z.string(), email: z.string(), role: RoleSchema, joinedAt: dateTime() }),
);

export const InvitationSchema = registry.register(
  "Invitation",
  z.object({
    id: z.string(),
    role: RoleSchema,
    createdBy: z.string(),
    createdAt: dateTime(),
    expiresAt: dateTime(),
  }),
);

export const CreatedInvitationSchema = registry.register(
  "CreatedInvitation",
  z.object({
    id: z.string(),
    token: z.string().openapi({ description: "The link's secret, in this answer only." }),
    role: RoleSchema,
    expiresAt: dateTime(),
    url: z.string().openapi({ description: "The invitation link to send." }),
  }),
);

export const PresentMemberSchema = registry.register(
  "PresentMember",
  z.object({
    userId: z.string(),
    name: z.string(),
    selectedAnnotationIds: z.array(z.string()),
    /** Pending links: the annotations the member is linking from (none for a viewer annotating blind). */
    linkingFromIds: z.array(z.string()),
  }),
);

const reviewContext = z.object({
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  clippedStart: z.boolean(),
  clippedEnd: z.boolean(),
});

export const ReviewQueueItemSchema = registry.register(
  "ReviewQueueItem",
  AnnotationSchema.extend({
    article: z.object({ id: z.string(), title: z.string() }),
    context: reviewContext
      .nullable()
      .openapi({ description: "The paragraph around the quote; `start`/`end` index into its `text`." }),
    comments: z.number().int(),
  }),
);

export const ActivityItemSchema = registry.register(
  "ActivityItem",
  z.object({
    id: z.string(),
    action: z.string().openapi({ description: "E.g. `annotation.created`, `assignment.submitted`." }),
    actor: ref.nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    data: z.unknown().openapi({ description: "What the action recorded (titles, quotes, decisions)." }),
    createdAt: dateTime(),
  }),
);

export const SuggestionsSchema = registry.register(
  "Suggestions",
  z.object({
    revisionId: z.string().openapi({ description: "The revision whose text the offsets index." }),
    suggestions: z.array(
      z.object({
        start: z.number().int(),
        end: z.number().int(),
        text: z.string(),
        type: z.enum(["Person", "Organization", "Location"]).nullable(),
        entityId: z.string().nullable().openapi({ description: "Set when it names an entity of the catalog." }),
        source: z.enum(["catalog", "ner", "capitalized"]),
        match: z
          .object({ entityId: z.string(), name: z.string(), via: z.enum(["name", "alias", "last name"]) })
          .nullable()
          .openapi({
            description:
              "A catalog entity the text names (its name, an alias, or the last name of exactly one entity), offered to the analyst, not applied.",
          }),
      }),
    ),
  }),
);

export const EntityNetworkSchema = registry.register(
  "EntityNetwork",
  z.object({
    types: z.array(typeRef),
    nodes: z.array(z.object({ id: z.string(), name: z.string(), typeId: z.string(), mentions: z.number().int() })),
    edges: z
      .array(
        z.object({
          source: z.string().openapi({ description: "The smaller of the two entity ids." }),
          target: z.string(),
          weight: z.number().int().openapi({ description: "Paragraphs in which both are tagged." }),
        }),
      )
      .openapi({ description: "Strongest first." }),
    truncated: z.boolean().openapi({ description: "The weakest edges were left out." }),
    relationTypes: z.array(typeRef.extend({ directed: z.boolean() })),
    relationEdges: z
      .array(
        z.object({
          source: z.string().openapi({ description: "The source entity (for a symmetric type, either end)." }),
          target: z.string(),
          typeId: z.string(),
          directed: z.boolean(),
          count: z.number().int().openapi({ description: "Relations of this type between annotations of the two." }),
        }),
      )
      .openapi({ description: "Typed relations between entities, most mentioned first: distinct from co-occurrence." }),
  }),
);

export const CooccurrencePassagesSchema = registry.register(
  "CooccurrencePassages",
  z.object({
    total: z.number().int(),
    passages: z.array(
      z.object({
        articleId: z.string(),
        articleTitle: z.string(),
        paragraph: z.number().int().openapi({ description: "0-based index of the paragraph in the article's text." }),
        text: z.string(),
        cutBefore: z.boolean(),
        cutAfter: z.boolean(),
        highlights: z.array(
          z.object({ annotationId: z.string(), entityId: z.string(), start: z.number().int(), end: z.number().int() }),
        ),
      }),
    ),
  }),
);

const annotator = z.object({
  id: z.string(),
  name: z.string(),
  annotations: z.number().int().openapi({ description: "Their live annotations on the article." }),
});
const agreementArticle = z.object({
  id: z.string(),
  title: z.string(),
  revisionId: z.string(),
  revisionNumber: z.number().int(),
});
const figures = (description: string) => z.record(z.string(), z.unknown()).openapi({ description });

export const AgreementSchema = registry.register(
  "Agreement",
  z.object({
    article: agreementArticle,
    annotators: z.array(annotator).openapi({
      description: "Who can be compared: those asked for or with submitted work first, then everyone who annotated.",
    }),
    analysts: z.array(annotator).openapi({ description: "The analysts compared, in `annotators` order." }),
    units: z.enum(["all", "annotated"]),
    outside: z.string().openapi({ description: "The label of tokens nobody annotated." }),
    report: z
      .object({
        annotators: z.array(z.string()).openapi({ description: "The analysts' ids, in the order of the matrices." }),
        spanCounts: z
          .array(z.object({ overall: z.number().int(), byLabel: z.record(z.string(), z.number().int()) }))
          .openapi({ description: "Each analyst's spans, overall and per label, in `annotators` order." }),
        spans: z.object({
          exact: figures("Span precision/recall/F1 between every pair, exact matches, overall and per label."),
          overlap: figures("The same with overlapping spans matching."),
        }),
        tokens: figures("Token-level Fleiss' kappa and Krippendorff's alpha over all analysts, overall and per label."),
        tokenPairs: figures("Token-level Cohen's kappa between every pair."),
      })
      .nullable()
      .openapi({
        description: "Null with fewer than two analysts. The figures' shapes are lib/agreement's (see its CSV).",
      }),
    relations: z
      .object({
        counts: z.record(z.string(), z.number().int()).openapi({ description: "Relations per analyst id." }),
        pairs: z.array(
          z.object({
            a: z.string(),
            b: z.string(),
            exact: z.record(z.string(), z.number().nullable()),
            overlap: z.record(z.string(), z.number().nullable()),
          }),
        ),
      })
      .openapi({
        description:
          "Relation precision/recall/F1 of b against a per pair: same type, ends matching exactly or by overlap (symmetric types either way round).",
      }),
  }),
);

export const CurationAnnotationsSchema = registry.register(
  "CurationAnnotations",
  z.object({
    article: agreementArticle.extend({ text: z.string() }),
    annotators: z.array(annotator),
    analysts: z.array(annotator),
    annotations: z.array(
      z.object({
        id: z.string(),
        authorId: z.string(),
        start: z.number().int(),
        end: z.number().int(),
        exact: z.string(),
        status: annotationStatusSchema,
        version: z.number().int(),
        entity: z.object({ id: z.string(), name: z.string(), type: typeRef }).nullable(),
      }),
    ),
  }),
);

export const CurationResultSchema = registry.register(
  "CurationResult",
  z.object({
    accepted: z.number().int(),
    rejected: z.number().int(),
    unchanged: z.number().int().openapi({ description: "Already in the status asked for: not written again." }),
    annotations: z
      .array(z.object({ id: z.string(), status: annotationStatusSchema, version: z.number().int() }))
      .openapi({ description: "Every annotation asked about, as it is now." }),
  }),
);

const curationEnd = z.object({ id: z.string(), start: z.number().int(), end: z.number().int(), exact: z.string() });

export const CurationRelationsSchema = registry.register(
  "CurationRelations",
  z.object({
    analysts: z.array(ref),
    relations: z.array(
      z.object({
        id: z.string(),
        version: z.number().int(),
        status: annotationStatusSchema,
        authorId: z.string(),
        type: typeRef.extend({ directed: z.boolean() }),
        source: curationEnd,
        target: curationEnd,
      }),
    ),
  }),
);

export const RelationCurationResultSchema = registry.register(
  "RelationCurationResult",
  z.object({
    accepted: z.number().int(),
    rejected: z.number().int(),
    relations: z
      .array(z.object({ id: z.string(), status: annotationStatusSchema, version: z.number().int() }))
      .openapi({ description: "Every relation asked about, as it is now." }),
  }),
);

export const RelationTypeSchema = registry.register(
  "RelationType",
  z.object({
    id: z.string(),
    name: z.string().openapi({ example: "leads" }),
    inverseLabel: z.string().nullable().openapi({ example: "led by" }),
    directed: z.boolean().openapi({ description: "False for symmetric types such as “met with”." }),
    sourceTypeIds: z.array(z.string()).openapi({ description: "Entity types the source may have; empty: any." }),
    targetTypeIds: z.array(z.string()).openapi({ description: "Entity types the target may have; empty: any." }),
    color: z.string().openapi({ example: "#2f55d4" }),
    shortcut: z.string().nullable(),
    archivedAt: dateTime().nullable(),
    version: z
      .number()
      .int()
      .openapi({ description: "Bumped on every change; send it back with an edit (an older one gets 409)." }),
  }),
);

const relationEnd = z.object({
  id: z.string().openapi({ description: "The annotation's id." }),
  start: z.number().int(),
  end: z.number().int(),
  exact: z.string(),
  anchorState: z.enum(["ANCHORED", "MOVED", "ORPHANED"]),
  entity: z.object({ id: z.string(), name: z.string(), typeId: z.string() }).nullable(),
});

export const RelationSchema = registry.register(
  "Relation",
  z.object({
    id: z.string(),
    articleId: z.string(),
    type: z.object({
      id: z.string(),
      name: z.string(),
      inverseLabel: z.string().nullable(),
      directed: z.boolean(),
      color: z.string(),
    }),
    source: relationEnd,
    target: relationEnd,
    note: z.string().nullable(),
    status: annotationStatusSchema,
    rejectionReason: z.string().nullable(),
    reviewedAt: dateTime().nullable(),
    version: z.number().int(),
    flagged: z
      .boolean()
      .openapi({ description: "True while either end is orphaned by a revision: kept, to be checked by hand." }),
    author: ref,
    createdAt: dateTime(),
    updatedAt: dateTime(),
    deletedAt: dateTime().nullable(),
  }),
);

export const RelationReviewQueueItemSchema = registry.register(
  "RelationReviewQueueItem",
  RelationSchema.extend({
    article: z.object({ id: z.string(), title: z.string() }),
    sourceContext: reviewContext
      .nullable()
      .openapi({ description: "The paragraph around the source; null when a revision orphaned it." }),
    targetContext: reviewContext
      .nullable()
      .openapi({ description: "The paragraph around the target; null when a revision orphaned it." }),
  }),
);
