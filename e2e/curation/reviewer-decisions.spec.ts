import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { annotateViaApi } from "../factories/annotations";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";
import { seedArticlePath } from "../fixtures/shared-articles";

test("curation shows a reviewer's rejection, leaves it as it is when agreements are taken, and changes it only when told, saying so", async ({
  browser,
}) => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signedInUser(owner, "owner");
  const workspaceId = await createWorkspace(owner, "Curation desk");
  const articleId = await importFile(owner, workspaceId, {
    name: "afghan-resistance-2021.txt",
    mimeType: "text/plain",
    buffer: readFileSync(seedArticlePath),
  });
  const api = `/api/workspaces/${workspaceId}`;
  const types = (await (await owner.request.get(`${api}/entity-types`)).json()).data;
  const entity = await owner.request.post(`${api}/entities`, { data: { name: "Ahmad Massoud", typeId: types[0].id } });
  const entityId: string = (await entity.json()).data.id;
  const member = async (role: string, label: string) => {
    const invite = await createInvitation(owner, workspaceId, role);
    const context = await browser.newContext();
    const page = await context.newPage();
    const user = await signedInUser(page, label);
    await acceptInvitation(page, invite);
    return { page, user, context };
  };
  const ana = await member("ANALYST", "ana");
  const ben = await member("ANALYST", "ben");
  const reviewer = await member("REVIEWER", "rui");
  const anas = await annotateViaApi(ana.page, workspaceId, articleId, "Ahmad Massoud", 0, entityId);
  const bens = await annotateViaApi(ben.page, workspaceId, articleId, "Ahmad Massoud", 0, entityId);
  const page = reviewer.page;
  const rejected = await page.request.post(`${api}/annotations/${anas}/review`, {
    data: { version: 1, decision: "REJECTED", reason: "Tagged before the source was checked." },
  });
  expect(rejected.status(), await rejected.text()).toBe(200);
  const status = async (id: string) =>
    (await (await page.request.get(`${api}/articles/${articleId}/annotations?ids=${id}`)).json()).data[0].status;

  await page.goto(`/w/${workspaceId}/articles/${articleId}/curation`);
  const agreements = page.getByRole("region", { name: /1 agreement/ });
  await expect(agreements).toContainText(`Reviewed: ${ana.user.name}’s rejected`);

  // Taking the agreements accepts Ben's copy only: Ana's rejection stands.
  await page.getByRole("button", { name: /Take all agreements/ }).click();
  await page.getByRole("button", { name: "Apply: accept 1, reject 0" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Applied: 1 accepted, 0 rejected" })).toContainText(
    "No reviewer decision was changed.",
  );
  expect(await status(anas)).toBe("REJECTED");
  expect(await status(bens)).toBe("ACCEPTED");

  // Overridden explicitly: the rejection becomes an acceptance, and the summary lists it.
  await agreements.getByRole("checkbox", { name: "Left as is; change it" }).check();
  await page.getByRole("button", { name: "Apply: accept 1, reject 0" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  const changed = page.getByRole("list", { name: "Reviewer decisions changed" }).getByRole("listitem");
  await expect(changed).toHaveText([`“Ahmad Massoud” by ${ana.user.name}: Rejected → Accepted`]);
  expect(await status(anas)).toBe("ACCEPTED");
  for (const c of [ownerContext, ana.context, ben.context, reviewer.context]) await c.close();
});
