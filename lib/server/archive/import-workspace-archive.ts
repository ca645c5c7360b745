import "server-only";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import yauzl from "yauzl";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { AppError } from "@/lib/errors";
import { recordActivities, recordActivity } from "@/lib/server/activity/record-activity";
import { insertRows, type ColumnType } from "@/lib/server/archive/insert-rows";
import { timeSlices } from "@/lib/server/time-slices";
import type { ImportProgress } from "@/lib/validations/annotation-import";
import { isNestedDeeperThan } from "@/lib/validations/storable";
import {
  archiveActivitySchema,
  archiveAnnotationSchema,
  archiveArticleSchema,
  archiveAssignmentSchema,
  archiveCommentSchema,
  archiveEntitySchema,
  archiveEntityTypeSchema,
  archiveFiles,
  archiveManifestSchema,
  archiveRelationSchema,
  archiveRelationTypeSchema,
  archiveRevisionSchema,
  archiveSavedSearchSchema,
  archiveUserSchema,
  optionalArchiveFiles,
  type ArchiveFile,
  type ArchiveImportResult,
} from "@/lib/validations/workspace-archive";

/** Rows written per statement. */
const BATCH = 1000;
/** A line longer than this many characters (an article body of many megabytes) is refused rather than held. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;
/** Total uncompressed size accepted (a zip bomb is refused before it fills memory or disk). */
const MAX_UNCOMPRESSED_BYTES = 20 * 1024 ** 3;

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

function invalid(message: string, details?: Record<string, unknown>): AppError {
  return new AppError("UNPROCESSABLE", message, details ? { details } : undefined);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) =>
      err ? reject(invalid("The file is not a readable zip archive.", { reason: err.message })) : resolve(zip),
    ),
  );
}

/** The archive's entries by name (the central directory only; nothing is decompressed yet). */
function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    zip.on("entry", (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", () =>
      total > MAX_UNCOMPRESSED_BYTES
        ? reject(new AppError("PAYLOAD_TOO_LARGE", "The archive is too large once uncompressed."))
        : resolve(entries),
    );
    zip.on("error", (err: Error) => reject(invalid("The zip archive is damaged.", { reason: err.message })));
    zip.readEntry();
  });
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      err
        ? reject(invalid("The zip archive is damaged.", { file: entry.fileName, reason: err.message }))
        : resolve(stream),
    ),
  );
}

/**
 * The lines of a stream, read only as fast as they are consumed (the stream's own async
 * iterator pulls a chunk at a time; readline's would read ahead of a slow consumer and
 * queue the whole file). A line running past MAX_LINE_CHARS is refused before it is held.
 */
async function* readLines(stream: Readable, file: string): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  for await (const chunk of stream) {
    // Only the new text can hold a new line end: a long line is not scanned again per chunk.
    const from = pending.length;
    pending += decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = pending.indexOf("\n", from); end !== -1; end = pending.indexOf("\n", start)) {
      yield pending.slice(start, end);
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_CHARS) throw invalid(`${file}: a line is too long.`, { file });
  }
  pending += decoder.end();
  if (pending) yield pending;
}

/**
 * Reads one archive file a line at a time, validating each line with
 * `schema`, and hands them on in batches; the first bad line stops the import
 * with its file and line number.
 */
async function eachBatch<S extends z.ZodType>(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  file: ArchiveFile,
  schema: S,
  onBatch: (rows: z.infer<S>[]) => Promise<void>,
  onWritten?: (rows: number) => void,
): Promise<number> {
  const entry = entries.get(file);
  if (!entry) throw invalid(`The archive has no ${file}.`, { file });
  const stream = await entryStream(zip, entry);
  let lineNumber = 0;
  let count = 0;
  let batch: z.infer<S>[] = [];
  let writing = false;
  // Parsing and checking lines is synchronous: other requests run between slices.
  const slices = timeSlices();
  try {
    for await (const line of readLines(stream, file)) {
      if (slices.due()) await slices.pass();
      lineNumber++;
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw invalid(`${file}, line ${lineNumber}: not valid JSON.`, { file, line: lineNumber });
      }
      if (isNestedDeeperThan(value)) throw invalid(`${file}, line ${lineNumber}: nested too deeply.`);
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw invalid(`${file}, line ${lineNumber}: ${first.path.join(".") || "value"}: ${first.message}`, {
          file,
          line: lineNumber,
          issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })),
        });
      }
      batch.push(parsed.data);
      count++;
      if (batch.length >= BATCH) {
        writing = true;
        await onBatch(batch);
        writing = false;
        batch = [];
        onWritten?.(count);
      }
    }
  } catch (err) {
    stream.destroy();
    // A database error is the database's to answer (e.g. 409, 503), not the zip's.
    if (err instanceof AppError || writing) throw err;
    throw invalid(`${file} cannot be read: the zip archive is damaged.`, {
      file,
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  if (batch.length) await onBatch(batch);
  onWritten?.(count);
  return count;
}

/** The files of rows, in the order they are imported. */
const rowFiles = archiveFiles.filter((f): f is Exclude<ArchiveFile, "manifest.json"> => f !== "manifest.json");

/**
 * The number of lines of each file of rows, read (decompressed, not parsed) before the import so
 * that its progress can say "of how many". Only when someone watches the progress.
 */
async function countLines(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<Map<ArchiveFile, number>> {
  const counts = new Map<ArchiveFile, number>();
  for (const file of rowFiles) {
    const entry = entries.get(file);
    if (!entry) continue;
    const stream = await entryStream(zip, entry);
    let lines = 0;
    let last = 0x0a;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
        if (chunk.length) last = chunk[chunk.length - 1];
      }
    } catch (err) {
      throw invalid(`${file} cannot be read: the zip archive is damaged.`, {
        file,
        reason: err instanceof Error ? err.message : String(err),
      });
    }
    counts.set(file, lines + (last === 0x0a ? 0 : 1));
  }
  return counts;
}

async function readManifest(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>) {
  const entry = entries.get("manifest.json");
  if (!entry) throw invalid("This is not a Marginalia workspace archive: it has no manifest.json.");
  if (entry.uncompressedSize > 1_000_000) throw invalid("manifest.json is too large.");
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await entryStream(zip, entry)) chunks.push(chunk as Buffer);
  } catch (err) {
    throw invalid("The zip archive is damaged.", { reason: err instanceof Error ? err.message : String(err) });
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw invalid("manifest.json is not valid JSON.");
  }
  const parsed = archiveManifestSchema.safeParse(value);
  if (!parsed.success) {
    throw invalid("This is not a Marginalia workspace archive of a version this installation reads.", {
      file: "manifest.json",
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  return parsed.data;
}

const annotationColumns: Record<string, ColumnType> = {
  id: "text",
  workspaceId: "text",
  articleId: "text",
  revisionId: "text",
  authorId: "text",
  start: "int",
  end: "int",
  exact: "text",
  prefix: "text",
  suffix: "text",
  entityId: "text",
  note: "text",
  status: { enum: "AnnotationStatus" },
  anchorState: { enum: "AnchorState" },
  reviewedAt: "timestamp",
  reviewedById: "text",
  rejectionReason: "text",
  threadResolvedAt: "timestamp",
  threadResolvedById: "text",
  version: "int",
  createdAt: "timestamp",
  updatedAt: "timestamp",
  deletedAt: "timestamp",
};
const relationColumns: Record<string, ColumnType> = {
  id: "text",
  workspaceId: "text",
  articleId: "text",
  sourceId: "text",
  targetId: "text",
  typeId: "text",
  authorId: "text",
  note: "text",
  status: { enum: "AnnotationStatus" },
  reviewedAt: "timestamp",
  reviewedById: "text",
  rejectionReason: "text",
  version: "int",
  deletedWithId: "text",
  threadResolvedAt: "timestamp",
  threadResolvedById: "text",
  createdAt: "timestamp",
  updatedAt: "timestamp",
  deletedAt: "timestamp",
};
const commentColumns: Record<string, ColumnType> = {
  id: "text",
  workspaceId: "text",
  articleId: "text",
  annotationId: "text",
  relationId: "text",
  authorId: "text",
  body: "jsonb",
  text: "text",
  version: "int",
  createdAt: "timestamp",
  updatedAt: "timestamp",
  editedAt: "timestamp",
  deletedAt: "timestamp",
  hiddenAt: "timestamp",
  hiddenById: "text",
};
const commentRevisionColumns: Record<string, ColumnType> = {
  id: "text",
  commentId: "text",
  body: "jsonb",
  text: "text",
  createdAt: "timestamp",
};
const assignmentColumns: Record<string, ColumnType> = {
  id: "text",
  workspaceId: "text",
  articleId: "text",
  assigneeId: "text",
  assignedById: "text",
  dueAt: "date",
  blind: "boolean",
  submittedAt: "timestamp",
  createdAt: "timestamp",
  updatedAt: "timestamp",
  deletedAt: "timestamp",
};
const activityColumns: Record<string, ColumnType> = {
  id: "text",
  workspaceId: "text",
  actorId: "text",
  action: "text",
  targetType: "text",
  targetId: "text",
  data: "jsonb",
  createdAt: "timestamp",
};

/** Old id → new id, per kind of row; a reference to an id the archive did not define is refused. */
class IdMap {
  private readonly ids = new Map<string, string>();
  constructor(private readonly kind: string) {}
  add(oldId: string, id = newId()): string {
    if (this.ids.has(oldId)) throw invalid(`The archive defines ${this.kind} ${oldId} twice.`);
    this.ids.set(oldId, id);
    return id;
  }
  get(oldId: string, file: string): string {
    const id = this.ids.get(oldId);
    if (!id) throw invalid(`${file}: refers to ${this.kind} ${oldId}, which the archive does not contain.`, { file });
    return id;
  }
  optional(oldId: string | null, file: string): string | null {
    return oldId === null ? null : this.get(oldId, file);
  }
  lookup(oldId: string): string | undefined {
    return this.ids.get(oldId);
  }
}

/** Rewrites every string of an activity event's data that is an id of the archive. */
function remapIds(value: unknown, lookup: (id: string) => string | undefined): unknown {
  if (typeof value === "string") return lookup(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => remapIds(v, lookup));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remapIds(v, lookup)]));
  }
  return value;
}

/**
 * Imports a workspace archive (the zip at `path`, see lib/validations/workspace-archive)
 * as a new workspace owned by `userId`. Every row gets a new id and every reference is
 * rewritten; people are matched by email to this installation's accounts, and those
 * with no account become disabled placeholder accounts (no password, cannot sign in)
 * that keep their authorship and membership until the person signs up with that email
 * and claims the account (then an owner invites them back in; see claimPlaceholder). Creation times, edits, review decisions
 * and deletions are kept as archived. The archive is read as a stream and written in
 * batches inside one transaction: any invalid line or reference answers 422 and
 * leaves nothing behind.
 */
export async function importWorkspaceArchive(options: {
  userId: string;
  path: string;
  /**
   * Told how far the import has got: `reading` while the rows are counted, then `importing`
   * after every batch written (`current.kind` is the file's name without `.jsonl`).
   */
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ArchiveImportResult> {
  const zip = await openZip(options.path);
  try {
    const entries = await listEntries(zip);
    const manifest = await readManifest(zip, entries);
    const missing = archiveFiles.filter((f) => !entries.has(f) && !optionalArchiveFiles.has(f));
    if (missing.length) throw invalid(`The archive lacks ${missing.join(", ")}.`, { missing });
    let lineCounts: Map<ArchiveFile, number> | null = null;
    if (options.onProgress) {
      options.onProgress({ phase: "reading", done: 0, total: 0 });
      lineCounts = await countLines(zip, entries);
    }
    const importer = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { email: true } });
    return await db.$transaction(
      (tx) =>
        writeArchive({
          tx,
          zip,
          entries,
          manifest,
          userId: options.userId,
          importerEmail: importer.email,
          lineCounts,
          onProgress: options.onProgress,
        }),
      { timeout: 60 * 60_000, maxWait: 30_000 },
    );
  } finally {
    zip.close();
  }
}

async function writeArchive(options: {
  tx: Tx;
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
  manifest: z.infer<typeof archiveManifestSchema>;
  userId: string;
  importerEmail: string;
  lineCounts: Map<ArchiveFile, number> | null;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ArchiveImportResult> {
  const { tx, zip, entries, manifest, userId, lineCounts, onProgress } = options;
  const workspaceId = newId();
  const now = new Date();
  const counts: Record<string, number> = {};
  const placeholders: ArchiveImportResult["placeholders"] = [];
  const users = new IdMap("user");
  const types = new IdMap("entity type");
  const entities = new IdMap("entity");
  const articles = new IdMap("article");
  const revisions = new IdMap("revision");
  const annotations = new IdMap("annotation");
  const comments = new IdMap("comment");
  const relationTypes = new IdMap("relation type");
  const relations = new IdMap("relation");
  const assignments = new IdMap("assignment");
  const revisionArticle = new Map<string, string>();
  const annotationArticle = new Map<string, string>();
  const relationArticle = new Map<string, string>();
  const total = lineCounts ? [...lineCounts.values()].reduce((a, b) => a + b, 0) : 0;
  /** Rows of the files already imported. */
  let before = 0;
  const run = async <S extends z.ZodType>(
    file: ArchiveFile,
    schema: S,
    onBatch: (rows: z.infer<S>[]) => Promise<void>,
  ) => {
    const kind = file.replace(/\.jsonl$/, "");
    if (!entries.has(file) && optionalArchiveFiles.has(file)) {
      counts[kind] = 0;
      return;
    }
    const kindTotal = lineCounts?.get(file) ?? 0;
    const report = (rows: number) =>
      onProgress?.({
        phase: "importing",
        done: Math.min(before + rows, total),
        total,
        current: { kind, done: Math.min(rows, kindTotal), total: kindTotal },
      });
    report(0);
    counts[kind] = await eachBatch(zip, entries, file, schema, onBatch, report);
    before += lineCounts?.get(file) ?? counts[kind];
  };

  await tx.workspace.create({
    data: {
      id: workspaceId,
      name: manifest.workspace.name,
      selfReviewAllowed: manifest.workspace.selfReviewAllowed,
      createdById: userId,
      createdAt: new Date(manifest.workspace.createdAt),
    },
  });

  let importerIsMember = false;
  await run("users.jsonl", archiveUserSchema, async (rows) => {
    const emails = rows.map((r) => r.email.toLowerCase());
    const existing = new Map(
      (await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((u) => [
        u.email.toLowerCase(),
        u.id,
      ]),
    );
    const created: Prisma.UserCreateManyInput[] = [];
    const memberships: Prisma.MembershipCreateManyInput[] = [];
    for (const row of rows) {
      const email = row.email.toLowerCase();
      let id = existing.get(email);
      if (!id) {
        id = newId();
        created.push({ id, email, name: row.name, passwordHash: null, disabledAt: now });
        placeholders.push({ email, role: row.role });
      }
      const isImporter = email === options.importerEmail.toLowerCase();
      if (isImporter) {
        id = userId;
        importerIsMember = true;
      }
      users.add(row.id, id);
      if (row.role || isImporter) {
        memberships.push({
          id: newId(),
          workspaceId,
          userId: id,
          role: isImporter ? "OWNER" : row.role!,
          createdAt: date(row.memberSince) ?? now,
        });
      }
    }
    if (created.length) {
      await tx.user.createMany({ data: created });
      // The mark that lets this person claim the account by signing up (lib/server/users/claim-placeholder).
      await recordActivities(
        tx,
        created.map((u) => ({
          action: "user.placeholder_created" as const,
          actorId: u.id,
          target: { type: "workspace", id: workspaceId },
          data: { workspaceId, importedById: userId },
        })),
      );
    }
    if (memberships.length) await tx.membership.createMany({ data: memberships });
  });
  if (!importerIsMember) {
    await tx.membership.create({ data: { id: newId(), workspaceId, userId, role: "OWNER" } });
  }

  await run("entity-types.jsonl", archiveEntityTypeSchema, async (rows) => {
    await tx.entityType.createMany({
      data: rows.map((t) => ({
        id: types.add(t.id),
        workspaceId,
        name: t.name,
        color: t.color,
        shortcut: t.shortcut,
        position: t.position,
        archivedAt: date(t.archivedAt),
        version: t.version,
        createdAt: new Date(t.createdAt),
        updatedAt: new Date(t.updatedAt),
      })),
    });
  });

  const merges: { id: string; mergedInto: string; updatedAt: Date }[] = [];
  await run("entities.jsonl", archiveEntitySchema, async (rows) => {
    await tx.entity.createMany({
      data: rows.map((e) => {
        const id = entities.add(e.id);
        if (e.mergedIntoId) merges.push({ id, mergedInto: e.mergedIntoId, updatedAt: new Date(e.updatedAt) });
        return {
          id,
          workspaceId,
          typeId: types.get(e.typeId, "entities.jsonl"),
          name: e.name,
          aliases: e.aliases,
          description: e.description,
          externalId: e.externalId,
          version: e.version,
          createdAt: new Date(e.createdAt),
          updatedAt: new Date(e.updatedAt),
          deletedAt: date(e.deletedAt),
        };
      }),
    });
  });
  for (const merge of merges) {
    await tx.entity.update({
      where: { id: merge.id },
      data: { mergedIntoId: entities.get(merge.mergedInto, "entities.jsonl"), updatedAt: merge.updatedAt },
    });
  }

  const currents: { id: string; revision: string; updatedAt: Date }[] = [];
  await run("articles.jsonl", archiveArticleSchema, async (rows) => {
    await tx.article.createMany({
      data: rows.map((a) => {
        const id = articles.add(a.id);
        if (a.currentRevisionId) currents.push({ id, revision: a.currentRevisionId, updatedAt: new Date(a.updatedAt) });
        return {
          id,
          workspaceId,
          title: a.title,
          source: a.source,
          authors: a.authors,
          publishedAt: a.publishedAt ? new Date(`${a.publishedAt}T00:00:00Z`) : null,
          originalUrl: a.originalUrl,
          canonicalUrl: a.canonicalUrl,
          capturedAt: date(a.capturedAt),
          language: a.language,
          importedById: users.get(a.importedById, "articles.jsonl"),
          createdAt: new Date(a.createdAt),
          updatedAt: new Date(a.updatedAt),
          deletedAt: date(a.deletedAt),
        };
      }),
    });
  });

  await run("revisions.jsonl", archiveRevisionSchema, async (rows) => {
    await tx.articleRevision.createMany({
      data: rows.map((r) => {
        const id = revisions.add(r.id);
        const articleId = articles.get(r.articleId, "revisions.jsonl");
        revisionArticle.set(id, articleId);
        return {
          id,
          workspaceId,
          articleId,
          number: r.number,
          content: r.content as Prisma.InputJsonValue,
          text: r.text,
          ...(r.pages ? { pages: r.pages as Prisma.InputJsonValue } : {}),
          authorId: users.get(r.authorId, "revisions.jsonl"),
          createdAt: new Date(r.createdAt),
        };
      }),
    });
  });
  for (const current of currents) {
    const revisionId = revisions.get(current.revision, "articles.jsonl");
    if (revisionArticle.get(revisionId) !== current.id) {
      throw invalid("articles.jsonl: an article's current revision belongs to another article.");
    }
    await tx.article.update({
      where: { id: current.id },
      data: { currentRevisionId: revisionId, updatedAt: current.updatedAt },
    });
  }

  await run("annotations.jsonl", archiveAnnotationSchema, async (rows) => {
    await insertRows(
      tx,
      "Annotation",
      annotationColumns,
      rows.map((a) => {
        const file = "annotations.jsonl";
        const articleId = articles.get(a.articleId, file);
        const revisionId = revisions.get(a.revisionId, file);
        if (revisionArticle.get(revisionId) !== articleId) {
          throw invalid(`${file}: annotation ${a.id} sits on a revision of another article.`, { file });
        }
        if (a.end < a.start) throw invalid(`${file}: annotation ${a.id} ends before it starts.`, { file });
        const id = annotations.add(a.id);
        annotationArticle.set(id, articleId);
        return {
          id,
          workspaceId,
          articleId,
          revisionId,
          authorId: users.get(a.authorId, file),
          start: a.start,
          end: a.end,
          exact: a.exact,
          prefix: a.prefix,
          suffix: a.suffix,
          entityId: entities.optional(a.entityId, file),
          note: a.note,
          status: a.status,
          anchorState: a.anchorState,
          reviewedAt: date(a.reviewedAt),
          reviewedById: users.optional(a.reviewedById, file),
          rejectionReason: a.rejectionReason,
          threadResolvedAt: date(a.threadResolvedAt),
          threadResolvedById: users.optional(a.threadResolvedById, file),
          version: a.version,
          createdAt: new Date(a.createdAt),
          updatedAt: new Date(a.updatedAt),
          deletedAt: date(a.deletedAt),
        };
      }),
    );
  });

  await run("relation-types.jsonl", archiveRelationTypeSchema, async (rows) => {
    const file = "relation-types.jsonl";
    await tx.relationType.createMany({
      data: rows.map((t) => ({
        id: relationTypes.add(t.id),
        workspaceId,
        name: t.name,
        inverseLabel: t.inverseLabel,
        directed: t.directed,
        sourceTypeIds: t.sourceTypeIds.map((typeId) => types.get(typeId, file)),
        targetTypeIds: t.targetTypeIds.map((typeId) => types.get(typeId, file)),
        color: t.color,
        shortcut: t.shortcut,
        position: t.position,
        archivedAt: date(t.archivedAt),
        version: t.version,
        createdAt: new Date(t.createdAt),
        updatedAt: new Date(t.updatedAt),
      })),
    });
  });

  await run("relations.jsonl", archiveRelationSchema, async (rows) => {
    await insertRows(
      tx,
      "Relation",
      relationColumns,
      rows.map((r) => {
        const file = "relations.jsonl";
        const articleId = articles.get(r.articleId, file);
        const sourceId = annotations.get(r.sourceId, file);
        const targetId = annotations.get(r.targetId, file);
        if (annotationArticle.get(sourceId) !== articleId || annotationArticle.get(targetId) !== articleId) {
          throw invalid(`${file}: relation ${r.id} links annotations of another article.`, { file });
        }
        const id = relations.add(r.id);
        relationArticle.set(id, articleId);
        return {
          id,
          workspaceId,
          articleId,
          sourceId,
          targetId,
          typeId: relationTypes.get(r.typeId, file),
          authorId: users.get(r.authorId, file),
          note: r.note,
          status: r.status,
          reviewedAt: date(r.reviewedAt),
          reviewedById: users.optional(r.reviewedById, file),
          rejectionReason: r.rejectionReason,
          version: r.version,
          deletedWithId: annotations.optional(r.deletedWithId, file),
          threadResolvedAt: date(r.threadResolvedAt),
          threadResolvedById: users.optional(r.threadResolvedById, file),
          createdAt: new Date(r.createdAt),
          updatedAt: new Date(r.updatedAt),
          deletedAt: date(r.deletedAt),
        };
      }),
    );
  });

  await run("comments.jsonl", archiveCommentSchema, async (rows) => {
    const history: Record<string, unknown>[] = [];
    await insertRows(
      tx,
      "Comment",
      commentColumns,
      rows.map((c) => {
        const file = "comments.jsonl";
        const annotationId = annotations.optional(c.annotationId, file);
        const relationId = relations.optional(c.relationId, file);
        const articleId = annotationId ? annotationArticle.get(annotationId)! : relationArticle.get(relationId!)!;
        const id = comments.add(c.id);
        for (const h of c.history) {
          history.push({
            id: newId(),
            commentId: id,
            body: h.body as Prisma.InputJsonValue,
            text: h.text,
            createdAt: new Date(h.createdAt),
          });
        }
        return {
          id,
          workspaceId,
          articleId,
          annotationId,
          relationId,
          authorId: users.get(c.authorId, file),
          body: c.body as Prisma.InputJsonValue,
          text: c.text,
          version: c.version,
          createdAt: new Date(c.createdAt),
          updatedAt: new Date(c.updatedAt),
          editedAt: date(c.editedAt),
          deletedAt: date(c.deletedAt),
          hiddenAt: date(c.hiddenAt),
          hiddenById: users.optional(c.hiddenById, file),
        };
      }),
    );
    await insertRows(tx, "CommentRevision", commentRevisionColumns, history);
  });

  await run("assignments.jsonl", archiveAssignmentSchema, async (rows) => {
    await insertRows(
      tx,
      "Assignment",
      assignmentColumns,
      rows.map((a) => {
        const file = "assignments.jsonl";
        return {
          id: assignments.add(a.id),
          workspaceId,
          articleId: articles.get(a.articleId, file),
          assigneeId: users.get(a.assigneeId, file),
          assignedById: users.get(a.assignedById, file),
          dueAt: a.dueAt ? new Date(`${a.dueAt}T00:00:00Z`) : null,
          blind: a.blind,
          submittedAt: date(a.submittedAt),
          createdAt: new Date(a.createdAt),
          updatedAt: new Date(a.updatedAt),
          deletedAt: date(a.deletedAt),
        };
      }),
    );
  });

  const savedSearches = new IdMap("saved search");
  await run("saved-searches.jsonl", archiveSavedSearchSchema, async (rows) => {
    await tx.savedSearch.createMany({
      data: rows.map((s) => ({
        id: savedSearches.add(s.id),
        workspaceId,
        userId: users.get(s.userId, "saved-searches.jsonl"),
        name: s.name,
        query: s.query,
        lastOpenedAt: new Date(s.lastOpenedAt),
        createdAt: new Date(s.createdAt),
        updatedAt: new Date(s.updatedAt),
        deletedAt: date(s.deletedAt),
      })),
    });
  });

  const maps = [
    articles,
    annotations,
    relations,
    comments,
    entities,
    types,
    relationTypes,
    revisions,
    assignments,
    savedSearches,
    users,
  ];
  const lookup = (id: string) => {
    for (const map of maps) {
      const found = map.lookup(id);
      if (found) return found;
    }
    return undefined;
  };
  const activity = new IdMap("activity event");
  await run("activity.jsonl", archiveActivitySchema, async (rows) => {
    await insertRows(
      tx,
      "ActivityEvent",
      activityColumns,
      rows.map((e) => ({
        id: activity.add(e.id),
        workspaceId,
        actorId: e.actorId === null ? null : users.get(e.actorId, "activity.jsonl"),
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId === null ? null : (lookup(e.targetId) ?? e.targetId),
        data: e.data === null ? undefined : (remapIds(e.data, lookup) as Prisma.InputJsonValue),
        createdAt: new Date(e.createdAt),
      })),
    );
  });

  await recordActivity({
    tx,
    action: "workspace.archive_imported",
    actorId: userId,
    workspaceId,
    target: { type: "workspace", id: workspaceId },
    data: { name: manifest.workspace.name, exportedAt: manifest.exportedAt, counts, placeholders: placeholders.length },
  });
  return { id: workspaceId, name: manifest.workspace.name, counts, placeholders };
}
