"use client";

import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { searchPageHref, suggestionHref } from "@/components/search/search-links";
import { apiBody } from "@/lib/client/api";
import type { SuggestItem } from "@/lib/validations/search";

type CommandPaletteProps = { workspaceId: string };

/** How long typing must pause before suggestions are fetched. */
const SUGGEST_DEBOUNCE_MS = 80;

const groups: { kind: SuggestItem["kind"]; heading: string }[] = [
  { kind: "entity", heading: "Entities" },
  { kind: "article", heading: "Articles" },
  { kind: "annotation", heading: "Annotations" },
  { kind: "passage", heading: "Passages" },
  { kind: "member", heading: "Members" },
];

/**
 * Ctrl/Cmd+K anywhere in a workspace: type to jump to an entity, article,
 * annotation, passage or member, or press Enter on the first item for the
 * full search page with the query.
 */
export function CommandPalette({ workspaceId }: CommandPaletteProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [state, setState] = useState<{ q: string; items: SuggestItem[]; didYouMean: string | null }>({
    q: "",
    items: [],
    didYouMean: null,
  });
  const q = query.trim();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (!open || !q) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const body = await apiBody<{ data: SuggestItem[]; didYouMean: string | null }>(
          `/api/workspaces/${workspaceId}/search/suggest?${new URLSearchParams({ q })}`,
          { signal: controller.signal },
        );
        setState({ q, items: body.data, didYouMean: body.didYouMean });
      } catch {
        if (!controller.signal.aborted) setState({ q, items: [], didYouMean: null });
      }
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, q, workspaceId]);

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };
  const items = q && state.q === q ? state.items : [];

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Search and jump"
      shouldFilter={false}
      className="command-palette"
      overlayClassName="command-palette-overlay"
      contentClassName="command-palette-content"
    >
      <Command.Input value={query} onValueChange={setQuery} placeholder="Search or jump to…" />
      <Command.List>
        {q ? (
          <Command.Item value="search" onSelect={() => go(searchPageHref(workspaceId, q))}>
            Search for “{q}”
          </Command.Item>
        ) : (
          <Command.Empty>Type to search articles, passages, annotations, entities and members.</Command.Empty>
        )}
        {state.didYouMean && state.q === q ? (
          <Command.Item value="did-you-mean" onSelect={() => go(searchPageHref(workspaceId, state.didYouMean!))}>
            Did you mean “{state.didYouMean}”?
          </Command.Item>
        ) : null}
        {groups.map((g) => {
          const list = items.filter((i) => i.kind === g.kind);
          if (!list.length) return null;
          return (
            <Command.Group key={g.kind} heading={g.heading}>
              {list.map((item) => (
                <Command.Item
                  key={`${item.kind}:${item.id}`}
                  value={`${item.kind}:${item.id}`}
                  onSelect={() => go(suggestionHref(workspaceId, item))}
                >
                  <span className="command-palette-label">{item.label}</span>
                  {item.detail ? <span className="command-palette-detail">{item.detail}</span> : null}
                </Command.Item>
              ))}
            </Command.Group>
          );
        })}
      </Command.List>
    </Command.Dialog>
  );
}
