import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import type { WorkspaceSummary } from "@/lib/server/workspaces/find-workspaces";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { WorkspaceSwitcher } from "@/components/workspace/workspace-switcher";

type AppHeaderProps = { user: SessionUser; workspaces: WorkspaceSummary[]; currentWorkspaceId?: string };

/** The header of every signed-in page: brand, workspace switcher, the workspace's notifications, account. */
export function AppHeader({ user, workspaces, currentWorkspaceId }: AppHeaderProps) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true" /> Marginalia
      </Link>
      <WorkspaceSwitcher workspaces={workspaces} currentWorkspaceId={currentWorkspaceId} />
      <span className="spacer" />
      {currentWorkspaceId ? <NotificationBell workspaceId={currentWorkspaceId} /> : null}
      <nav className="user-menu" aria-label="Account">
        <Link href="/account">{user.name}</Link>
        <SignOutButton />
      </nav>
    </header>
  );
}
