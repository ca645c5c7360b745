"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client/api";

type ReviewResultsPanelProps = {
  workspaceId: string;
  /** The annotation results shown, with the versions the reviewer saw. */
  items: { id: string; version: number }[];
};

/** Accept or reject the annotation results shown, all or none, through the review route. */
export function ReviewResultsPanel({ workspaceId, items }: ReviewResultsPanelProps) {
  const router = useRouter();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const n = items.length;

  async function decide(decision: "ACCEPTED" | "REJECTED") {
    setBusy(true);
    setMessage(null);
    try {
      await api(`/api/workspaces/${workspaceId}/annotations/review`, {
        method: "POST",
        json: { items, decision, ...(decision === "REJECTED" ? { reason } : {}) },
      });
      setMessage({ ok: true, text: `${decision === "ACCEPTED" ? "Accepted" : "Rejected"} ${n}.` });
      setRejecting(false);
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : "Could not review them." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="search-tag-panel">
      <button type="button" className="button button-small" onClick={() => void decide("ACCEPTED")} disabled={busy}>
        Accept these {n}
      </button>{" "}
      {rejecting ? (
        <>
          <input
            aria-label="Why they are rejected"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why?"
          />{" "}
          <button
            type="button"
            className="button button-small"
            onClick={() => void decide("REJECTED")}
            disabled={busy || !reason.trim()}
          >
            Reject {n}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setRejecting(true)}
          disabled={busy}
        >
          Reject these {n}…
        </button>
      )}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? undefined : "alert alert-error"}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
