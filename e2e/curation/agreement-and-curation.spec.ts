import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { formatFigure } from "../../components/agreement/format";
import { agreementReport, agreementReportToCsv, type AnnotatorSpans } from "../../lib/agreement";
import { annotateViaApi, highlightsOf, selectText } from "../factories/annotations";
import { signedInUser, type E2EUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";
import { seriousViolations } from "../factories/a11y";

type Member = { page: Page; user: E2EUser; close(): Promise<void> };
type Annotation = {
  id: string;
  start: number;
  end: number;
  exact: string;
  status: string;
  author: { id: string; name: string };
  entity: { id: string; name: string; type: { name: string } } | null;
};

const shots = process.env.CURATION_SHOTS;

/** A workspace with the seed article, an owner, a reviewer and two analysts (Ana, Ben), each in their own browser. */
async function team(browser: Browser) {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signedInUser(ownerPage, "owner");
  const workspaceId = await createWorkspace(ownerPage, "Agreement study");
  const articleId = await importFile(ownerPage, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const join = async (role: string, label: string): Promise<Member> => {
    const invite = await createInvitation(ownerPage, workspaceId, role);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const user = await signedInUser(page, label);
    await acceptInvitation(page, invite);
    return { page, user, close: () => context.close() };
  };
  const ana = await join("ANALYST", "ana");
  const ben = await join("ANALYST", "ben");
  const reviewer = await join("REVIEWER", "rui");
  return { workspaceId, articleId, owner: ownerPage, ana, ben, reviewer };
}

/** Tags the first occurrence of `quote` through the reader: select, Tag entity…, pick or create the entity. */
async function tagInReader(page: Page, quote: string, pick: RegExp) {
  await selectText(page, quote);
  await page
    .getByRole("toolbar", { name: "Annotate selection" })
    .getByRole("button", { name: /Tag entity/ })
    .click();
  await page.getByTestId("entity-combobox").getByRole("option", { name: pick }).click();
  await expect(
    page
      .getByTestId("annotation-panel")
      .getByRole("listbox")
      .getByRole("option", { name: new RegExp(quote) }),
  ).toHaveCount(1);
}

test("two analysts annotate blind, submit; the reviewer sees the lib's agreement figures, curates the differences, and the accepted set is what was picked", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { workspaceId, articleId, owner, ana, ben, reviewer } = await team(browser);
  const api = `/api/workspaces/${workspaceId}`;
  try {
    // The owner assigns the article to both analysts, blind (the default), in the article's panel.
    await owner.goto(`/w/${workspaceId}/articles/${articleId}`);
    const panel = owner.locator("details.article-assignments");
    await panel.locator("summary").click();
    await panel.getByRole("checkbox", { name: ana.user.name }).check();
    await panel.getByRole("checkbox", { name: ben.user.name }).check();
    await expect(panel.getByRole("checkbox", { name: /^Blind:/ })).toBeChecked();
    await panel.getByRole("button", { name: "Assign" }).click();
    await expect(panel.getByRole("list", { name: "Assigned analysts" }).getByRole("listitem")).toHaveCount(2);
    const members = (await (await owner.request.get(`${api}/members`)).json()).data as {
      userId: string;
      name: string;
    }[];
    const idOf = (u: E2EUser) => members.find((m) => m.name === u.name)!.userId;

    // Entities both use: types from the workspace's defaults.
    const types = (await (await owner.request.get(`${api}/entity-types`)).json()).data as {
      id: string;
      name: string;
    }[];
    const typeId = (name: string) => types.find((t) => t.name === name)!.id;
    const entity = async (name: string, type: string) => {
      const res = await owner.request.post(`${api}/entities`, { data: { name, typeId: typeId(type) } });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()).data.id as string;
    };
    const saleh = await entity("Amrullah Saleh", "Person");
    const panjshir = await entity("Panjshir Valley", "Location");
    const tajikistan = await entity("Tajikistan", "Location");
    const tajikistanGov = await entity("Government of Tajikistan", "Organization");
    const kabul = await entity("Kabul", "Location");
    const nrf = await entity("National Resistance Front", "Organization");

    // Ana: Massoud through the reader (creating the entity), the rest through the API.
    await ana.page.goto(`/w/${workspaceId}/articles/${articleId}`);
    await tagInReader(ana.page, "Ahmad Massoud", /Create “Ahmad Massoud” as Person/);
    await annotateViaApi(ana.page, workspaceId, articleId, "Amrullah Saleh", 0, saleh);
    await annotateViaApi(ana.page, workspaceId, articleId, "Panjshir Valley", 0, panjshir);
    await annotateViaApi(ana.page, workspaceId, articleId, "Tajikistan", 0, tajikistan);
    await annotateViaApi(ana.page, workspaceId, articleId, "National Resistance Front", 0, nrf);

    // Ben: Massoud through the reader (picking Ana's entity), the rest through the API.
    await ben.page.goto(`/w/${workspaceId}/articles/${articleId}`);
    // Blind: Ben is told, and sees none of Ana's highlights.
    await expect(ben.page.getByRole("note")).toContainText("Blind annotation.");
    await expect(ben.page.locator("mark.annotation-highlight")).toHaveCount(0);
    await tagInReader(ben.page, "Ahmad Massoud", /^Ahmad Massoud/);
    await annotateViaApi(ben.page, workspaceId, articleId, "Amrullah Saleh", 0, saleh);
    await annotateViaApi(ben.page, workspaceId, articleId, "Panjshir", 0, panjshir);
    await annotateViaApi(ben.page, workspaceId, articleId, "Tajikistan", 0, tajikistanGov);
    await annotateViaApi(ben.page, workspaceId, articleId, "Kabul", 0, kabul);

    // Each sees only their own, in the reader and through the API.
    const listAs = async (page: Page) =>
      (await (await page.request.get(`${api}/articles/${articleId}/annotations`)).json()).data as Annotation[];
    for (const [member, count] of [
      [ana, 5],
      [ben, 5],
    ] as const) {
      const own = await listAs(member.page);
      expect(own).toHaveLength(count);
      expect(new Set(own.map((a) => a.author.name))).toEqual(new Set([member.user.name]));
      await member.page.reload();
      for (const a of own) await expect(highlightsOf(member.page, a.id).first()).toBeVisible();
      const shown = await member.page
        .locator("mark.annotation-highlight")
        .evaluateAll((marks) => new Set(marks.map((m) => m.getAttribute("data-annotation-id"))).size);
      expect(shown).toBe(count);
    }

    // Both submit (confirmed); then each sees the other's work too.
    for (const member of [ana, ben]) {
      member.page.once("dialog", (dialog) => void dialog.accept());
      await member.page.getByRole("button", { name: "Mark submitted" }).click();
      await expect(member.page.getByRole("note")).toContainText("You have submitted your work");
      await expect
        .poll(() =>
          member.page
            .locator("mark.annotation-highlight")
            .evaluateAll((marks) => new Set(marks.map((m) => m.getAttribute("data-annotation-id"))).size),
        )
        .toBe(10);
      expect(await listAs(member.page)).toHaveLength(10);
    }

    // An analyst has no agreement view.
    await ana.page.goto(`/w/${workspaceId}/articles/${articleId}`);
    await expect(ana.page.getByRole("link", { name: "Agreement" })).toHaveCount(0);
    expect((await ana.page.request.get(`${api}/articles/${articleId}/agreement`)).status()).toBe(403);

    // The reviewer sees everyone's; the expected figures come from lib/agreement on the same rows.
    const page = reviewer.page;
    const all = await listAs(page);
    expect(all).toHaveLength(10);
    const text: string = (await (await page.request.get(`${api}/articles/${articleId}`)).json()).data.currentRevision
      .text;
    const analysts = [ana.user, ben.user].map((u) => ({ id: idOf(u), name: u.name }));
    const spans: AnnotatorSpans[] = analysts.map((a) => ({
      annotator: a.id,
      spans: all
        .filter((x) => x.author.id === a.id)
        .map((x) => ({ start: x.start, end: x.end, label: x.entity!.type.name })),
    }));
    const expected = agreementReport(text, spans);

    await page.goto(`/w/${workspaceId}/articles/${articleId}`);
    await page.getByRole("link", { name: "Agreement" }).click();
    await expect(page.getByRole("heading", { name: "Agreement between analysts" })).toBeVisible();
    const figure = (scope: ReturnType<Page["locator"]>) => scope.locator("[data-value]").first();
    const same = async (scope: ReturnType<Page["locator"]>, value: number | null) => {
      await expect(figure(scope)).toHaveAttribute("data-value", value === null ? "" : String(value));
      await expect(figure(scope)).toContainText(formatFigure(value));
    };
    const tiles = page.getByRole("region", { name: "Overall agreement" });
    const pair = expected.spans;
    await same(tiles.locator("[data-measure=f1-exact]"), pair.exact.cells[0][1]!.overall.f1);
    await same(tiles.locator("[data-measure=f1-overlap]"), pair.overlap.cells[0][1]!.overall.f1);
    await same(tiles.locator("[data-measure=cohen]"), expected.tokens.overall.cohen!.value);
    await same(tiles.locator("[data-measure=alpha]"), expected.tokens.overall.alpha.value);
    // The hand count agrees: exact matches Massoud and Saleh; overlap adds Panjshir.
    expect(pair.exact.cells[0][1]!.overall).toMatchObject({ matched: 2, onlyA: 3, onlyB: 3 });
    expect(pair.overlap.cells[0][1]!.overall).toMatchObject({ matched: 3, onlyA: 2, onlyB: 2 });
    // Per entity type.
    for (const row of pair.exact.cells[0][1]!.byLabel) {
      const tr = page.locator(`tr[data-scope="${row.label}"]`);
      await same(tr.locator("[data-measure=f1-exact]"), row.f1);
      const overlap = pair.overlap.cells[0][1]!.byLabel.find((l) => l.label === row.label)!;
      await same(tr.locator("[data-measure=f1-overlap]"), overlap.f1);
      const tokens = expected.tokens.byLabel.find((l) => l.label === row.label)!;
      await same(tr.locator("[data-measure=cohen]"), tokens.cohen!.value);
      await same(tr.locator("[data-measure=alpha]"), tokens.alpha.value);
    }
    // The pairwise matrices, overall and for Location; each cell names its units.
    const cell = (caption: string, a: number, b: number) =>
      page
        .getByRole("table", { name: new RegExp(`^${caption}`) })
        .locator(`td[data-a="${analysts[a].id}"][data-b="${analysts[b].id}"]`);
    await same(cell("Span F1, exact match", 1, 0), pair.exact.cells[1][0]!.overall.f1);
    await expect(cell("Span F1, exact match", 1, 0)).toContainText(
      `P ${formatFigure(pair.exact.cells[1][0]!.overall.precision)}`,
    );
    await expect(cell("Span F1, exact match", 0, 1)).toContainText("8 spans");
    await same(cell("Token Cohen", 0, 1), expected.tokenPairs.cells[0][1]!.overall.value);
    await expect(cell("Token Cohen", 0, 1)).toContainText(
      `${expected.tokenPairs.cells[0][1]!.overall.units.toLocaleString("en-GB")} tokens`,
    );
    await page.getByRole("group", { name: "Entity type" }).getByRole("button", { name: "Location" }).click();
    const location = pair.overlap.cells[0][1]!.byLabel.find((l) => l.label === "Location")!;
    await same(cell("Span F1, overlap match · Location", 0, 1), location.f1);
    if (shots) await page.screenshot({ path: `${shots}/agreement.png`, fullPage: true });

    // The CSV holds the same figures, analysts by name.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const csv = readFileSync(await (await download).path(), "utf8");
    expect(csv).toBe(agreementReportToCsv({ ...expected, annotators: analysts.map((a) => a.name) }));

    // Curation: agreements in bulk, then one key per difference.
    await page.getByRole("link", { name: "Curate differences" }).click();
    const differences = page.getByRole("list", { name: "Differences" }).getByRole("listitem");
    await expect(differences).toHaveCount(4);
    await expect(differences.nth(0)).toContainText("Same span, different entity");
    await expect(differences.nth(1)).toContainText("Overlapping spans");
    await expect(differences.nth(2)).toContainText(`Only ${ben.user.name}`);
    await expect(differences.nth(3)).toContainText(`Only ${ana.user.name}`);
    if (shots) await page.screenshot({ path: `${shots}/curation-start.png`, fullPage: true });
    await expect(async () => {
      await page.keyboard.press("a");
      await expect(page.getByText("2 agreements")).toBeVisible();
      await expect(page.getByText("all taken")).toBeVisible({ timeout: 500 });
    }).toPass();
    await page.keyboard.press("1"); // Tajikistan: Ana's Location
    await expect(differences.nth(0)).toContainText("Keeps 1");
    await page.keyboard.press("1"); // Panjshir Valley (Ana's, the longer) over Ben's Panjshir
    await page.keyboard.press("0"); // Kabul: keep none
    await page.keyboard.press("k"); // back to Kabul, then on: the choice stays
    await expect(differences.nth(2)).toContainText("Keeps none");
    await page.keyboard.press("j");
    await page.keyboard.press("1"); // National Resistance Front: Ana's
    await expect(page.getByRole("region", { name: "Curation progress" })).toContainText("4 of 4");
    if (shots) await page.screenshot({ path: `${shots}/curation-decided.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Apply: accept 7, reject 3" }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Applied: 7 accepted, 3 rejected" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Nothing to apply" })).toBeDisabled();

    // The accepted set is what was picked; the rest is rejected with the curation's reason.
    const after = await listAs(page);
    const key = (a: Annotation) => `${a.author.name}|${a.exact}|${a.entity?.name}`;
    const status = Object.fromEntries(after.map((a) => [key(a), a.status]));
    expect(status).toEqual({
      [`${ana.user.name}|Ahmad Massoud|Ahmad Massoud`]: "ACCEPTED",
      [`${ben.user.name}|Ahmad Massoud|Ahmad Massoud`]: "ACCEPTED",
      [`${ana.user.name}|Amrullah Saleh|Amrullah Saleh`]: "ACCEPTED",
      [`${ben.user.name}|Amrullah Saleh|Amrullah Saleh`]: "ACCEPTED",
      [`${ana.user.name}|Tajikistan|Tajikistan`]: "ACCEPTED",
      [`${ben.user.name}|Tajikistan|Government of Tajikistan`]: "REJECTED",
      [`${ana.user.name}|Panjshir Valley|Panjshir Valley`]: "ACCEPTED",
      [`${ben.user.name}|Panjshir|Panjshir Valley`]: "REJECTED",
      [`${ben.user.name}|Kabul|Kabul`]: "REJECTED",
      [`${ana.user.name}|National Resistance Front|National Resistance Front`]: "ACCEPTED",
    });
    const gold = new Set(
      after.filter((a) => a.status === "ACCEPTED").map((a) => `${a.start}:${a.end}:${a.entity?.id}`),
    );
    expect(gold.size).toBe(5);
    // Ben hears of the decisions on his work; the thread says why.
    const inbox = (await (await ben.page.request.get(`${api}/notifications`)).json()).data as { kind: string }[];
    expect(inbox.filter((n) => n.kind === "REVIEW")).toHaveLength(5);
    const kabulId = after.find((a) => a.exact === "Kabul")!.id;
    const thread = await (await page.request.get(`${api}/annotations/${kabulId}/comments`)).json();
    expect(thread.data.comments[0].body.content[0].content[0].text).toBe("Rejected: Not chosen in curation.");

    // Reopened, the curation shows the decisions as made.
    await page.reload();
    await expect(page.getByRole("region", { name: "Curation progress" })).toContainText("4 of 4");
    await expect(page.getByText("all taken")).toBeVisible();
    if (shots) await page.screenshot({ path: `${shots}/curation-applied.png`, fullPage: true });
  } finally {
    await Promise.all([ana.close(), ben.close(), reviewer.close(), owner.context().close()]);
  }
});

test("agreement says why it is empty, then compares three analysts with Fleiss’ κ and Krippendorff’s α; the review page links to it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { workspaceId, articleId, owner, ana, ben, reviewer } = await team(browser);
  const api = `/api/workspaces/${workspaceId}`;
  const cyContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const cy = await cyContext.newPage();
    const cyUser = await signedInUser(cy, "cy");
    await acceptInvitation(cy, await createInvitation(owner, workspaceId, "ANALYST"));
    const types = (await (await owner.request.get(`${api}/entity-types`)).json()).data as {
      id: string;
      name: string;
    }[];
    const entity = async (name: string, type: string) =>
      (
        await (
          await owner.request.post(`${api}/entities`, {
            data: { name, typeId: types.find((t) => t.name === type)!.id },
          })
        ).json()
      ).data.id as string;
    const massoud = await entity("Ahmad Massoud", "Person");
    const saleh = await entity("Amrullah Saleh", "Person");
    const kabul = await entity("Kabul", "Location");
    const kabulOrg = await entity("Kabul administration", "Organization");
    const tajikistan = await entity("Tajikistan", "Location");

    const page = reviewer.page;
    const agreementPage = `/w/${workspaceId}/articles/${articleId}/agreement`;
    await page.goto(agreementPage);
    await expect(page.getByRole("heading", { name: "No annotations yet" })).toBeVisible();
    await annotateViaApi(ana.page, workspaceId, articleId, "Ahmad Massoud", 0, massoud);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Only one analyst so far" })).toBeVisible();
    await expect(page.getByText(`${ana.user.name} is the only one`)).toBeVisible();
    if (shots) await page.screenshot({ path: `${shots}/agreement-one-analyst.png` });
    // Analysts have no such page.
    await ana.page.goto(agreementPage);
    await expect(ana.page.getByRole("heading", { name: "Agreement between analysts" })).toHaveCount(0);

    await annotateViaApi(ana.page, workspaceId, articleId, "Amrullah Saleh", 0, saleh);
    await annotateViaApi(ana.page, workspaceId, articleId, "Kabul", 0, kabul);
    await annotateViaApi(ben.page, workspaceId, articleId, "Ahmad Massoud", 0, massoud);
    await annotateViaApi(ben.page, workspaceId, articleId, "Amrullah Saleh", 0, saleh);
    await annotateViaApi(ben.page, workspaceId, articleId, "Tajikistan", 0, tajikistan);
    await annotateViaApi(cy, workspaceId, articleId, "Massoud", 0, massoud);
    await annotateViaApi(cy, workspaceId, articleId, "Amrullah Saleh", 0, saleh);
    await annotateViaApi(cy, workspaceId, articleId, "Kabul", 0, kabulOrg);

    // From the review page to the article's agreement.
    await page.goto(`/w/${workspaceId}/review`);
    const section = page.getByRole("region", { name: "Agreement and curation" });
    await expect(section).toContainText("3 analysts · 9 annotations · 9 undecided");
    if (shots) await page.screenshot({ path: `${shots}/review-page.png` });
    await section.getByRole("link", { name: "Agreement" }).click();
    await expect(page.getByRole("heading", { name: "Agreement between analysts" })).toBeVisible();

    const all = (await (await page.request.get(`${api}/articles/${articleId}/annotations`)).json())
      .data as Annotation[];
    const text: string = (await (await page.request.get(`${api}/articles/${articleId}`)).json()).data.currentRevision
      .text;
    const members = (await (await owner.request.get(`${api}/members`)).json()).data as {
      userId: string;
      name: string;
    }[];
    const ids = [ana.user, ben.user, { name: cyUser.name }].map((u) => members.find((m) => m.name === u.name)!.userId);
    const expected = agreementReport(
      text,
      ids.map((id) => ({
        annotator: id,
        spans: all
          .filter((a) => a.author.id === id)
          .map((a) => ({ start: a.start, end: a.end, label: a.entity!.type.name })),
      })),
    );
    const tiles = page.getByRole("region", { name: "Overall agreement" });
    for (const [measure, value] of [
      ["fleiss", expected.tokens.overall.fleiss.value],
      ["alpha", expected.tokens.overall.alpha.value],
    ] as const) {
      await expect(tiles.locator(`[data-measure=${measure}] [data-value]`)).toHaveAttribute(
        "data-value",
        String(value),
      );
    }
    const person = expected.tokens.byLabel.find((l) => l.label === "Person")!;
    await expect(page.locator('tr[data-scope="Person"] [data-measure=fleiss] [data-value]')).toHaveAttribute(
      "data-value",
      String(person.fleiss.value),
    );
    const exact = page
      .getByRole("table", { name: /^Span F1, exact match/ })
      .locator(`td[data-a="${ids[1]}"][data-b="${ids[2]}"] [data-value]`);
    await expect(exact).toHaveAttribute("data-value", String(expected.spans.exact.cells[1][2]!.overall.f1));
    if (shots) await page.screenshot({ path: `${shots}/agreement-three.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Two of the three: the query keeps the choice, and Cohen's kappa comes back.
    await page.getByRole("checkbox", { name: new RegExp(cyUser.name) }).uncheck();
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(tiles.locator("[data-measure=cohen] [data-value]")).toHaveAttribute(
      "data-value",
      String(
        agreementReport(
          text,
          [0, 1].map((i) => ({
            annotator: ids[i],
            spans: all
              .filter((a) => a.author.id === ids[i])
              .map((a) => ({ start: a.start, end: a.end, label: a.entity!.type.name })),
          })),
        ).tokens.overall.cohen!.value,
      ),
    );

    // Curation of all three side by side.
    await page.goto(`/w/${workspaceId}/articles/${articleId}/curation`);
    const differences = page.getByRole("list", { name: "Differences" }).getByRole("listitem");
    await expect(differences.first().locator(".cur-column")).toHaveCount(3);
    if (shots) await page.screenshot({ path: `${shots}/curation-three.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await Promise.all([ana.close(), ben.close(), reviewer.close(), cyContext.close(), owner.context().close()]);
  }
});
