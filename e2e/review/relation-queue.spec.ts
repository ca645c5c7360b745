import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { analystAndReviewer } from "../factories/discussion";

const shots = process.env.RELATION_REVIEW_SHOTS;

/** An entity of the named type, created through the API; returns its id. */
async function entity(page: Page, workspaceId: string, name: string, typeName: string): Promise<string> {
  const types = (await (await page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data as {
    id: string;
    name: string;
  }[];
  const res = await page.request.post(`/api/workspaces/${workspaceId}/entities`, {
    data: { name, typeId: types.find((t) => t.name === typeName)!.id },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.id;
}

test("a reviewer pages through proposed relations with j/k, accepts one with a, rejects one with r and a reason; a stale one is a conflict; the dashboard counts them", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  const api = `/api/workspaces/${workspaceId}`;
  try {
    const massoud = await annotateViaApi(
      a.page,
      workspaceId,
      articleId,
      "Ahmad Massoud",
      0,
      await entity(a.page, workspaceId, "Ahmad Massoud", "Person"),
    );
    const front = await annotateViaApi(
      a.page,
      workspaceId,
      articleId,
      "National Resistance Front",
      0,
      await entity(a.page, workspaceId, "National Resistance Front", "Organization"),
    );
    const saleh = await annotateViaApi(
      a.page,
      workspaceId,
      articleId,
      "Amrullah Saleh",
      0,
      await entity(a.page, workspaceId, "Amrullah Saleh", "Person"),
    );
    const types = (await (await a.page.request.get(`${api}/relation-types`)).json()).data as {
      id: string;
      name: string;
    }[];
    const link = async (sourceId: string, targetId: string, type: string) => {
      const res = await a.page.request.post(`${api}/articles/${articleId}/relations`, {
        data: { sourceId, targetId, typeId: types.find((t) => t.name === type)!.id },
      });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()).data as { id: string; version: number };
    };
    const leads = await link(massoud, front, "leads");
    const met = await link(saleh, massoud, "met with");
    const member = await link(saleh, front, "member of");

    const page = b.page;
    await page.goto(`/w/${workspaceId}/review`);
    await page.getByRole("navigation", { name: "What to review" }).getByRole("link", { name: "Relations" }).click();
    await expect(page).toHaveURL(/kind=relations/);
    const card = page.getByRole("region", { name: "Relation under review" });
    const queue = page.getByRole("list", { name: "Queue" });
    await expect(queue.getByRole("listitem")).toHaveCount(3);
    await expect(page.getByText("3 relations · 1 of 3")).toBeVisible();
    // Source → type → target, and both passages with their ends marked.
    await expect(card.getByTestId("relation-under-review")).toHaveText(
      /Ahmad Massoud \(Person\)\s*leads →\s*National Resistance Front \(Organization\)/,
    );
    await expect(card.locator('mark[data-end="source"]').first()).toHaveText("Ahmad Massoud");
    await expect(card.locator('mark[data-end="target"]').first()).toHaveText("National Resistance Front");
    if (shots) await page.screenshot({ path: `${shots}/relation-queue.png`, fullPage: true });

    // j and k move; a accepts and moves on.
    await page.keyboard.press("j");
    await expect(card.getByTestId("relation-under-review")).toContainText("met with ↔");
    await page.keyboard.press("k");
    await expect(card.getByTestId("relation-under-review")).toContainText("leads →");
    await page.keyboard.press("a");
    await expect(page.getByRole("status").filter({ hasText: "Accepted “Ahmad Massoud leads →" })).toBeVisible();
    await expect(card.getByTestId("relation-under-review")).toContainText("met with ↔");

    // r asks for a reason: none is refused, one is sent with Ctrl+Enter.
    await page.keyboard.press("r");
    const dialog = page.getByRole("dialog", { name: "Reject this relation" });
    await expect(dialog.getByRole("textbox")).toBeFocused();
    await page.keyboard.press("Control+Enter");
    await expect(dialog.getByRole("alert")).toHaveText("Say why it is rejected.");
    await page.keyboard.type("They met in Dushanbe, not here.");
    if (shots) await page.screenshot({ path: `${shots}/relation-reject.png`, fullPage: true });
    await page.keyboard.press("Control+Enter");
    await expect(page.getByRole("status").filter({ hasText: "Rejected “Amrullah Saleh met with ↔" })).toBeVisible();

    // The analyst edits the third while the reviewer looks at it: the reviewer's decision is a conflict.
    await expect(card.getByTestId("relation-under-review")).toContainText("member of →");
    const edited = await a.page.request.patch(`${api}/relations/${member.id}`, {
      data: { version: 1, note: "Saleh is not a member." },
    });
    expect(edited.status()).toBe(200);
    await page.keyboard.press("a");
    await expect(page.getByRole("alert").filter({ hasText: "Someone changed this relation" })).toBeVisible();

    const statusOf = async (id: string) => {
      const list = (await (await page.request.get(`${api}/articles/${articleId}/relations`)).json()).data as {
        id: string;
        status: string;
        rejectionReason: string | null;
      }[];
      return list.find((r) => r.id === id);
    };
    await expect.poll(async () => (await statusOf(leads.id))?.status).toBe("ACCEPTED");
    expect(await statusOf(met.id)).toMatchObject({
      status: "REJECTED",
      rejectionReason: "They met in Dushanbe, not here.",
    });
    expect((await statusOf(member.id))?.status).toBe("PROPOSED");
    // Reloaded after the conflict: only the undecided one is left to review, now with the analyst's note.
    await expect(queue.getByRole("listitem")).toHaveCount(1);
    await expect(card).toContainText("Saleh is not a member.");

    // The dashboard counts them next to the annotations.
    await page.goto(`/w/${workspaceId}/dashboard`);
    await expect(page.getByTestId("total-relations")).toHaveText("3");
    await expect(page.getByTestId("total-relations-proposed")).toHaveText("1");
    const byType = page.getByTestId("dashboard-relation-types");
    await expect(byType.locator('tr[data-relation-type="leads"] td')).toHaveText(["1", "0", "1", "0"]);
    await expect(byType.locator('tr[data-relation-type="met with"] td')).toHaveText(["1", "0", "0", "1"]);
    await expect(byType.locator('tr[data-relation-type="member of"] td')).toHaveText(["1", "1", "0", "0"]);
    await expect(
      page.getByTestId("dashboard-relation-analysts").locator(`tr[data-analyst="${a.user.name}"] td`),
    ).toHaveText(["3", "1", "1", "1"]);
    if (shots) {
      await page.getByRole("heading", { name: "Relations", exact: true }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/dashboard-relations.png`, fullPage: true });
    }
  } finally {
    await close();
  }
});
