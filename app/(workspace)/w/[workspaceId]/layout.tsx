import type { ReactNode } from "react";
import { LiveProvider } from "@/components/live/live-provider";
import { CommandPalette } from "@/components/search/command-palette";
import { AppHeader } from "@/components/workspace/app-header";
import { WorkspaceTabs } from "@/components/workspace/workspace-tabs";
import { requireWorkspacePage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";

type WorkspaceLayoutProps = { children: ReactNode; params: Promise<{ workspaceId: string }> };

export default async function WorkspaceLayout({ children, params }: WorkspaceLayoutProps) {
  const { workspaceId } = await params;
  const { user, membership } = await requireWorkspacePage(workspaceId, { returnTo: `/w/${workspaceId}` });
  const workspaces = await findWorkspaces({ userId: user.id });
  const tabs = [
    { href: "", label: "Articles" },
    { href: "/entities", label: "Entities" },
    { href: "/search", label: "Search" },
    ...(can(membership.role, "annotation.review") ? [{ href: "/review", label: "Review" }] : []),
    ...(can(membership.role, "dashboard.read") ? [{ href: "/dashboard", label: "Dashboard" }] : []),
    { href: "/members", label: "Members" },
    ...(can(membership.role, "activity.read") ? [{ href: "/activity", label: "Activity" }] : []),
    ...(can(membership.role, "workspace.update") || can(membership.role, "entityType.manage")
      ? [{ href: "/settings", label: "Settings" }]
      : []),
  ];
  // One live connection per page, shared by the header's bell and the article view.
  return (
    <LiveProvider workspaceId={workspaceId}>
      <AppHeader user={user} workspaces={workspaces} currentWorkspaceId={workspaceId} />
      <div className="page">
        <WorkspaceTabs workspaceId={workspaceId} tabs={tabs} />
        <main id="main">{children}</main>
      </div>
      <CommandPalette workspaceId={workspaceId} />
    </LiveProvider>
  );
}
