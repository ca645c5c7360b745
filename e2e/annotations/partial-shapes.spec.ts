import { expect, test } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { analystAndReviewer, annotationRows, openLiveArticle } from "../factories/discussion";

test("an annotation whose entity comes without its type shows in the list and the text, and the page keeps working", async ({
  browser,
}) => {
  const { workspaceId, articleId, a, b, close } = await analystAndReviewer(browser);
  const types = (await (await a.page.request.get(`/api/workspaces/${workspaceId}/entity-types`)).json()).data;
  const created = await a.page.request.post(`/api/workspaces/${workspaceId}/entities`, {
    data: { name: "Ahmad Massoud", typeId: types[0].id },
  });
  expect(created.status(), await created.text()).toBe(201);
  const entityId: string = (await created.json()).data.id;

  // B's live follow-up answers with the entity's type missing, as for an archived or not-yet-loaded type.
  await b.page.route("**/api/workspaces/*/articles/*/annotations?ids=*", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const row of body.data) if (row.entity) row.entity.type = null;
    await route.fulfill({ response, json: body });
  });
  await openLiveArticle(b.page, workspaceId, articleId);
  const id = await annotateViaApi(a.page, workspaceId, articleId, "Ahmad Massoud", 0, entityId);

  await expect(annotationRows(b.page)).toHaveCount(1);
  await expect(annotationRows(b.page).first()).toContainText("Ahmad Massoud");
  await expect(annotationRows(b.page).first()).toContainText("type unavailable");
  await expect(highlightsOf(b.page, id)).toHaveText("Ahmad Massoud");
  await expect(b.page.getByText("Something went wrong")).toHaveCount(0);
  await expect(b.page.getByRole("alert").filter({ hasText: "could not be shown" })).toHaveCount(0);

  // Filtering by type and by entity still works with it in the list.
  const panel = b.page.getByTestId("annotation-panel");
  await panel.getByLabel(/entity type/i).selectOption({ index: 1 });
  await expect(annotationRows(b.page)).toHaveCount(0);
  await expect(panel.getByText("No annotation matches these filters.")).toBeVisible();
  await close();
});
