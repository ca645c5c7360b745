"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";

type LeaveWorkspaceButtonProps = { workspaceId: string; isLastOwner: boolean };

/** Leaves the workspace; the last owner is told to hand over first. */
export function LeaveWorkspaceButton({ workspaceId, isLastOwner }: LeaveWorkspaceButtonProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="button button-danger"
        disabled={isLastOwner}
        title={isLastOwner ? "You are the last owner. Make someone else an owner first." : undefined}
        onClick={async () => {
          if (!window.confirm("Leave this workspace? You will need a new invitation to come back.")) return;
          try {
            await api(`/api/workspaces/${workspaceId}/membership`, { method: "DELETE" });
            router.push("/workspaces");
            router.refresh();
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Could not leave the workspace.");
          }
        }}
      >
        Leave workspace
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
