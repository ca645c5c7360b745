"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

type AcceptInvitationButtonProps = { token: string };

/** Accepts the invitation and opens the workspace. */
export function AcceptInvitationButton({ token }: AcceptInvitationButtonProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="stack">
      <FormError message={error} />
      <button
        type="button"
        className="button"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          try {
            const { workspaceId } = await api<{ workspaceId: string }>(
              `/api/invitations/${encodeURIComponent(token)}`,
              { method: "POST" },
            );
            router.push(`/w/${workspaceId}`);
            router.refresh();
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Could not accept the invitation.");
            setPending(false);
          }
        }}
      >
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </div>
  );
}
