import { expect, test, type Page } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import {
  analystAndReviewer,
  annotationRows,
  comments,
  openLiveArticle,
  reply,
  threadPane,
} from "../factories/discussion";

const shots = process.env.RELATION_THREAD_SHOTS;

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

test("a relation's discussion opens from the reader's relation list; a comment posted there persists after a reload", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, close } = await analystAndReviewer(browser);
  const api = `/api/workspaces/${workspaceId}`;
  try {
    // "leads" links a Person to an Organization.
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
    const types = (await (await a.page.request.get(`${api}/relation-types`)).json()).data as {
      id: string;
      name: string;
    }[];
    const res = await a.page.request.post(`${api}/articles/${articleId}/relations`, {
      data: { sourceId: massoud, targetId: front, typeId: types.find((t) => t.name === "leads")!.id },
    });
    expect(res.status(), await res.text()).toBe(201);
    const relationId = (await res.json()).data.id as string;

    await openLiveArticle(a.page, workspaceId, articleId);
    await annotationRows(a.page).filter({ hasText: "Ahmad Massoud" }).first().click();
    const row = a.page.locator(`[data-relation-row="${relationId}"]`);
    await expect(row).toContainText("leads →");
    await row.getByRole("button", { name: /^Discuss the relation/ }).click();
    await expect(threadPane(a.page).getByRole("heading", { name: "Relation discussion" })).toBeVisible();
    await expect(threadPane(a.page)).toContainText("leads → National Resistance Front");
    await reply(a.page, "Leads it, per the second paragraph.");
    if (shots) {
      await a.page.screenshot({ path: `${shots}/relation-thread.png` });
      await a.page.getByTestId("annotation-panel").screenshot({ path: `${shots}/relation-thread-panel.png` });
      await threadPane(a.page).screenshot({ path: `${shots}/relation-thread-pane.png` });
    }

    // Stored on the relation, not on the annotation.
    const thread = (await (await a.page.request.get(`${api}/relations/${relationId}/comments`)).json()).data;
    expect(thread.comments).toHaveLength(1);
    const annotationThread = (await (await a.page.request.get(`${api}/annotations/${massoud}/comments`)).json()).data;
    expect(annotationThread.comments).toHaveLength(0);

    await a.page.reload();
    await expect(a.page.getByTestId("annotation-panel").locator(".live-status")).toHaveText("Live");
    await annotationRows(a.page).filter({ hasText: "Ahmad Massoud" }).first().click();
    await a.page
      .locator(`[data-relation-row="${relationId}"]`)
      .getByRole("button", { name: /^Discuss the relation/ })
      .click();
    await expect(comments(a.page)).toHaveCount(1);
    await expect(comments(a.page).first()).toContainText("Leads it, per the second paragraph.");

    // Closing it goes back to the annotation's own discussion.
    await threadPane(a.page).getByRole("button", { name: "Close discussion" }).click();
    await expect(threadPane(a.page).getByRole("heading", { name: "Discussion" })).toBeVisible();
    await expect(comments(a.page)).toHaveCount(0);

    // A notification's link (?relation=…&comment=…) opens the relation's thread at the comment.
    await a.page.goto(
      `/w/${workspaceId}/articles/${articleId}?relation=${relationId}&comment=${thread.comments[0].id}`,
    );
    await expect(threadPane(a.page).getByRole("heading", { name: "Relation discussion" })).toBeVisible();
    await expect(comments(a.page)).toHaveCount(1);
  } finally {
    await close();
  }
});
