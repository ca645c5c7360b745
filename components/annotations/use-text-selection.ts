"use client";

import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useState } from "react";
import {
  canonicalTextMapOfNode,
  expandToWords,
  posRangeToTextRange,
  textRangeToPosRange,
  type CanonicalTextMap,
} from "@/lib/anchoring";

export type TextSelection = {
  start: number;
  end: number;
  exact: string;
  rect: { left: number; top: number; bottom: number };
};

/** Keys that extend a selection with Shift held. */
const SELECTING_KEYS = /^(Arrow(Left|Right|Up|Down)|Home|End|PageUp|PageDown)$/;

/** Editors whose current selection was made with Alt held: it keeps its exact characters. */
const exactSelections = new WeakSet<Editor>();

/** The canonical-text map of the editor's current document (memoized per document). */
export function textMapOf(editor: Editor): CanonicalTextMap {
  return canonicalTextMapOfNode(editor.state.doc);
}

/**
 * The reader's current selection as canonical-text offsets (the unit every
 * annotation uses), with where it is on screen; null when nothing is selected.
 */
export function useTextSelection(editor: Editor | null): {
  selection: TextSelection | null;
  read(): TextSelection | null;
} {
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const read = useCallback(() => (editor ? readSelection(editor) : null), [editor]);
  useEffect(() => {
    if (!editor) return;
    const update = () => setSelection(readSelection(editor));
    editor.on("selectionUpdate", update);
    // Whether Alt is held while the selection is made (mouse, touch or Shift+arrows) decides whether
    // it snaps to whole words. A dragged selection then shows the words it will highlight; one made
    // with the keyboard is left as the keys move it (snapping under the caret would fight them) and
    // snaps when highlighted.
    const dom = editor.view.dom;
    const remember = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent && !(event.shiftKey && SELECTING_KEYS.test(event.key))) return;
      if (event.altKey) exactSelections.add(editor);
      else exactSelections.delete(editor);
    };
    const snap = (event: MouseEvent) => {
      remember(event);
      if (event.altKey) return;
      requestAnimationFrame(() => {
        if (editor.isDestroyed) return;
        const { from, to, empty } = editor.state.selection;
        const range = selectedTextRange(editor);
        if (empty || !range) return;
        const map = textMapOf(editor);
        const snapped = textRangeToPosRange(map, range.start, range.end);
        const raw = posRangeToTextRange(map, from, to);
        if (raw.start > range.start || raw.end < range.end) {
          editor.commands.setTextSelection(snapped);
        }
      });
    };
    dom.addEventListener("mousedown", remember);
    dom.addEventListener("mouseup", snap);
    dom.addEventListener("keydown", remember);
    return () => {
      editor.off("selectionUpdate", update);
      dom.removeEventListener("mousedown", remember);
      dom.removeEventListener("mouseup", snap);
      dom.removeEventListener("keydown", remember);
    };
  }, [editor]);
  return { selection, read };
}

/**
 * The editor's selection right now as canonical offsets and quote, trimmed of
 * surrounding whitespace and widened to whole words, unless it was made with
 * Alt held (then its exact characters).
 */
export function selectedTextRange(editor: Editor): Omit<TextSelection, "rect"> | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const map = textMapOf(editor);
  const text = map.text;
  const { start, end } = posRangeToTextRange(map, from, to);
  let s = start;
  let e = end;
  // Highlights never start or end on whitespace the reader cannot see.
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e <= s) return null;
  if (!exactSelections.has(editor)) ({ start: s, end: e } = expandToWords(text, s, e));
  return { start: s, end: e, exact: text.slice(s, e) };
}

/** The editor's selection right now (not as of the last render), with where it is on the page. */
function readSelection(editor: Editor): TextSelection | null {
  const range = selectedTextRange(editor);
  if (!range) return null;
  const { from, to } = editor.state.selection;
  const coords = editor.view.coordsAtPos(to);
  const startCoords = editor.view.coordsAtPos(from);
  return {
    ...range,
    // Page coordinates, so the toolbar stays with the text when the page scrolls.
    rect: {
      left: Math.min(startCoords.left, coords.left) + window.scrollX,
      top: coords.top + window.scrollY,
      bottom: coords.bottom + window.scrollY,
    },
  };
}
