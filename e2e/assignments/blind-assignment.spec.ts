import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { annotateViaApi, highlightsOf } from "../factories/annotations";
import { annotationRows } from "../factories/discussion";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

const SHOTS = process.env.E2E_SCREENSHOTS;

async function lab(browser: Browser) {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signedInUser(owner, "owner");
  const workspaceId = await createWorkspace(owner, "Agreement study");
  const articleId = await importFile(owner, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const join = async (label: string) => {
    const invite = await createInvitation(owner, workspaceId, "ANALYST");
    const context = await browser.newContext();
    const page = await context.newPage();
    const user = await signedInUser(page, label);
    await acceptInvitation(page, invite);
    return { context, page, user };
  };
  const blind = await join("ana");
  const other = await join("ben");
  return {
    workspaceId,
    articleId,
    owner,
    blind,
    other,
    close: async () => {
      await Promise.all([ownerContext.close(), blind.context.close(), other.context.close()]);
    },
  };
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

test("a blind analyst sees only their own annotations until they submit; the dashboard counts everyone's", async ({
  browser,
}) => {
  const { workspaceId, articleId, owner, blind, other, close } = await lab(browser);
  try {
    // Another analyst's work exists before, and the blind analyst's own.
    const othersIds = [
      await annotateViaApi(other.page, workspaceId, articleId, "Taliban"),
      await annotateViaApi(other.page, workspaceId, articleId, "Panjshir"),
    ];
    const mine = await annotateViaApi(blind.page, workspaceId, articleId, "Ahmad Massoud");

    // The owner assigns the article, blind, with a due day.
    await owner.goto(`/w/${workspaceId}/articles/${articleId}`);
    const panel = owner.locator("details.article-assignments");
    await panel.locator("summary").click();
    await panel.getByRole("checkbox", { name: blind.user.name }).check();
    await panel.getByLabel("Due (optional)").fill("2031-06-30");
    await expect(panel.getByRole("checkbox", { name: /^Blind:/ })).toBeChecked();
    await panel.getByRole("button", { name: "Assign" }).click();
    const assigned = panel.getByRole("list", { name: "Assigned analysts" }).getByRole("listitem");
    await expect(assigned).toHaveCount(1);
    await expect(assigned.first()).toContainText(blind.user.name);
    await expect(assigned.first()).toContainText("Blind");
    await expect(assigned.first()).toContainText("Due 30 Jun 2031");
    await shot(owner, "article-assign");
    expect(await seriousViolations(owner)).toEqual([]);

    // The analyst's home page leads with their assignment.
    await blind.page.goto(`/w/${workspaceId}`);
    const section = blind.page.getByRole("region", { name: /My assignments/ });
    await expect(section).toBeVisible();
    const row = section.getByRole("row").nth(1);
    await expect(row).toContainText("1 annotation");
    await expect(row).toContainText("Blind");
    await expect(row).toContainText("In progress");
    await shot(blind.page, "my-assignments");
    expect(await seriousViolations(blind.page)).toEqual([]);

    // In the article: only their own.
    await row.getByRole("link").click();
    await expect(blind.page.getByRole("note")).toContainText("Blind annotation.");
    await expect(annotationRows(blind.page)).toHaveCount(1);
    await expect(highlightsOf(blind.page, mine).first()).toBeVisible();
    for (const id of othersIds) await expect(highlightsOf(blind.page, id)).toHaveCount(0);
    const api = await blind.page.request.get(`/api/workspaces/${workspaceId}/articles/${articleId}/annotations`);
    expect((await api.json()).data.map((a: { id: string }) => a.id)).toEqual([mine]);
    await shot(blind.page, "article-blind");

    // Submitting (confirmed) lifts the blind.
    blind.page.once("dialog", (dialog) => void dialog.accept());
    await blind.page.getByRole("button", { name: "Mark submitted" }).click();
    await expect(blind.page.getByRole("note")).toContainText("You have submitted your work");
    await expect(annotationRows(blind.page)).toHaveCount(3);
    for (const id of othersIds) await expect(highlightsOf(blind.page, id).first()).toBeVisible();
    await blind.page.goto(`/w/${workspaceId}`);
    await expect(
      blind.page
        .getByRole("region", { name: /My assignments/ })
        .getByRole("row")
        .nth(1),
    ).toContainText("Submitted");
    // Analysts have no dashboard.
    await expect(blind.page.getByRole("link", { name: "Dashboard" })).toHaveCount(0);

    // The owner reviews one of the other analyst's annotations; the dashboard shows the figures.
    const review = await owner.request.post(`/api/workspaces/${workspaceId}/annotations/${othersIds[0]}/review`, {
      data: { version: 1, decision: "ACCEPTED" },
    });
    expect(review.status()).toBe(200);
    await owner.goto(`/w/${workspaceId}`);
    await owner.getByRole("link", { name: "Dashboard" }).click();
    await expect(owner.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(owner.getByTestId("total-annotations")).toHaveText("3");
    await expect(owner.getByTestId("total-reviewed")).toHaveText("33 %");
    const article = owner.getByTestId("dashboard-articles").getByRole("row").nth(1);
    await expect(article).toContainText(blind.user.name);
    await expect(article).toContainText("(submitted)");
    await expect(article.getByRole("cell").nth(1)).toHaveText("3");
    const analysts = owner.getByTestId("dashboard-analysts");
    await expect(analysts.getByRole("row", { name: new RegExp(blind.user.name) })).toContainText("1 of 1 submitted");
    const otherRow = analysts.getByRole("row", { name: new RegExp(other.user.name) });
    await expect(otherRow.getByRole("cell").nth(1)).toHaveText("2");
    await expect(otherRow.getByRole("cell").nth(2)).toHaveText("1");
    await expect(otherRow).toContainText("100 %");
    await expect(owner.getByTestId("chart-annotations").locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(owner.getByTestId("chart-reviews").locator(".recharts-bar-rectangle").first()).toBeVisible();
    await shot(owner, "dashboard");
    expect(await seriousViolations(owner)).toEqual([]);
  } finally {
    await close();
  }
});
