"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";
import { roleLabels, roles } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

type MemberRowProps = {
  workspaceId: string;
  member: { userId: string; name: string; email: string; role: Role; joinedAt: string };
  canManage: boolean;
  isSelf: boolean;
  isLastOwner: boolean;
};

/** One member, with role change and removal for owners. */
export function MemberRow({ workspaceId, member, canManage, isSelf, isLastOwner }: MemberRowProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setPending(true);
    setError(null);
    try {
      await action();
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "That did not work.");
    } finally {
      setPending(false);
    }
  }

  const url = `/api/workspaces/${workspaceId}/members/${member.userId}`;
  return (
    <tr>
      <td>
        {member.name}
        {isSelf ? <span className="muted small"> (you)</span> : null}
      </td>
      <td>{member.email}</td>
      <td>
        {canManage ? (
          <select
            aria-label={`Role of ${member.name}`}
            value={member.role}
            disabled={pending || isLastOwner}
            title={isLastOwner ? "The last owner cannot be demoted." : undefined}
            onChange={(e) => run(() => api(url, { method: "PATCH", json: { role: e.target.value } }))}
            style={{ width: "auto" }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        ) : (
          <span className="badge">{roleLabels[member.role]}</span>
        )}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      {canManage ? (
        <td>
          {isSelf ? null : (
            <button
              type="button"
              className="button button-danger button-small"
              disabled={pending || isLastOwner}
              onClick={() => {
                if (window.confirm(`Remove ${member.name} from this workspace? Their annotations stay.`)) {
                  run(() => api(url, { method: "DELETE" }));
                }
              }}
            >
              Remove
            </button>
          )}
        </td>
      ) : null}
    </tr>
  );
}
