"use client";

import { useRouter } from "next/navigation";
import type { WorkspaceSummary } from "@/lib/server/workspaces/find-workspaces";

type WorkspaceSwitcherProps = { workspaces: WorkspaceSummary[]; currentWorkspaceId?: string };

const ALL = "__all__";

/** Jumps between the user's workspaces; the last entry manages them. */
export function WorkspaceSwitcher({ workspaces, currentWorkspaceId }: WorkspaceSwitcherProps) {
  const router = useRouter();
  return (
    <label className="row workspace-switch" style={{ gap: "0.4rem" }}>
      <span className="visually-hidden">Workspace</span>
      <select
        aria-label="Switch workspace"
        value={currentWorkspaceId ?? ALL}
        onChange={(e) => router.push(e.target.value === ALL ? "/workspaces" : `/w/${e.target.value}`)}
        className="workspace-switch-select"
      >
        {currentWorkspaceId ? null : <option value={ALL}>Choose a workspace…</option>}
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
        {currentWorkspaceId ? <option value={ALL}>All workspaces…</option> : null}
      </select>
    </label>
  );
}
