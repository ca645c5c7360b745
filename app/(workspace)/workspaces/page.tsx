import type { Metadata } from "next";
import Link from "next/link";
import { AppHeader } from "@/components/workspace/app-header";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { ImportArchiveForm } from "@/components/workspace/import-archive-form";
import { requirePageUser } from "@/lib/auth/page";
import { roleLabels } from "@/lib/auth/permissions";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const user = await requirePageUser("/workspaces");
  const workspaces = await findWorkspaces({ userId: user.id });
  return (
    <>
      <AppHeader user={user} workspaces={workspaces} />
      <main id="main" className="page">
        <div className="page-header">
          <div>
            <h1>Your workspaces</h1>
            <p>Each workspace is a team with its own articles, members and entities.</p>
          </div>
        </div>
        <div className="stack">
          {workspaces.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Workspace</th>
                  <th scope="col">Your role</th>
                  <th scope="col">Members</th>
                  <th scope="col">Articles</th>
                </tr>
              </thead>
              <tbody>
                {workspaces.map((w) => (
                  <tr key={w.id}>
                    <td>
                      <Link href={`/w/${w.id}`}>{w.name}</Link>
                    </td>
                    <td>
                      <span className="badge">{roleLabels[w.role]}</span>
                    </td>
                    <td>{w.memberCount}</td>
                    <td>{w.articleCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <div className="alert alert-info">
              You are not in a workspace yet. Create one, or open an invitation link from a teammate.
            </div>
          )}
          <section className="card" aria-labelledby="new-workspace">
            <h2 id="new-workspace">New workspace</h2>
            <CreateWorkspaceForm />
          </section>
          <section className="card" aria-labelledby="import-workspace">
            <h2 id="import-workspace">Import a workspace archive</h2>
            <ImportArchiveForm />
          </section>
        </div>
      </main>
    </>
  );
}
