import type { Metadata } from "next";
import { RenameWorkspaceForm } from "@/components/workspace/rename-workspace-form";
import { requireWorkspacePage } from "@/lib/auth/page";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";

export const metadata: Metadata = { title: "Workspace settings" };

type SettingsPageProps = { params: Promise<{ workspaceId: string }> };

export default async function SettingsPage({ params }: SettingsPageProps) {
  const { workspaceId } = await params;
  await requireWorkspacePage(workspaceId, { permission: "workspace.update" });
  const workspace = await getWorkspace({ workspaceId });
  return (
    <div className="stack" style={{ maxWidth: 560 }}>
      <h1>Settings</h1>
      <section className="card">
        <RenameWorkspaceForm workspaceId={workspaceId} name={workspace.name} />
      </section>
    </div>
  );
}
