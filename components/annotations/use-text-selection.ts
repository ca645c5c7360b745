"use client";

import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useState } from "react";
import { canonicalTextMapOfNode, posRangeToTextRange, type CanonicalTextMap } from "@/lib/anchoring";

export type TextSelection = {
  start: number;
  end: number;
  exact: string;
  rect: { left: number; top: number; bottom: number };
};

const maps = new WeakMap<object, CanonicalTextMap>();

/** The canonical-text map of the editor's current document, computed once per document. */
export function textMapOf(editor: Editor): CanonicalTextMap {
  const doc = editor.state.doc;
  let map = maps.get(doc);
  if (!map) {
    map = canonicalTextMapOfNode(doc);
    maps.set(doc, map);
  }
  return map;
}

/**
 * The reader's current selection as canonical-text offsets (the unit every
 * annotation uses), with where it is on screen; null when nothing is selected.
 */
export function useTextSelection(
  editor: Editor | null,
  text: string,
): { selection: TextSelection | null; read(): TextSelection | null } {
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const read = useCallback(() => (editor ? readSelection(editor, text) : null), [editor, text]);
  useEffect(() => {
    if (!editor) return;
    const update = () => setSelection(readSelection(editor, text));
    editor.on("selectionUpdate", update);
    return () => {
      editor.off("selectionUpdate", update);
    };
  }, [editor, text]);
  return { selection, read };
}

/** The editor's selection right now (not as of the last render), trimmed of surrounding whitespace. */
function readSelection(editor: Editor, text: string): TextSelection | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const { start, end } = posRangeToTextRange(textMapOf(editor), from, to);
  let s = start;
  let e = end;
  // Highlights never start or end on whitespace the reader cannot see.
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e <= s) return null;
  const coords = editor.view.coordsAtPos(to);
  const startCoords = editor.view.coordsAtPos(from);
  return {
    start: s,
    end: e,
    exact: text.slice(s, e),
    // Page coordinates, so the toolbar stays with the text when the page scrolls.
    rect: {
      left: Math.min(startCoords.left, coords.left) + window.scrollX,
      top: coords.top + window.scrollY,
      bottom: coords.bottom + window.scrollY,
    },
  };
}
