import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { signedInUser, type E2EUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

type Member = { page: Page; user: E2EUser; close(): Promise<void> };
const shots = process.env.RELATION_REVIEW_SHOTS;

/** A workspace with the seed article, an owner, a reviewer and two analysts (Ana, Ben), each in their own browser. */
async function team(browser: Browser) {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signedInUser(ownerPage, "owner");
  const workspaceId = await createWorkspace(ownerPage, "Relation agreement");
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
  return { workspaceId, articleId, owner: ownerPage, ownerContext: owner, ana, ben, reviewer };
}

test("two analysts annotate relations blind; agreement shows relation F1; curation decides one difference", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { workspaceId, articleId, owner, ownerContext, ana, ben, reviewer } = await team(browser);
  const api = `/api/workspaces/${workspaceId}`;
  try {
    const members = (await (await owner.request.get(`${api}/members`)).json()).data as {
      userId: string;
      name: string;
    }[];
    const idOf = (u: E2EUser) => members.find((m) => m.name === u.name)!.userId;
    const assigned = await owner.request.post(`${api}/assignments`, {
      data: { articleId, assigneeIds: [idOf(ana.user), idOf(ben.user)], blind: true },
    });
    expect(assigned.status(), await assigned.text()).toBe(201);

    const entityTypes = (await (await owner.request.get(`${api}/entity-types`)).json()).data as {
      id: string;
      name: string;
    }[];
    const entity = async (name: string, type: string) => {
      const res = await owner.request.post(`${api}/entities`, {
        data: { name, typeId: entityTypes.find((t) => t.name === type)!.id },
      });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()).data.id as string;
    };
    const entities = {
      massoud: await entity("Ahmad Massoud", "Person"),
      front: await entity("National Resistance Front", "Organization"),
      saleh: await entity("Amrullah Saleh", "Person"),
    };
    const relationTypes = (await (await owner.request.get(`${api}/relation-types`)).json()).data as {
      id: string;
      name: string;
    }[];

    /** The analyst's three highlights and their relations, each made through the API as that analyst. */
    const annotate = async (member: Member, links: [keyof typeof entities, keyof typeof entities, string][]) => {
      const ids = {
        massoud: await annotateViaApi(member.page, workspaceId, articleId, "Ahmad Massoud", 0, entities.massoud),
        front: await annotateViaApi(
          member.page,
          workspaceId,
          articleId,
          "National Resistance Front",
          0,
          entities.front,
        ),
        saleh: await annotateViaApi(member.page, workspaceId, articleId, "Amrullah Saleh", 0, entities.saleh),
      };
      for (const [source, target, type] of links) {
        const res = await member.page.request.post(`${api}/articles/${articleId}/relations`, {
          data: {
            sourceId: ids[source],
            targetId: ids[target],
            typeId: relationTypes.find((t) => t.name === type)!.id,
          },
        });
        expect(res.status(), await res.text()).toBe(201);
      }
    };
    // Both: Massoud leads the front. Ana adds that Saleh met Massoud; Ben that Saleh is a member of the front.
    await annotate(ana, [
      ["massoud", "front", "leads"],
      ["saleh", "massoud", "met with"],
    ]);
    await annotate(ben, [
      ["massoud", "front", "leads"],
      ["saleh", "front", "member of"],
    ]);

    // Blind: each analyst sees only their own relations.
    for (const member of [ana, ben]) {
      const own = (await (await member.page.request.get(`${api}/articles/${articleId}/relations`)).json()).data as {
        author: { name: string };
      }[];
      expect(own.map((r) => r.author.name)).toEqual([member.user.name, member.user.name]);
    }

    // Agreement: one of two relations matched each way — precision, recall and F1 50%.
    const page = reviewer.page;
    const pair = `analyst=${idOf(ana.user)}&analyst=${idOf(ben.user)}`;
    await page.goto(`/w/${workspaceId}/articles/${articleId}/agreement?${pair}`);
    const row = page.getByTestId("relation-agreement").locator("tbody tr");
    await expect(row).toHaveCount(1);
    await expect(row.locator("td")).toHaveText(["2 / 2", "50%", "50%", "50%", "50%"]);

    // Curation: the shared "leads" is an agreement; two differences, each "only" one analyst.
    await page.goto(`/w/${workspaceId}/articles/${articleId}/curation?${pair}`);
    const section = page.getByRole("region", { name: "Relation differences" });
    await expect(section).toContainText("2 differences, 2 undecided · 1 agreed by everyone");
    const met = section.getByRole("region", { name: /Relation difference \d: Only .*ana/i });
    await expect(met).toContainText("“Amrullah Saleh” met with ↔ “Ahmad Massoud”");
    await expect(met.locator(`[data-analyst="${idOf(ben.user)}"]`)).toContainText("No relation between these passages");
    if (shots) {
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/relation-curation.png`, fullPage: true });
    }
    // Keep Ana's version of one difference.
    await met.getByRole("button", { name: /met with/ }).click();
    await expect(section.getByRole("status")).toContainText("Kept");
    await expect(met.locator(".cur-decision")).toHaveText("Kept: met with");
    await expect(section).toContainText("2 differences, 1 undecided");
    if (shots) await page.screenshot({ path: `${shots}/relation-curation-decided.png`, fullPage: true });

    // The decision is kept: after a reload it shows as decided, and the relation is accepted.
    await page.reload();
    const again = page.getByRole("region", { name: "Relation differences" });
    await expect(again.getByRole("region", { name: /Only .*ana/i }).locator(".cur-decision")).toHaveText(
      "Kept: met with",
    );
    const relations = (await (await page.request.get(`${api}/articles/${articleId}/relations`)).json()).data as {
      type: { name: string };
      status: string;
    }[];
    expect(relations.filter((r) => r.type.name === "met with").map((r) => r.status)).toEqual(["ACCEPTED"]);
    expect(relations.filter((r) => r.type.name === "member of").map((r) => r.status)).toEqual(["PROPOSED"]);
  } finally {
    await Promise.all([ana.close(), ben.close(), reviewer.close(), ownerContext.close()]);
  }
});
