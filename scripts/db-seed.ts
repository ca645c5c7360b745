// Seeds the demo workspace: an owner, a reviewer, two analysts and three short
// original articles. `--if-empty` seeds only a database without users.
// Run with the react-server condition so server-only modules load outside Next.js.
import { demoArticles } from "@/prisma/seed/demo-articles";
import { DEMO_PASSWORD, demoUsers } from "@/prisma/seed/demo-users";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { createInvitation } from "@/lib/server/invitations/create-invitation";
import { importArticle } from "@/lib/server/articles/import-article";
import { createUser } from "@/lib/server/users/create-user";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  if (ifEmpty && (await db.user.count()) > 0) {
    console.log("Demo data: the database already has users; not seeding.");
    return;
  }
  const users = [];
  for (const u of demoUsers) {
    users.push({ ...u, ...(await createUser({ name: u.name, email: u.email, password: DEMO_PASSWORD })) });
  }
  const owner = users[0];
  const workspace = await createWorkspace({ userId: owner.id, name: "Demo newsroom" });
  // Teammates join the way real ones do: through invitation links.
  for (const u of users.slice(1)) {
    const { token } = await createInvitation({
      workspaceId: workspace.id,
      actorId: owner.id,
      role: u.role,
      expiresInDays: 1,
    });
    await acceptInvitation({ token, userId: u.id });
  }
  for (const [i, article] of demoArticles.entries()) {
    const { text, ...metadata } = article;
    await importArticle({
      workspaceId: workspace.id,
      actorId: users[i % 2 === 0 ? 2 : 3].id,
      metadata: { ...metadata, title: metadata.title },
      upload: { text, format: "text" },
    });
  }
  // A read-write API token of the first analyst, so that the README's curl example works at once.
  const analyst = users.find((u) => u.role === "ANALYST") ?? owner;
  const { token } = await createApiToken({
    workspaceId: workspace.id,
    actorId: analyst.id,
    input: { name: "Demo token", scope: "READ_WRITE" },
  });
  console.log("Demo data created. Sign in at /signin with any of these (password for all: %s):", DEMO_PASSWORD);
  for (const u of users) console.log(`  ${u.role.padEnd(8)} ${u.email}`);
  console.log(
    "Demo API token of %s (read-write, shown only now; revoke it under Account → API tokens):",
    analyst.email,
  );
  console.log(`  ${token}`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (err) => {
    console.error(err);
    await db.$disconnect().catch(() => undefined);
    process.exit(1);
  });
