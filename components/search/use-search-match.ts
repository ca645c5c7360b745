"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useRef } from "react";
import { canonicalTextMapOfNode, textRangeToPosRange } from "@/lib/anchoring";

/** How long a passage found by search stays highlighted, in milliseconds. */
const MATCH_SHOWN_MS = 4000;

/**
 * Opened from a search result (`?match=<start>-<end>`, canonical text
 * offsets): scrolls the reader to the match and highlights it for a while.
 */
export function useSearchMatch(editor: Editor | null, match: string | null): void {
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!editor || !match || handled.current === match) return;
    const m = /^(\d+)-(\d+)$/.exec(match);
    if (!m) return;
    const [start, end] = [Number(m[1]), Number(m[2])];
    const map = canonicalTextMapOfNode(editor.state.doc);
    if (end <= start || end > map.text.length) return;
    handled.current = match;
    editor.commands.setSearchMatch({ start, end });
    const { from } = textRangeToPosRange(map, start, end);
    const { node } = editor.view.domAtPos(from);
    (node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: "center", behavior: "smooth" });
    window.setTimeout(() => {
      if (!editor.isDestroyed) editor.commands.setSearchMatch(null);
    }, MATCH_SHOWN_MS);
  }, [editor, match]);
}
