"use client";

import { useCallback, useState } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";
import { api, ApiError, newActionKey } from "@/lib/client/api";
import { decodeRelations, type CompactRelations } from "@/lib/relations/compact-relations";
import type { RelationItem, RelationTypeItem } from "@/lib/validations/relation";

type Say = (message: string, options?: { tone?: "error"; action?: { label: string; run: () => void } }) => void;

/**
 * An article's relations in the reader: the page's, kept current by live
 * events, with creation (shown at once, confirmed by the server) and
 * deletion (with undo).
 */
export function useRelations(options: {
  workspaceId: string;
  articleId: string;
  /** The page's relations: `CompactRelations` as JSON. */
  initial: string;
  say: Say;
}) {
  const { workspaceId, articleId, say } = options;
  const [relations, setRelations] = useState<RelationItem[]>(() =>
    decodeRelations(JSON.parse(options.initial) as CompactRelations),
  );
  const base = `/api/workspaces/${workspaceId}`;

  const reload = useCallback(async () => {
    try {
      setRelations(await api<RelationItem[]>(`${base}/articles/${articleId}/relations`));
    } catch {
      // The next event or reload brings them.
    }
  }, [articleId, base]);

  // Others' relations, and ours deleted or restored with their annotations.
  useLiveEvents(["relation.changed", "annotation.changed"], () => void reload());

  const create = useCallback(
    async (source: string, target: string, type: RelationTypeItem): Promise<RelationItem | null> => {
      const draft: RelationItem = {
        id: `tmp-${newActionKey()}`,
        version: 1,
        status: "PROPOSED",
        note: null,
        flagged: false,
        type: {
          id: type.id,
          name: type.name,
          inverseLabel: type.inverseLabel,
          directed: type.directed,
          color: type.color,
        },
        source: { id: source },
        target: { id: target },
        author: { id: "", name: "" },
      };
      setRelations((list) => [...list, draft]);
      try {
        const created = await api<RelationItem>(`${base}/articles/${articleId}/relations`, {
          method: "POST",
          json: { sourceId: source, targetId: target, typeId: type.id },
        });
        setRelations((list) => [...list.filter((r) => r.id !== draft.id && r.id !== created.id), created]);
        return created;
      } catch (err) {
        setRelations((list) => list.filter((r) => r.id !== draft.id));
        say(err instanceof ApiError ? err.message : "Could not save the relation.", { tone: "error" });
        return null;
      }
    },
    [articleId, base, say],
  );

  const remove = useCallback(
    async (relation: RelationItem) => {
      setRelations((list) => list.filter((r) => r.id !== relation.id));
      try {
        await api(`${base}/relations/${relation.id}`, { method: "DELETE" });
        say(`Deleted the “${relation.type.name}” relation.`, {
          action: {
            label: "Undo",
            run: () =>
              void api<RelationItem>(`${base}/relations/${relation.id}/restore`, { method: "POST" }).then(
                (restored) => setRelations((list) => [...list.filter((r) => r.id !== restored.id), restored]),
                () => say("Could not restore the relation.", { tone: "error" }),
              ),
          },
        });
      } catch (err) {
        setRelations((list) => [...list, relation]);
        say(err instanceof ApiError ? err.message : "Could not delete the relation.", { tone: "error" });
      }
    },
    [base, say],
  );

  return { relations, create, remove, reload };
}
