"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { EntityCombobox } from "@/components/annotations/entity-combobox";
import type { EntityItem, EntityTypeItem } from "@/components/annotations/types";
import { api } from "@/lib/client/api";
import { exportFormatLabels, exportFormats, type ExportFormat } from "@/lib/validations/export";
import type { SetAnnotationEntitiesResult } from "@/lib/validations/search";

type AnnotationResultsPanelProps = {
  workspaceId: string;
  q: string;
  /** The annotation results shown, with the versions the viewer saw. */
  items: { id: string; version: number }[];
  /** Empty when the viewer may not change annotations. */
  entityTypes: EntityTypeItem[];
  canChangeEntity: boolean;
};

type Step =
  | { kind: "idle" }
  | { kind: "picking" }
  | { kind: "done"; entity: EntityItem; result: SetAnnotationEntitiesResult }
  | { kind: "undone"; count: number };

/** The annotation results ticked in the list (none ticked: all shown). */
function tickedIds(): Set<string> | null {
  const ids = [...document.querySelectorAll<HTMLInputElement>("input[name=annotation]:checked")].map((i) => i.value);
  return ids.length ? new Set(ids) : null;
}

/**
 * Actions on a search's annotation results: Change entity (the ticked ones,
 * or all shown; one transaction, undone as one action) and Export these (every
 * annotation the search lists, in any export format).
 */
export function AnnotationResultsPanel({
  workspaceId,
  q,
  items,
  entityTypes,
  canChangeEntity,
}: AnnotationResultsPanelProps) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/workspaces/${workspaceId}/annotations/entity`;
  const exportHref = `/api/workspaces/${workspaceId}/search/export?${new URLSearchParams({ q, format })}`;

  async function send(body: { id: string; version: number; entityId: string | null }[]) {
    setBusy(true);
    setError(null);
    try {
      return await api<SetAnnotationEntitiesResult>(url, { method: "POST", json: { items: body } });
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not change them.");
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function onPick(entity: EntityItem) {
    const ticked = tickedIds();
    const chosen = ticked ? items.filter((i) => ticked.has(i.id)) : items;
    const result = await send(chosen.map((i) => ({ id: i.id, version: i.version, entityId: entity.id })));
    if (result) {
      setStep({ kind: "done", entity, result });
      router.refresh();
    } else setStep({ kind: "idle" });
  }

  async function undo() {
    if (step.kind !== "done") return;
    const result = await send(
      step.result.items.map((i) => ({ id: i.id, version: i.version, entityId: i.previousEntityId })),
    );
    if (result) {
      setStep({ kind: "undone", count: result.items.length });
      router.refresh();
    }
  }

  return (
    <div className="search-tag-panel search-annotation-actions">
      {canChangeEntity && step.kind !== "picking" && step.kind !== "done" ? (
        <button type="button" className="button button-small" onClick={() => setStep({ kind: "picking" })}>
          Change entity…
        </button>
      ) : null}
      <span className="search-export">
        <label htmlFor="search-export-format">Export these as</label>{" "}
        <select id="search-export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {exportFormats.map((f) => (
            <option key={f} value={f}>
              {exportFormatLabels[f].label}
            </option>
          ))}
        </select>{" "}
        <a className="button button-secondary button-small" href={exportHref} download>
          Export
        </a>
      </span>
      {canChangeEntity ? (
        <span className="muted">
          {" "}
          Tick annotations to change only those; none ticked changes the {items.length} shown.
        </span>
      ) : null}
      {step.kind === "picking" ? (
        <EntityCombobox
          workspaceId={workspaceId}
          entityTypes={entityTypes}
          initialQuery=""
          onPick={(entity) => void onPick(entity)}
          onClose={() => setStep({ kind: "idle" })}
        />
      ) : null}
      {step.kind === "done" ? (
        <p role="status">
          Changed {step.result.items.length} {step.result.items.length === 1 ? "annotation" : "annotations"} to{" "}
          {step.entity.name}.{" "}
          <button type="button" className="button button-small" onClick={() => void undo()} disabled={busy}>
            Undo
          </button>
        </p>
      ) : null}
      {step.kind === "undone" ? (
        <p role="status">
          Put back the entity of {step.count} {step.count === 1 ? "annotation" : "annotations"}.
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
