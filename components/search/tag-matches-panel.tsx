"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { EntityCombobox } from "@/components/annotations/entity-combobox";
import type { EntityItem, EntityTypeItem } from "@/components/annotations/types";
import { api } from "@/lib/client/api";
import type { z } from "zod";
import type { tagPreviewSchema } from "@/lib/validations/search";

type TagPreview = z.infer<typeof tagPreviewSchema>;

type TagMatchesPanelProps = {
  workspaceId: string;
  q: string;
  entityTypes: EntityTypeItem[];
  /** What the entity picker searches first. */
  initialName: string;
};

type Step =
  | { kind: "idle" }
  | { kind: "picking" }
  | { kind: "preview"; entity: EntityItem; preview: TagPreview; passageIds?: string[] }
  | { kind: "done"; entity: EntityItem; ids: string[] }
  | { kind: "undone"; count: number };

/** The passages ticked in the results list (none ticked: every matching passage). */
function checkedPassageIds(): string[] | undefined {
  const ids = [...document.querySelectorAll<HTMLInputElement>("input[name=passage]:checked")].map((i) => i.value);
  return ids.length ? ids : undefined;
}

/**
 * Find and annotate: tags the words a passage search matched (in the ticked
 * passages, or all) as an entity, after a preview with the count; one Undo
 * takes the whole batch back.
 */
export function TagMatchesPanel({ workspaceId, q, entityTypes, initialName }: TagMatchesPanelProps) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/workspaces/${workspaceId}/search/tag`;

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Something went wrong.");
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function onPick(entity: EntityItem) {
    const passageIds = checkedPassageIds();
    const preview = await run(() =>
      api<TagPreview>(url, { method: "POST", json: { q, entityId: entity.id, passageIds, preview: true } }),
    );
    if (preview) setStep({ kind: "preview", entity, preview, passageIds });
  }

  async function confirm() {
    if (step.kind !== "preview") return;
    const result = await run(() =>
      api<{ ids: string[]; count: number }>(url, {
        method: "POST",
        json: { q, entityId: step.entity.id, passageIds: step.passageIds },
      }),
    );
    if (result) {
      setStep({ kind: "done", entity: step.entity, ids: result.ids });
      router.refresh();
    }
  }

  async function undo() {
    if (step.kind !== "done") return;
    const result = await run(() => api<{ count: number }>(`${url}/undo`, { method: "POST", json: { ids: step.ids } }));
    if (result) {
      setStep({ kind: "undone", count: result.count });
      router.refresh();
    }
  }

  return (
    <div className="search-tag-panel">
      {step.kind === "idle" || step.kind === "undone" ? (
        <>
          <button type="button" className="button button-small" onClick={() => setStep({ kind: "picking" })}>
            Tag as entity…
          </button>
          <span className="muted"> Tick passages to tag only those; none ticked tags every match.</span>
          {step.kind === "undone" ? (
            <p role="status">
              Removed {step.count} {step.count === 1 ? "annotation" : "annotations"}.
            </p>
          ) : null}
        </>
      ) : null}
      {step.kind === "picking" ? (
        <EntityCombobox
          workspaceId={workspaceId}
          entityTypes={entityTypes}
          initialQuery={initialName}
          onPick={(entity) => void onPick(entity)}
          onClose={() => setStep({ kind: "idle" })}
        />
      ) : null}
      {step.kind === "preview" ? (
        <div className="card" role="group" aria-label="Tag preview">
          <p>
            Tag {step.preview.count} {step.preview.count === 1 ? "match" : "matches"} in {step.preview.articles}{" "}
            {step.preview.articles === 1 ? "article" : "articles"} as <strong>{step.entity.name}</strong>?
          </p>
          {step.preview.sample.length ? (
            <ul className="search-tag-sample">
              {step.preview.sample.map((s) => (
                <li key={`${s.articleId}:${s.start}`}>
                  “{s.exact}” — {s.articleTitle}
                </li>
              ))}
            </ul>
          ) : null}
          <button
            type="button"
            className="button button-small"
            onClick={() => void confirm()}
            disabled={busy || step.preview.count === 0}
          >
            Tag {step.preview.count}
          </button>{" "}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setStep({ kind: "idle" })}
            disabled={busy}
          >
            Cancel
          </button>
        </div>
      ) : null}
      {step.kind === "done" ? (
        <p role="status">
          Tagged {step.ids.length} {step.ids.length === 1 ? "match" : "matches"} as {step.entity.name}.{" "}
          <button type="button" className="button button-small" onClick={() => void undo()} disabled={busy}>
            Undo
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
