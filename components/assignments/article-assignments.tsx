"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { api, ApiError } from "@/lib/client/api";
import type { AssignmentView } from "@/lib/server/assignments/assignment-view";
import { AssignmentBadges } from "@/components/assignments/assignment-badges";
import { AssignmentProgress } from "@/components/assignments/assignment-progress";

type ArticleAssignmentsProps = {
  workspaceId: string;
  articleId: string;
  assignments: AssignmentView[];
  /** The workspace's analysts (the people who can be assigned). */
  analysts: { id: string; name: string }[];
};

/** For reviewers and owners on the article page: who works on it, and a form to assign more analysts. */
export function ArticleAssignments({ workspaceId, articleId, assignments, analysts }: ArticleAssignmentsProps) {
  const router = useRouter();
  const id = useId();
  const assigned = new Set(assignments.map((a) => a.assignee.id));
  const free = analysts.filter((a) => !assigned.has(a.id));
  const [chosen, setChosen] = useState<string[]>([]);
  const [dueAt, setDueAt] = useState("");
  const [blind, setBlind] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await action();
      setStatus(done);
      router.refresh();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong. Try again.");
      return false;
    } finally {
      setBusy(false);
    }
  };

  const base = `/api/workspaces/${workspaceId}/assignments`;
  return (
    <details className="article-assignments card" open={assignments.length === 0 ? undefined : true}>
      <summary>
        Assignments <span className="muted">({assignments.length})</span>
      </summary>
      {assignments.length ? (
        <ul className="assignment-list" aria-label="Assigned analysts">
          {assignments.map((a) => (
            <li key={a.id} data-assignee={a.assignee.name}>
              <span className="assignee">{a.assignee.name}</span>
              <AssignmentProgress progress={a.progress} />
              <AssignmentBadges dueAt={a.dueAt} overdue={a.overdue} blind={a.blind} submittedAt={a.submittedAt} />
              <span className="actions">
                {a.submittedAt ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    disabled={busy}
                    onClick={() => {
                      if (
                        !window.confirm(
                          `Reopen ${a.assignee.name}’s work? They can annotate again${a.blind ? ", blind" : ""}.`,
                        )
                      )
                        return;
                      void run(
                        () => api(`${base}/${a.id}/submit`, { method: "DELETE" }),
                        `Reopened ${a.assignee.name}’s work.`,
                      );
                    }}
                  >
                    Reopen
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={busy}
                  aria-label={`Remove ${a.assignee.name}’s assignment`}
                  onClick={() => {
                    if (!window.confirm(`Remove ${a.assignee.name}’s assignment? Their annotations stay.`)) return;
                    void run(
                      () => api(`${base}/${a.id}`, { method: "DELETE" }),
                      `Removed ${a.assignee.name}’s assignment.`,
                    );
                  }}
                >
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">Nobody is assigned to this article yet.</p>
      )}
      {free.length ? (
        <form
          className="assign-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!chosen.length) {
              setError("Choose at least one analyst.");
              return;
            }
            const names = free.filter((a) => chosen.includes(a.id)).map((a) => a.name);
            const ok = await run(
              () =>
                api(base, { method: "POST", json: { articleId, assigneeIds: chosen, dueAt: dueAt || null, blind } }),
              `Assigned ${names.join(", ")}.`,
            );
            if (ok) setChosen([]);
          }}
        >
          <fieldset>
            <legend>Assign analysts</legend>
            {free.map((a) => (
              <label key={a.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(a.id)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))}
                />
                {a.name}
              </label>
            ))}
          </fieldset>
          <div className="assign-options">
            <div className="field">
              <label htmlFor={`${id}-due`}>Due (optional)</label>
              <input id={`${id}-due`} type="date" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
            </div>
            <label className="check">
              <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} />
              Blind: they see only their own annotations until they submit
            </label>
          </div>
          <button type="submit" className="button" disabled={busy}>
            Assign
          </button>
        </form>
      ) : analysts.length ? (
        <p className="muted small">Every analyst of the workspace is assigned.</p>
      ) : (
        <p className="muted small">The workspace has no analysts to assign. Invite some from Members.</p>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </details>
  );
}
