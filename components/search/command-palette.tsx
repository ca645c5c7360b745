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
  { kind: "member", heading: "Members" },
  // Last: these come in after the others, and should not push them down when they do.
  { kind: "annotation", heading: "Annotations" },
  { kind: "passage", heading: "Passages" },
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
  // The names (entities, articles, members) come fast; the hits (annotations, passages) may take longer,
  // so each arrives on its own and the palette shows whatever it has.
  const [names, setNames] = useState<{ q: string; items: SuggestItem[]; didYouMean: string | null }>({
    q: "",
    items: [],
    didYouMean: null,
  });
  const [hits, setHits] = useState<{ q: string; items: SuggestItem[] }>({ q: "", items: [] });
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
    const suggest = (part: "names" | "hits") =>
      apiBody<{ data: SuggestItem[]; didYouMean: string | null }>(
        `/api/workspaces/${workspaceId}/search/suggest?${new URLSearchParams({ q, part })}`,
        { signal: controller.signal },
      );
    const timer = setTimeout(() => {
      suggest("names").then(
        (body) => setNames({ q, items: body.data, didYouMean: body.didYouMean }),
        () => controller.signal.aborted || setNames({ q, items: [], didYouMean: null }),
      );
      suggest("hits").then(
        (body) => setHits({ q, items: body.data }),
        () => controller.signal.aborted || setHits({ q, items: [] }),
      );
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
  const items = [...(q && names.q === q ? names.items : []), ...(q && hits.q === q ? hits.items : [])];
  const hitsPending = Boolean(q) && names.q === q && hits.q !== q;

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
        {names.didYouMean && names.q === q ? (
          <Command.Item value="did-you-mean" onSelect={() => go(searchPageHref(workspaceId, names.didYouMean!))}>
            Did you mean “{names.didYouMean}”?
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
        {hitsPending ? (
          <div className="command-palette-pending" role="status">
            Looking in annotations and passages…
          </div>
        ) : null}
      </Command.List>
    </Command.Dialog>
  );
}
