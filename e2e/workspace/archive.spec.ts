// An owner downloads a workspace archive from the settings page and imports it as a new workspace
// from the workspaces page, seeing how far the server has got; a reviewer sees no archive button
// and the route refuses them.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ZipFile } from "yazl";
import { unzipText } from "../../lib/export/test/unzip";
import { signedInUser } from "../factories/users";
import { acceptInvitation, createInvitation, createWorkspace, importFile } from "../factories/workspaces";

test("an owner moves a workspace with its archive", async ({ page }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Archived desk");
  await importFile(
    page,
    workspaceId,
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Field notes\n\nThe river rose at dawn.") },
    "Field notes",
  );

  await page.goto(`/w/${workspaceId}/settings`);
  const section = page.getByRole("region", { name: "Move this workspace" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("link", { name: "Download workspace archive" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Archived desk archive \d{4}-\d{2}-\d{2}\.zip$/);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  // The page follows the download on the server and says when it is written.
  await expect(section.getByRole("status")).toContainText(/Archive written: [\d,]+ rows/);

  await page.goto("/workspaces");
  const importer = page.getByRole("region", { name: "Import a workspace archive" });
  await importer.getByLabel("Workspace archive").setInputFiles(file);
  await importer.getByRole("button", { name: "Import archive" }).click();
  await page.waitForURL((url) => /\/w\/[^/]+/.test(url.pathname) && !url.pathname.includes(workspaceId));
  await expect(page.getByText("Field notes").first()).toBeVisible();
});

function zip(files: Record<string, string>): Promise<Buffer> {
  const archive = new ZipFile();
  for (const [name, text] of Object.entries(files)) archive.addBuffer(Buffer.from(text), name);
  archive.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    archive.outputStream.on("data", (c: Buffer) => chunks.push(c));
    archive.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    archive.outputStream.on("error", reject);
  });
}

const ANNOTATIONS = 30_000;

test("importing a large archive shows the server's count as it goes", async ({ page }) => {
  test.slow();
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Big desk");
  await importFile(
    page,
    workspaceId,
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Field notes\n\nThe river rose at dawn.") },
    "Field notes",
  );
  const res = await page.request.get(`/api/workspaces/${workspaceId}/archive`);
  expect(res.status()).toBe(200);
  const files = Object.fromEntries((await unzipText(await res.body())).map((e) => [e.name, e.text]));
  const revision = JSON.parse(files["revisions.jsonl"].split("\n")[0]);
  const at = revision.createdAt;
  // Deleted highlights of one span: enough rows to take seconds, and no live duplicates.
  files["annotations.jsonl"] = Array.from(
    { length: ANNOTATIONS },
    (_, i) =>
      `${JSON.stringify({
        id: `a${i}`,
        articleId: revision.articleId,
        revisionId: revision.id,
        authorId: revision.authorId,
        start: 0,
        end: 5,
        exact: "Field",
        prefix: "",
        suffix: " notes",
        entityId: null,
        note: null,
        status: "PROPOSED",
        anchorState: "ANCHORED",
        reviewedAt: null,
        reviewedById: null,
        rejectionReason: null,
        threadResolvedAt: null,
        threadResolvedById: null,
        version: 1,
        createdAt: at,
        updatedAt: at,
        deletedAt: at,
      })}\n`,
  ).join("");

  await page.goto("/workspaces");
  const importer = page.getByRole("region", { name: "Import a workspace archive" });
  await importer
    .getByLabel("Workspace archive")
    .setInputFiles({ name: "big.zip", mimeType: "application/zip", buffer: await zip(files) });
  await importer.getByRole("button", { name: "Import archive" }).click();
  const progress = importer.getByTestId("import-progress");
  await expect(progress).toContainText(/Importing annotations [\d,]+ of 30,000…/, { timeout: 60_000 });
  const bar = progress.getByRole("progressbar", { name: "Import progress" });
  expect(Number(await bar.getAttribute("max"))).toBeGreaterThan(ANNOTATIONS);
  await importer.screenshot({ path: "test-results/archive-import-progress.png" });
  await page.waitForURL((url) => /\/w\/[^/]+/.test(url.pathname) && !url.pathname.includes(workspaceId), {
    timeout: 60_000,
  });
  await expect(page.getByText("Field notes").first()).toBeVisible();
});

test("a bad archive is refused with its reason, and reviewers get no archive", async ({ page, browser }) => {
  await signedInUser(page, "owner");
  const workspaceId = await createWorkspace(page, "Not for reviewers");
  const invite = await createInvitation(page, workspaceId, "REVIEWER");

  await page.goto("/workspaces");
  const importer = page.getByRole("region", { name: "Import a workspace archive" });
  await importer
    .getByLabel("Workspace archive")
    .setInputFiles({ name: "broken.zip", mimeType: "application/zip", buffer: Buffer.from("not a zip") });
  await importer.getByRole("button", { name: "Import archive" }).click();
  await expect(importer.getByRole("alert")).toContainText("not a readable zip archive");

  const reviewer = await browser.newPage();
  await signedInUser(reviewer, "reviewer");
  await acceptInvitation(reviewer, invite);
  await reviewer.goto(`/w/${workspaceId}/settings`);
  await expect(reviewer.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(reviewer.getByRole("region", { name: "Move this workspace" })).toHaveCount(0);
  expect((await reviewer.request.get(`/api/workspaces/${workspaceId}/archive`)).status()).toBe(403);
  await reviewer.close();
});
