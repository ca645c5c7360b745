import yazl from "yazl";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { codePointLength } from "@/lib/anchoring";
import { unzipText } from "@/lib/export/test/unzip";
import { callRoute } from "@/test/call-route";
import {
  entityTypeId,
  makeAnnotation,
  makeArticle,
  makeComment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const route = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/route.ts";

const TEXT =
  "Ahmad Massoud met officials in Kabul.\n\nLater, Massoud 🙂 flew to Dushanbe. Massoud said little.\n\nThe end.";

let owner: TestUser;
let analyst: TestUser;
let viewer: TestUser;
let workspaceId: string;

beforeAll(async () => {
  [owner, analyst, viewer] = await Promise.all(["Owner", "Analyst", "Viewer"].map((name) => makeUser({ name })));
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: viewer, role: "VIEWER" },
  ]);
});

/** A W3C annotation on the first occurrence of `quote` at or after `from`, with both selectors. */
function w3c(quote: string, over: Record<string, unknown> = {}, from = 0) {
  const start = TEXT.indexOf(quote, from);
  const cp = codePointLength(TEXT.slice(0, start));
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `urn:test:${quote}:${from}`,
    type: "Annotation",
    target: {
      type: "SpecificResource",
      source: "https://example.org/text",
      selector: [
        {
          type: "TextQuoteSelector",
          exact: quote,
          prefix: TEXT.slice(Math.max(0, start - 32), start),
          suffix: TEXT.slice(start + quote.length, start + quote.length + 32),
        },
        { type: "TextPositionSelector", start: cp, end: cp + codePointLength(quote) },
      ],
    },
    ...over,
  };
}

async function importFile(
  articleId: string,
  file: unknown,
  options: {
    user?: TestUser;
    search?: string;
    contentType?: string;
    filename?: string;
    txt?: string;
    workspace?: string;
    /** Bytes sent as the file instead of `file` (multipart, with `filename`). */
    raw?: Buffer;
  } = {},
) {
  const params = { workspaceId: options.workspace ?? workspaceId, articleId };
  const content = typeof file === "string" ? file : JSON.stringify(file);
  const cookie = await sessionCookie(options.user ?? analyst);
  if (options.filename) {
    const form = new FormData();
    form.set("file", new File([options.raw ? new Uint8Array(options.raw) : content], options.filename));
    if (options.txt !== undefined) form.set("txt", new File([options.txt], "article.txt"));
    for (const [k, v] of new URLSearchParams(options.search ?? "")) form.set(k, v);
    return callRoute({ file: route, method: "POST", params, cookie, body: form });
  }
  return callRoute({
    file: route,
    method: "POST",
    params,
    cookie,
    body: content,
    headers: { "content-type": options.contentType ?? "application/ld+json" },
    search: options.search,
  });
}

const annotationsOf = (articleId: string) =>
  db.annotation.findMany({
    where: { articleId },
    orderBy: { createdAt: "asc" },
    select: {
      start: true,
      end: true,
      exact: true,
      anchorState: true,
      status: true,
      authorId: true,
      note: true,
      entity: { select: { name: true, externalId: true, type: { select: { name: true } } } },
      comments: { select: { text: true, authorId: true }, orderBy: { createdAt: "asc" } },
    },
  });

describe("POST …/annotations/import (W3C)", () => {
  it("previews without writing, then imports anchored highlights with entities and threads", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const existing = await makeEntity(workspaceId, { name: "Ahmad Massoud", type: "Person" });
    await db.entity.update({ where: { id: existing }, data: { externalId: "Q312297" } });
    const file = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "AnnotationCollection",
      id: "urn:test:collection",
      first: {
        type: "AnnotationPage",
        items: [
          w3c("Ahmad Massoud", {
            creator: { id: `https://elsewhere.example/users/${owner.id}`, name: "Owner" },
            body: [
              { type: "SpecificResource", purpose: "identifying", source: "http://www.wikidata.org/entity/Q312297" },
              { type: "TextualBody", purpose: "classifying", value: "Person" },
            ],
          }),
          // The second "Massoud" after the emoji: its position counts code points.
          w3c("Massoud said", {
            body: [
              { type: "TextualBody", purpose: "tagging", value: "Massoud" },
              { type: "TextualBody", purpose: "classifying", value: "Person" },
              { type: "TextualBody", value: "Said little indeed." },
            ],
          }),
          w3c("Dushanbe", {
            body: [
              { type: "TextualBody", purpose: "classifying", value: "Place" },
              { type: "TextualBody", purpose: "describing", value: "Tajik capital" },
            ],
          }),
          {
            type: "Annotation",
            id: "urn:test:reply",
            motivation: "replying",
            creator: { id: "mailto:someone@elsewhere.example", name: "Someone Else" },
            bodyValue: "Agreed.",
            target: "urn:test:Massoud said:0",
          },
        ],
      },
    };

    const preview = await importFile(articleId, file, { search: "?preview=1" });
    expect(preview.status).toBe(200);
    const report = (await preview.json()).data;
    expect(report).toMatchObject({
      committed: false,
      total: 3,
      anchored: 3,
      moved: 0,
      unanchorable: 0,
      comments: 1,
      entities: { matched: 1, created: 2 },
    });
    expect(report.problems).toEqual([
      { message: expect.stringMatching(/^Choose an entity type for the 1 new entity of type “Place”/) },
    ]);
    // An analyst cannot create types: "Place" needs a choice, "Person" exists.
    expect(report.entityTypes).toEqual([
      { name: "Person", count: 1, typeId: await entityTypeId(workspaceId, "Person") },
      { name: "Place", count: 1, typeId: null },
    ]);
    expect(await annotationsOf(articleId)).toEqual([]);

    const refused = await importFile(articleId, file);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.message).toMatch(/Nothing was imported\. Choose an entity type .*“Place”/);
    expect(await annotationsOf(articleId)).toEqual([]);

    const placeType = await entityTypeId(workspaceId, "Location");
    const typeMap = encodeURIComponent(JSON.stringify({ Place: placeType }));
    const res = await importFile(articleId, file, { search: `?typeMap=${typeMap}` });
    expect(res.status).toBe(201);
    expect((await res.json()).data).toMatchObject({ committed: true, anchored: 3, comments: 1 });

    const rows = await annotationsOf(articleId);
    const massoud = TEXT.lastIndexOf("Massoud said");
    expect(rows.map((r) => [r.exact, r.start, r.anchorState, r.entity?.name, r.entity?.type.name])).toEqual([
      ["Ahmad Massoud", 0, "ANCHORED", "Ahmad Massoud", "Person"],
      ["Massoud said", massoud, "ANCHORED", "Massoud", "Person"],
      ["Dushanbe", TEXT.indexOf("Dushanbe"), "ANCHORED", "Dushanbe", "Location"],
    ]);
    expect(rows.every((r) => TEXT.slice(r.start, r.end) === r.exact)).toBe(true);
    // An analyst cannot put a member's name on what they import: it is all theirs.
    expect(rows.map((r) => r.authorId)).toEqual([analyst.id, analyst.id, analyst.id]);
    expect(rows[2].note).toBe("Tajik capital");
    expect(rows[1].note).toBe("Said little indeed.");
    expect(rows[1].comments).toEqual([{ text: "Imported from Someone Else\nAgreed.", authorId: analyst.id }]);
    const activity = await db.activityEvent.findFirst({
      where: { workspaceId, action: "annotation.imported", targetId: articleId },
    });
    expect(activity?.data).toMatchObject({ annotations: 3, comments: 1, entitiesCreated: 2 });

    // Importing the same file again adds nothing.
    const again = await importFile(articleId, file, { search: `?typeMap=${typeMap}` });
    expect(again.status).toBe(201);
    expect((await again.json()).data).toMatchObject({ duplicates: 3, entities: { matched: 0, created: 0 } });
    expect(await annotationsOf(articleId)).toHaveLength(3);
  });

  it("reports moved and unanchorable quotes, and keeps the latter as orphans only when asked", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const moved = w3c("officials in Kabul");
    (moved.target.selector[0] as { exact: string }).exact = "oficials in Kabul";
    moved.target.selector.pop();
    const missing = w3c("The end.");
    (missing.target.selector[0] as { exact: string }).exact = "A sentence that is not in the article";
    const file = [w3c("Dushanbe"), moved, missing];

    const preview = await (await importFile(articleId, file, { search: "?preview=true" })).json();
    expect(preview.data).toMatchObject({ anchored: 1, moved: 1, unanchorable: 1 });
    expect(preview.data.problems).toEqual([
      { item: 2, message: expect.stringContaining("was not found in the article's text") },
    ]);
    expect(preview.data.items.map((i: { outcome: string }) => i.outcome)).toEqual([
      "anchored",
      "moved",
      "unanchorable",
    ]);

    const refused = await importFile(articleId, file);
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.details.problems).toEqual([{ item: 2, message: expect.any(String) }]);
    expect(body.error.message).toMatch(/^Nothing was imported\. item 3: /);
    expect(await annotationsOf(articleId)).toEqual([]);

    const kept = await importFile(articleId, file, { search: "?keepOrphans=1" });
    expect(kept.status).toBe(201);
    const rows = await annotationsOf(articleId);
    expect(rows.map((r) => [r.anchorState, r.exact])).toEqual([
      ["ANCHORED", "Dushanbe"],
      ["MOVED", "officials in Kabul"],
      ["ORPHANED", "A sentence that is not in the article"],
    ]);
  });

  it("answers 4xx with the first problems and their items for bad files, writing nothing", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const cases: [unknown, number, RegExp][] = [
      ['[{"type": "Annotation",\n "target": }]', 422, /not valid JSON.*line 2/],
      [
        [w3c("Kabul"), { type: "Annotation", target: { selector: { type: "TextPositionSelector", start: "1" } } }],
        422,
        /item 2: target\.selector\.start/,
      ],
      [
        [
          w3c("Kabul"),
          {
            ...w3c("Kabul"),
            target: {
              source: "https://example.org/text",
              selector: { type: "TextPositionSelector", start: 900, end: 905 },
            },
          },
        ],
        422,
        /item 2: The offsets 900–905 are outside/,
      ],
      ["42", 422, /Expected annotations/],
      ["", 422, /empty/],
    ];
    for (const [file, status, message] of cases) {
      const res = await importFile(articleId, file);
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error.code).toBe("UNPROCESSABLE");
      expect(body.error.message).toMatch(message);
      expect(body.error.details.problems.length).toBeGreaterThan(0);
    }
    expect(await annotationsOf(articleId)).toEqual([]);
  });

  it("refuses an upload over the limit before reading it all, and a damaged zip", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 50) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const { POST } = await import("@/app/api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/route");
    const req = new Request("http://localhost:3000/api/import", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: await sessionCookie(analyst) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await POST(req, { params: Promise.resolve({ workspaceId, articleId }) });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(30);

    const declared = await callRoute({
      file: route,
      method: "POST",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(analyst),
      body: "{}",
      headers: { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) },
    });
    expect(declared.status).toBe(413);

    const zip = await importFile(articleId, "PK\u0003\u0004rest of a zip", { filename: "export.zip" });
    expect(zip.status).toBe(422);
    expect((await zip.json()).error.message).toMatch(/zip archive is damaged/);
  });

  it("writes nothing when the transaction fails half-way", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    // The database refuses the last write (the comments), after types, entities and annotations were inserted.
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_import_test_comment() RETURNS trigger AS $$
      BEGIN
        IF NEW."text" = 'refused by the import test' THEN RAISE EXCEPTION 'refused'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE TRIGGER refuse_import_test_comment BEFORE INSERT ON "Comment"
      FOR EACH ROW EXECUTE FUNCTION refuse_import_test_comment()`);
    try {
      const file = [
        w3c("Kabul", { body: [{ type: "TextualBody", purpose: "classifying", value: "Half-way type" }] }),
        w3c("Dushanbe"),
        {
          type: "Annotation",
          motivation: "commenting",
          bodyValue: "refused by the import test",
          target: "urn:test:Dushanbe:0",
        },
      ];
      const res = await importFile(articleId, file, { user: owner });
      expect(res.status).toBe(500);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_import_test_comment ON "Comment"`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_import_test_comment()`);
    }
    expect(await annotationsOf(articleId)).toEqual([]);
    expect(await db.entityType.count({ where: { workspaceId, name: "Half-way type" } })).toBe(0);
    expect(await db.entity.count({ where: { workspaceId, name: "Kabul" } })).toBe(0);
    expect(
      await db.activityEvent.count({ where: { workspaceId, action: "annotation.imported", targetId: articleId } }),
    ).toBe(0);
  });

  it("refuses a comment the comment editor could not hold, naming its item", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const file = [w3c("Kabul"), w3c("Dushanbe", { body: { type: "TextualBody", value: "x".repeat(10_001) } })];
    const res = await importFile(articleId, file);
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.problems[0]).toMatchObject({ item: 1 });
    expect(await annotationsOf(articleId)).toEqual([]);
  });

  it("refuses a quote with half of a surrogate pair (half of an emoji of the text) with 422 naming its item", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const half = "Massoud \ud83d";
    const start = TEXT.indexOf("Massoud \ud83d");
    const lone = {
      ...w3c("Kabul"),
      id: "urn:test:lone",
      target: {
        source: "https://example.org/text",
        selector: [
          { type: "TextQuoteSelector", exact: half, prefix: TEXT.slice(start - 10, start), suffix: "" },
          {
            type: "TextPositionSelector",
            start: codePointLength(TEXT.slice(0, start)),
            end: codePointLength(TEXT.slice(0, start)) + 9,
          },
        ],
      },
    };
    for (const [file, search] of [
      [[w3c("Kabul"), lone], "?preview=true"],
      [[w3c("Kabul"), lone], ""],
      [[w3c("Kabul"), { ...lone, target: { ...lone.target, selector: lone.target.selector[0] } }], ""],
    ] as const) {
      const res = await importFile(articleId, file, { search });
      expect(res.status, search).toBe(422);
      const body = await res.json();
      expect(body.error.message).toMatch(/item 2/);
      expect(body.error.details.problems[0]).toMatchObject({ item: 1 });
    }
    expect(await annotationsOf(articleId)).toEqual([]);
    // Context cut inside the emoji (a tool counting code units) is only context: the half is dropped.
    const cut = w3c("flew", {}, 0);
    const selectors = cut.target.selector as { type: string; prefix?: string }[];
    selectors[0].prefix = "\udE42 ";
    const ok = await importFile(articleId, [cut]);
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect((await annotationsOf(articleId)).map((a) => a.exact)).toEqual(["flew"]);
  });

  it("matches entities by this workspace's entity URL and by name within the type", async () => {
    const workspace = await makeWorkspace([{ user: analyst, role: "ANALYST" }]);
    const articleId = await makeArticle(workspace, analyst.id, { text: TEXT });
    const kabul = await makeEntity(workspace, { name: "Kabul", type: "Location" });
    const dushanbe = await makeEntity(workspace, { name: "dushanbe", type: "Location" });
    await makeEntity(workspace, { name: "Dushanbe", type: "Person" });
    const file = [
      w3c("Kabul", {
        body: {
          type: "SpecificResource",
          purpose: "identifying",
          source: `https://app.example/w/${workspace}/entities/${kabul}`,
        },
      }),
      w3c("Dushanbe", { body: [{ type: "TextualBody", purpose: "classifying", value: "location" }] }),
    ];
    const res = await importFile(articleId, file, { workspace });
    expect(res.status).toBe(201);
    const rows = await db.annotation.findMany({
      where: { articleId },
      orderBy: { start: "asc" },
      select: { entityId: true },
    });
    expect(rows.map((r) => r.entityId)).toEqual([kabul, dushanbe]);
  });

  it("keeps members as authors only for leads, and checks an analyst's duplicates among their own", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const reply = (by: TestUser) => ({
      type: "Annotation",
      motivation: "commenting",
      creator: { id: `https://app.example/w/${workspaceId}/members#user-${by.id}`, name: by.name },
      bodyValue: `From ${by.name}`,
      target: "urn:test:Kabul:0",
    });
    const file = [
      w3c("Kabul", { creator: { id: `https://app.example/w/${workspaceId}/members#user-${owner.id}` } }),
      reply(analyst),
      reply(owner),
    ];
    expect((await importFile(articleId, file, { user: owner })).status).toBe(201);
    const [byOwner] = await annotationsOf(articleId);
    expect(byOwner.authorId).toBe(owner.id);
    expect(byOwner.comments).toEqual([
      { text: "From Analyst", authorId: analyst.id },
      { text: "From Owner", authorId: owner.id },
    ]);
    // The analyst's own copy of the same file is not "already here": the owner's import is not theirs to see.
    const preview = (await (await importFile(articleId, file, { search: "?preview=1" })).json()).data;
    expect(preview).toMatchObject({ duplicates: 0, anchored: 1 });
    expect((await importFile(articleId, file)).status).toBe(201);
    const rows = await annotationsOf(articleId);
    expect(rows[1].comments).toEqual([
      { text: "From Analyst", authorId: analyst.id },
      { text: "Imported from Owner\nFrom Owner", authorId: analyst.id },
    ]);
    expect((await (await importFile(articleId, file, { search: "?preview=1" })).json()).data.duplicates).toBe(1);
  });

  it("follows merges, and never creates a type that exists archived", async () => {
    const workspace = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const articleId = await makeArticle(workspace, owner.id, { text: TEXT });
    const kept = await makeEntity(workspace, { name: "Kabul", type: "Place" });
    const merged = await makeEntity(workspace, { name: "Kabul city", type: "Place" });
    await db.entity.update({ where: { id: merged }, data: { externalId: "Q5838", mergedIntoId: kept } });
    const archived = await entityTypeId(workspace, "Vehicle");
    await db.entityType.update({ where: { id: archived }, data: { archivedAt: new Date() } });
    const file = [
      w3c("Kabul", {
        body: { type: "SpecificResource", purpose: "identifying", source: "http://www.wikidata.org/entity/Q5838" },
      }),
      w3c("Dushanbe", { body: { type: "TextualBody", purpose: "classifying", value: "vehicle" } }),
    ];
    const preview = (await (await importFile(articleId, file, { user: owner, workspace, search: "?preview=1" })).json())
      .data;
    expect(preview.problems).toEqual([{ message: expect.stringContaining("The type “Vehicle” is archived") }]);
    const place = await entityTypeId(workspace, "Place");
    const typeMap = encodeURIComponent(JSON.stringify({ vehicle: place }));
    const res = await importFile(articleId, file, { user: owner, workspace, search: `?typeMap=${typeMap}` });
    expect(res.status).toBe(201);
    const rows = await db.annotation.findMany({
      where: { articleId },
      orderBy: { start: "asc" },
      select: { entityId: true, entity: { select: { typeId: true } } },
    });
    expect(rows[0].entityId).toBe(kept);
    expect(rows[1].entity?.typeId).toBe(place);
    expect(await db.entityType.count({ where: { workspaceId: workspace } })).toBe(2);
  });

  it("keeps review statuses only for importers who may review", async () => {
    const file = [
      w3c("Kabul", { creator: { id: analyst.id }, "marginalia:status": "ACCEPTED", "marginalia:reviewer": owner.id }),
    ];
    const byAnalyst = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const res = await importFile(byAnalyst, file);
    expect((await res.json()).data.statusesIgnored).toBe(1);
    expect((await annotationsOf(byAnalyst))[0].status).toBe("PROPOSED");
    const byOwner = await makeArticle(workspaceId, owner.id, { text: TEXT });
    await importFile(byOwner, file, { user: owner });
    expect((await annotationsOf(byOwner))[0].status).toBe("ACCEPTED");
  });

  it("keeps a decision only as its reviewer's, a member who may review; else imports it as proposed and reports it", async () => {
    const reviewer = await makeUser({ name: "Imported Reviewer" });
    const lead = await makeUser({ name: "Importing Lead" });
    const author = await makeUser({ name: "Author Reviewer" });
    const ws = await makeWorkspace([
      { user: lead, role: "OWNER" },
      { user: reviewer, role: "REVIEWER" },
      { user: author, role: "REVIEWER" },
      { user: analyst, role: "ANALYST" },
    ]);
    await db.workspace.update({ where: { id: ws }, data: { selfReviewAllowed: false } });
    const articleId = await makeArticle(ws, lead.id, { text: TEXT });
    const file = [
      w3c("Ahmad", { "marginalia:status": "ACCEPTED", "marginalia:reviewer": reviewer.id }),
      w3c("Kabul", { "marginalia:status": "REJECTED", "marginalia:reviewer": reviewer.id }),
      w3c("Dushanbe", { "marginalia:status": "ACCEPTED" }),
      w3c("Later", { "marginalia:status": "REJECTED", "marginalia:reviewer": "mailto:someone@elsewhere.example" }),
      w3c("said", { "marginalia:status": "ACCEPTED", "marginalia:reviewer": analyst.id }),
      w3c("The end", {
        creator: { id: author.id },
        "marginalia:status": "REJECTED",
        "marginalia:reviewer": author.id,
        "marginalia:rejectionReason": "Not a name.",
      }),
    ];
    const res = await importFile(articleId, file, { user: lead, workspace: ws });
    expect(res.status).toBe(201);
    const report = (await res.json()).data;
    expect(report.reviewsNotKeptCount).toBe(4);
    expect(report.reviewsNotKept).toEqual([
      expect.objectContaining({
        item: 2,
        status: "ACCEPTED",
        reviewer: null,
        why: expect.stringMatching(/no reviewer/),
      }),
      expect.objectContaining({ item: 3, status: "REJECTED", reviewer: "mailto:someone@elsewhere.example" }),
      expect.objectContaining({ item: 4, status: "ACCEPTED", reviewer: analyst.id }),
      expect.objectContaining({
        item: 5,
        status: "REJECTED",
        reason: "Not a name.",
        why: expect.stringMatching(/self-review/),
      }),
    ]);
    const stored = await db.annotation.findMany({
      where: { articleId },
      orderBy: { start: "asc" },
      select: { exact: true, status: true, reviewedById: true, rejectionReason: true, authorId: true },
    });
    expect(stored).toEqual([
      { exact: "Ahmad", status: "ACCEPTED", reviewedById: reviewer.id, rejectionReason: null, authorId: lead.id },
      {
        exact: "Kabul",
        status: "REJECTED",
        reviewedById: reviewer.id,
        rejectionReason: "Imported without a reason",
        authorId: lead.id,
      },
      { exact: "Later", status: "PROPOSED", reviewedById: null, rejectionReason: null, authorId: lead.id },
      { exact: "Dushanbe", status: "PROPOSED", reviewedById: null, rejectionReason: null, authorId: lead.id },
      { exact: "said", status: "PROPOSED", reviewedById: null, rejectionReason: null, authorId: lead.id },
      { exact: "The end", status: "PROPOSED", reviewedById: null, rejectionReason: null, authorId: author.id },
    ]);
  });

  it("needs a choice when the file annotates several texts", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const other = w3c("Dushanbe");
    other.target.source = "https://example.org/another-text";
    const file = [w3c("Kabul"), other];
    const preview = (await (await importFile(articleId, file, { search: "?preview=1" })).json()).data;
    expect(preview.sources).toEqual([
      { source: "https://example.org/text", count: 1 },
      { source: "https://example.org/another-text", count: 1 },
    ]);
    expect(preview.problems).toEqual([{ message: expect.stringMatching(/2 different texts/) }]);
    expect(preview.items).toEqual([]);
    const res = await importFile(articleId, file, {
      search: `?source=${encodeURIComponent("https://example.org/text")}`,
    });
    expect(res.status).toBe(201);
    expect((await annotationsOf(articleId)).map((r) => r.exact)).toEqual(["Kabul"]);
  });

  it("is refused to viewers and to non-members", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    expect((await importFile(articleId, [w3c("Kabul")], { user: viewer })).status).toBe(403);
    expect((await importFile(articleId, [w3c("Kabul")], { user: await makeUser() })).status).toBe(404);
  });
});

describe("POST …/annotations/import (brat)", () => {
  const BRAT_TEXT = "Ahmad 🙂 went to Kabul.\n\nThen home.";
  const kabul = codePointLength(BRAT_TEXT.slice(0, BRAT_TEXT.indexOf("Kabul")));
  const ann = [
    "T1\tPerson 0 5\tAhmad",
    `T2\tCity ${kabul} ${kabul + 5}\tKabul`,
    "#1\tAnnotatorNotes T2\tThe capital",
    "A1\tStatus T2 Accepted",
    "N1\tReference T2 Wikidata:Q5838\tKabul",
  ].join("\n");

  it("imports T lines onto an article whose text matches the .txt", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: BRAT_TEXT });
    const res = await importFile(articleId, ann, { user: owner, filename: "article.ann", txt: `${BRAT_TEXT}\n` });
    expect(res.status).toBe(201);
    // brat names no reviewer: the decision is reported, not put on the importer's name.
    expect((await res.json()).data.reviewsNotKept).toEqual([
      expect.objectContaining({ item: 1, status: "ACCEPTED", reviewer: null }),
    ]);
    const rows = await annotationsOf(articleId);
    expect(
      rows.map((r) => [r.exact, r.entity?.type.name, r.entity?.externalId, r.status, r.comments.map((c) => c.text)]),
    ).toEqual([
      ["Ahmad", "Person", null, "PROPOSED", []],
      ["Kabul", "City", "Q5838", "PROPOSED", ["The capital"]],
    ]);
    expect(rows[1].start).toBe(BRAT_TEXT.indexOf("Kabul"));
  });

  it("refuses a .txt that differs and spans whose text differs, naming the line", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: BRAT_TEXT });
    const txt = await importFile(articleId, ann, { user: owner, filename: "article.ann", txt: "Another text." });
    expect(txt.status).toBe(422);
    expect((await txt.json()).error.message).toMatch(/does not match this article's text/);
    const wrong = await importFile(articleId, "T1\tPerson 0 5\tAhmad\nT2\tPerson 6 9\tXYZ", {
      user: owner,
      filename: "article.ann",
    });
    expect(wrong.status).toBe(422);
    const body = await wrong.json();
    expect(body.error.details.problems).toEqual([{ item: 1, line: 2, message: expect.stringContaining("not “XYZ”") }]);
    expect(await annotationsOf(articleId)).toEqual([]);
  });
});

describe("POST …/annotations/import (zip)", () => {
  async function zipOf(entries: { name: string; data: Buffer; store?: boolean }[]): Promise<Buffer> {
    const zip = new yazl.ZipFile();
    for (const e of entries) zip.addBuffer(e.data, e.name, { compress: !e.store });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it("imports a brat zip exported from another workspace, choosing the .ann whose .txt is this article", async () => {
    const source = await makeWorkspace([{ user: owner, role: "OWNER" }]);
    const original = await makeArticle(source, owner.id, { text: TEXT });
    const other = await makeArticle(source, owner.id, { text: "Another text entirely.\n\nWith Kabul in it." });
    await makeAnnotation(source, other, owner.id, { start: 0, length: 7 });
    const place = await makeEntity(source, { name: "Dushanbe", type: "Place" });
    await makeAnnotation(source, original, owner.id, { start: TEXT.indexOf("Dushanbe"), length: 8, entityId: place });
    await makeAnnotation(source, original, owner.id, { start: TEXT.indexOf("Massoud 🙂 flew"), length: 15 });
    const res = await callRoute({
      file: "api/workspaces/[workspaceId]/export/route.ts",
      method: "GET",
      params: { workspaceId: source },
      search: "?format=brat",
      cookie: await sessionCookie(owner),
    });
    expect(res.status).toBe(200);
    const zip = Buffer.from(await res.arrayBuffer());

    const copy = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const imported = await callRoute({
      file: route,
      method: "POST",
      params: { workspaceId, articleId: copy },
      cookie: await sessionCookie(owner),
      body: zip,
      headers: { "content-type": "application/zip" },
      search: "?filename=export.zip",
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    expect((await imported.json()).data).toMatchObject({
      format: "brat",
      anchored: 2,
      filename: expect.stringMatching(/^export\.zip › .*\.ann$/),
    });
    const rows = await annotationsOf(copy);
    expect(rows.map((r) => [r.exact, r.entity?.name ?? null, r.entity?.type.name ?? null])).toEqual(
      [
        ["Dushanbe", "Dushanbe", "Place"],
        ["Massoud 🙂 flew", null, null],
      ].sort((a, b) => TEXT.indexOf(a[0]!) - TEXT.indexOf(b[0]!)),
    );
  });

  it("keeps comment authors through brat export → import rounds, never stacking “Author: ” prefixes", async () => {
    const lead = await makeUser({ name: "Round Lead" });
    const writer = await makeUser({ name: "Round Analyst" });
    const ws = await makeWorkspace([
      { user: lead, role: "OWNER" },
      { user: writer, role: "ANALYST" },
    ]);
    let articleId = await makeArticle(ws, lead.id, { text: TEXT });
    const annotationId = await makeAnnotation(ws, articleId, writer.id, { start: TEXT.indexOf("Kabul"), length: 5 });
    await makeComment(ws, writer.id, { annotationId, text: "Is this the city?" });
    await makeComment(ws, lead.id, { annotationId, text: "Yes: the capital." });
    const exportAnn = async (id: string) => {
      const res = await callRoute({
        file: "api/workspaces/[workspaceId]/articles/[articleId]/export/route.ts",
        method: "GET",
        params: { workspaceId: ws, articleId: id },
        search: "?format=brat",
        cookie: await sessionCookie(lead),
      });
      expect(res.status).toBe(200);
      const zip = Buffer.from(await res.arrayBuffer());
      const ann = (await unzipText(zip)).find((f) => f.name.endsWith(".ann"))!.text;
      return {
        zip,
        notes: ann
          .split("\n")
          .filter((l) => l.startsWith("#"))
          .map((l) => l.split("\t")[2]),
      };
    };
    const first = await exportAnn(articleId);
    expect(first.notes).toEqual(["Round Analyst: Is this the city?", "Round Lead: Yes: the capital."]);
    for (let round = 0; round < 2; round++) {
      const copy = await makeArticle(ws, lead.id, { text: TEXT });
      const { zip } = await exportAnn(articleId);
      const imported = await callRoute({
        file: route,
        method: "POST",
        params: { workspaceId: ws, articleId: copy },
        cookie: await sessionCookie(lead),
        body: zip,
        headers: { "content-type": "application/zip" },
        search: "?filename=export.zip",
      });
      expect(imported.status, await imported.clone().text()).toBe(201);
      const [row] = await annotationsOf(copy);
      expect(row.comments).toEqual([
        { text: "Is this the city?", authorId: writer.id },
        { text: "Yes: the capital.", authorId: lead.id },
      ]);
      expect((await exportAnn(copy)).notes).toEqual(first.notes);
      articleId = copy;
    }
  });

  it("attributes a brat note “Name: text” of someone who is not a member to them, once", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const kabul = codePointLength(TEXT.slice(0, TEXT.indexOf("Kabul")));
    const ann = [`T1\tCity ${kabul} ${kabul + 5}\tKabul`, "#1\tAnnotatorNotes T1\tStranger: Check this."].join("\n");
    const res = await importFile(articleId, ann, { user: owner, contentType: "text/plain", search: "?format=brat" });
    expect(res.status, await res.clone().text()).toBe(201);
    const [row] = await annotationsOf(articleId);
    expect(row.comments).toEqual([{ text: "Imported from Stranger\nCheck this.", authorId: owner.id }]);
  });

  it("refuses a zip bomb before inflating it, and a zip with nothing to import", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const bomb = await zipOf([{ name: "annotations.jsonld", data: Buffer.alloc(60 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await importFile(articleId, "", { filename: "bomb.zip", raw: bomb });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/zip expands to more than/);

    const empty = await zipOf([{ name: "readme.md", data: Buffer.from("# nothing") }]);
    const none = await importFile(articleId, "", { filename: "empty.zip", raw: empty });
    expect(none.status).toBe(422);
    expect((await none.json()).error.message).toMatch(/no \.jsonld, \.json or \.jsonl file/);
    expect(await annotationsOf(articleId)).toEqual([]);
  });
});

describe("GET …/annotations/import/progress", () => {
  const progressRoute = "api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/progress/route.ts";

  it("tells the importer how far a running import has got, and nobody else", async () => {
    const words = Array.from({ length: 1_500 }, (_, i) => `word${i}`);
    const text = words.join(" ");
    const articleId = await makeArticle(workspaceId, owner.id, { text });
    const file = words.map((w, i) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: `urn:progress:${i}`,
      type: "Annotation",
      target: { source: "https://example.org/words", selector: { type: "TextQuoteSelector", exact: w, suffix: " " } },
    }));
    const key = "progress-test-key-1";
    const poll = async (user: TestUser) => {
      const res = await callRoute({
        file: progressRoute,
        method: "GET",
        params: { workspaceId, articleId },
        cookie: await sessionCookie(user),
        search: `?key=${key}`,
      });
      expect(res.status).toBe(200);
      return (await res.json()).data as { phase: string; done: number; total: number } | null;
    };

    expect(await poll(analyst)).toBeNull();
    let finished = false;
    const running = importFile(articleId, file, { search: `?progressKey=${key}` }).finally(() => {
      finished = true;
    });
    const seen: Array<{ phase: string; done: number; total: number }> = [];
    while (!finished) {
      const progress = await poll(analyst);
      if (progress) seen.push(progress);
      // Another member asking with the same key learns nothing of it.
      expect(await poll(owner)).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const res = await running;
    expect(res.status).toBe(201);
    expect(await poll(analyst)).toEqual({ phase: "done", done: 0, total: 0 });

    const counted = seen.filter((p) => p.phase === "checking" || p.phase === "saving");
    expect(counted.length).toBeGreaterThan(0);
    for (const p of counted) {
      expect(p.total).toBe(1_500);
      expect(p.done).toBeGreaterThanOrEqual(0);
      expect(p.done).toBeLessThan(p.total);
    }
    // Phases only move forward, counts only grow within one.
    const order = ["reading", "anchoring", "checking", "saving", "done"];
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      expect(order.indexOf(b.phase)).toBeGreaterThanOrEqual(order.indexOf(a.phase));
      if (a.phase === b.phase) expect(b.done).toBeGreaterThanOrEqual(a.done);
    }
  });

  it("refuses a malformed key (422)", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const res = await callRoute({
      file: progressRoute,
      method: "GET",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(analyst),
      search: "?key=%00",
    });
    expect(res.status).toBe(422);
  });
});
