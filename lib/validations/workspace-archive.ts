import { z } from "zod";
import { documentSchema } from "@/lib/validations/content";
import { commentBodySchema } from "@/lib/validations/comment";
import { importProgressKeySchema } from "@/lib/validations/annotation-import";
import { storableDate, text } from "@/lib/validations/storable";

/**
 * One workspace archive (format version 1): a zip whose entries are read in
 * this order, `manifest.json` first, then one JSON object a line in each
 * `.jsonl` file. Ids are the exporting installation's; an import gives every
 * row a new id and rewrites every reference.
 */
export const ARCHIVE_FORMAT = "marginalia-workspace-archive";
export const ARCHIVE_VERSION = 1;

export const archiveFiles = [
  "manifest.json",
  "users.jsonl",
  "entity-types.jsonl",
  "entities.jsonl",
  "articles.jsonl",
  "revisions.jsonl",
  "annotations.jsonl",
  "relation-types.jsonl",
  "relations.jsonl",
  "comments.jsonl",
  "assignments.jsonl",
  "saved-searches.jsonl",
  "activity.jsonl",
] as const;
export type ArchiveFile = (typeof archiveFiles)[number];
/** Files an archive may lack: archives written before relations or saved searches existed have none of them. */
export const optionalArchiveFiles: ReadonlySet<ArchiveFile> = new Set([
  "relation-types.jsonl",
  "relations.jsonl",
  "saved-searches.jsonl",
]);

const id = text().min(1).max(64);
const instant = z.iso.datetime({ offset: true }).refine(...storableDate);
const day = z.iso.date().refine(...storableDate);
const role = z.enum(["OWNER", "REVIEWER", "ANALYST", "VIEWER"]);
/** JSON of the activity log's `data`: any JSON value (the log records what each action chose to). */
const json: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), text(), z.array(json), z.record(z.string(), json)]),
);

export const archiveManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: instant,
  workspace: z.object({
    name: text().min(1).max(200),
    selfReviewAllowed: z.boolean(),
    createdAt: instant,
  }),
});

/** Everyone the workspace's rows name: its members (with `role`) and former members or actors (`role: null`). */
export const archiveUserSchema = z.object({
  id,
  email: text().min(3).max(320),
  name: text().max(200),
  role: role.nullable(),
  memberSince: instant.nullable(),
});

export const archiveEntityTypeSchema = z.object({
  id,
  name: text().min(1).max(200),
  color: text().max(32),
  shortcut: text().max(8).nullable(),
  position: z.number().int(),
  archivedAt: instant.nullable(),
  /** Archives written before entities and types had versions have none: 1. */
  version: z.number().int().min(1).default(1),
  createdAt: instant,
  updatedAt: instant,
});

export const archiveEntitySchema = z.object({
  id,
  typeId: id,
  name: text().min(1).max(500),
  aliases: z.array(text().max(500)).max(1000),
  description: text().max(20_000).nullable(),
  externalId: text().max(2000).nullable(),
  mergedIntoId: id.nullable(),
  /** Archives written before entities and types had versions have none: 1. */
  version: z.number().int().min(1).default(1),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.nullable(),
});

export const archiveArticleSchema = z.object({
  id,
  title: text().min(1).max(1000),
  source: text().max(2000).nullable(),
  authors: z.array(text().max(500)).max(1000),
  publishedAt: day.nullable(),
  originalUrl: text().max(4000).nullable(),
  /** Captured pages only; absent from archives written before capture existed. */
  canonicalUrl: text().max(4000).nullable().default(null),
  capturedAt: instant.nullable().default(null),
  language: text().max(32).nullable(),
  importedById: id,
  currentRevisionId: id.nullable(),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.nullable(),
});

/** Every revision of every article: its Tiptap content and the canonical text its annotations index. */
export const archiveRevisionSchema = z.object({
  id,
  articleId: id,
  number: z.number().int().min(1),
  content: documentSchema,
  text: z.string(),
  /** For text read from a PDF: where each page begins in `text` (absent from older archives). */
  pages: z
    .array(z.object({ page: z.number().int().min(1), start: z.number().int().min(0) }))
    .max(100_000)
    .nullable()
    .default(null),
  authorId: id,
  createdAt: instant,
});

export const archiveAnnotationSchema = z.object({
  id,
  articleId: id,
  revisionId: id,
  authorId: id,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  entityId: id.nullable(),
  note: text().nullable(),
  status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED"]),
  anchorState: z.enum(["ANCHORED", "MOVED", "ORPHANED"]),
  reviewedAt: instant.nullable(),
  reviewedById: id.nullable(),
  rejectionReason: text().nullable(),
  threadResolvedAt: instant.nullable(),
  threadResolvedById: id.nullable(),
  version: z.number().int().min(1),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.nullable(),
});

export const archiveRelationTypeSchema = z.object({
  id,
  name: text().min(1).max(200),
  inverseLabel: text().max(200).nullable(),
  directed: z.boolean(),
  /** Entity type ids of the archive. */
  sourceTypeIds: z.array(id).max(1000),
  targetTypeIds: z.array(id).max(1000),
  color: text().max(32),
  shortcut: text().max(8).nullable(),
  position: z.number().int(),
  archivedAt: instant.nullable(),
  /** Archives written before entities and types had versions have none: 1. */
  version: z.number().int().min(1).default(1),
  createdAt: instant,
  updatedAt: instant,
});

/** A relation between two annotations of one article (`deletedWithId`: the annotation whose deletion took it along). */
export const archiveRelationSchema = z.object({
  id,
  articleId: id,
  sourceId: id,
  targetId: id,
  typeId: id,
  authorId: id,
  note: text().nullable(),
  status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED"]),
  reviewedAt: instant.nullable(),
  reviewedById: id.nullable(),
  rejectionReason: text().nullable(),
  version: z.number().int().min(1),
  deletedWithId: id.nullable(),
  threadResolvedAt: instant.nullable().default(null),
  threadResolvedById: id.nullable().default(null),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.nullable(),
});

/** A comment with its edit history (`history`: the earlier bodies, oldest first). */
export const archiveCommentSchema = z
  .object({
    id,
    /** The thread's annotation, or (`relationId`) its relation: exactly one of the two. */
    annotationId: id.nullable(),
    relationId: id.nullable().default(null),
    authorId: id,
    body: commentBodySchema,
    text: text(),
    version: z.number().int().min(1),
    createdAt: instant,
    updatedAt: instant,
    editedAt: instant.nullable(),
    deletedAt: instant.nullable(),
    hiddenAt: instant.nullable(),
    hiddenById: id.nullable(),
    history: z.array(z.object({ body: commentBodySchema, text: text(), createdAt: instant })).max(10_000),
  })
  .refine((c) => (c.annotationId === null) !== (c.relationId === null), {
    message: "A comment belongs to an annotation or to a relation, exactly one.",
    path: ["annotationId"],
  });

export const archiveAssignmentSchema = z.object({
  id,
  articleId: id,
  assigneeId: id,
  assignedById: id,
  dueAt: day.nullable(),
  blind: z.boolean(),
  submittedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.nullable(),
});

/** A member's saved search (`lastOpenedAt`: its "new matches" count from there). */
export const archiveSavedSearchSchema = z.object({
  id,
  userId: id,
  name: text().min(1).max(200),
  query: text().max(2000),
  lastOpenedAt: instant,
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.nullable(),
});

export const archiveActivitySchema = z.object({
  id,
  actorId: id.nullable(),
  action: text().min(1).max(100),
  targetType: text().max(100).nullable(),
  targetId: text().max(200).nullable(),
  data: json.nullable(),
  createdAt: instant,
});

export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
export type ArchiveUser = z.infer<typeof archiveUserSchema>;
export type ArchiveEntityType = z.infer<typeof archiveEntityTypeSchema>;
export type ArchiveEntity = z.infer<typeof archiveEntitySchema>;
export type ArchiveArticle = z.infer<typeof archiveArticleSchema>;
export type ArchiveRevision = z.infer<typeof archiveRevisionSchema>;
export type ArchiveAnnotation = z.infer<typeof archiveAnnotationSchema>;
export type ArchiveRelationType = z.infer<typeof archiveRelationTypeSchema>;
export type ArchiveRelation = z.infer<typeof archiveRelationSchema>;
export type ArchiveComment = z.infer<typeof archiveCommentSchema>;
export type ArchiveAssignment = z.infer<typeof archiveAssignmentSchema>;
export type ArchiveSavedSearch = z.infer<typeof archiveSavedSearchSchema>;
export type ArchiveActivity = z.infer<typeof archiveActivitySchema>;

/** The query of an archive download: `progressKey` lets the caller poll `…/archive/progress?key=`. */
export const archiveExportQuerySchema = z.object({ progressKey: importProgressKeySchema.optional() });

/** The query of an archive import: `progressKey` lets the caller poll `…/import-archive/progress?key=`. */
export const archiveImportQuerySchema = z.object({ progressKey: importProgressKeySchema.optional() });

/** The answer to an import: the new workspace and what it holds. */
export const archiveImportResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  counts: z.record(z.string(), z.number().int()),
  /** Archived people with no account here: kept as disabled placeholder accounts, by email. */
  placeholders: z.array(z.object({ email: z.string(), role: role.nullable() })),
});
export type ArchiveImportResult = z.infer<typeof archiveImportResultSchema>;
