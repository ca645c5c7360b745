import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { seedArticlePath } from "../fixtures/shared-articles";
import { signedInUser, type E2EUser } from "./users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "./workspaces";

export type Member = { context: BrowserContext; page: Page; user: E2EUser };

/**
 * A workspace with the shared seed article, an analyst (A) and a reviewer (B),
 * each signed in in their own browser context. `baseURLs` puts a member on
 * another app instance (same database).
 */
export async function analystAndReviewer(
  browser: Browser,
  baseURLs: { a?: string; b?: string } = {},
): Promise<{ workspaceId: string; articleId: string; a: Member; b: Member; close(): Promise<void> }> {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signedInUser(owner, "owner");
  const workspaceId = await createWorkspace(owner, "Discussion desk");
  const articleId = await importFile(owner, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const join = async (role: string, label: string, baseURL?: string): Promise<Member> => {
    const invite = await createInvitation(owner, workspaceId, role);
    const context = await browser.newContext(baseURL ? { baseURL } : {});
    const page = await context.newPage();
    const user = await signedInUser(page, label);
    await acceptInvitation(page, invite);
    return { context, page, user };
  };
  const a = await join("ANALYST", "analyst", baseURLs.a);
  const b = await join("REVIEWER", "reviewer", baseURLs.b);
  await ownerContext.close();
  return {
    workspaceId,
    articleId,
    a,
    b,
    close: async () => {
      await a.context.close();
      await b.context.close();
    },
  };
}

/** Opens the article and waits until its live stream is connected. */
export async function openLiveArticle(page: Page, workspaceId: string, articleId: string, query = ""): Promise<void> {
  await page.goto(`/w/${workspaceId}/articles/${articleId}${query}`);
  await expect(liveStatus(page)).toHaveText("Live");
}

/** The panel's connection state ("Live", "Reconnecting…"). */
export function liveStatus(page: Page) {
  return page.getByTestId("annotation-panel").locator(".live-status");
}

/** The open discussion in the side panel. */
export function threadPane(page: Page) {
  return page.getByTestId("thread");
}

/** The comments of the open discussion. */
export function comments(page: Page) {
  return threadPane(page).getByRole("list", { name: "Comments" }).getByRole("listitem");
}

/** Types into the open discussion's editor and sends with Ctrl+Enter; waits for the comment to show. */
export async function reply(page: Page, text: string): Promise<void> {
  const before = await comments(page).count();
  const field = threadPane(page).getByRole("textbox", { name: /^(Reply|Comment)$/ });
  await field.click();
  await page.keyboard.type(text);
  await page.keyboard.press("Control+Enter");
  await expect(comments(page)).toHaveCount(before + 1);
}

/** The annotation list's rows. */
export function annotationRows(page: Page) {
  return page.getByTestId("annotation-panel").getByRole("listbox").getByRole("option");
}
