import { Extension, type CommandProps } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { canonicalTextMapOfNode, textRangeToPosRange } from "@/lib/anchoring";

/** Review status of an annotation, as stored. */
export type HighlightStatus = "PROPOSED" | "ACCEPTED" | "REJECTED";

/** One annotation to highlight; `start`/`end` are canonical text offsets of the shown document. */
export type HighlightedAnnotation = {
  id: string;
  start: number;
  end: number;
  /** A CSS colour (hex, a colour name, or rgb()/hsl()/oklch()…); anything else falls back to yellow. */
  color: string;
  status?: HighlightStatus;
  /** Orphaned annotations have no place in the text and are not drawn. */
  orphaned?: boolean;
};

export interface AnnotationHighlightsOptions {
  /**
   * Called with the innermost (shortest) annotation under a click. The click
   * still reaches ProseMirror, so the caret and selection behave as usual.
   * @default null
   * @example (id) => openAnnotation(id)
   */
  onAnnotationClick: ((id: string) => void) | null;

  /**
   * Called when the pointer moves onto another annotation (the innermost one
   * under it), with the bounding box of its highlight element, and with
   * `(null, null)` when it leaves them all.
   * @default null
   */
  onAnnotationHover: ((id: string | null, rect: DOMRect | null) => void) | null;

  /**
   * Class of every highlight element; modifiers `--selected` and `--flash`
   * are added to it (see `annotation-highlights.css`).
   * @default 'annotation-highlight'
   */
  className: string;

  /**
   * How long `setFlashAnnotation` keeps its flash class, in milliseconds.
   * @default 1200
   */
  flashDuration: number;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    annotationHighlights: {
      /**
       * Replaces the highlighted annotations.
       * @example editor.commands.setAnnotations([{ id: "a1", start: 10, end: 42, color: "#f5c400" }])
       */
      setAnnotations: (annotations: readonly HighlightedAnnotation[]) => ReturnType;
      /**
       * Marks one annotation as selected (stronger outline), or none.
       * @example editor.commands.setSelectedAnnotation("a1")
       */
      setSelectedAnnotation: (id: string | null) => ReturnType;
      /**
       * Briefly flashes an annotation, e.g. after jumping to it from a list.
       * @example editor.commands.setFlashAnnotation("a1")
       */
      setFlashAnnotation: (id: string) => ReturnType;
    };
  }
}

/** What each highlight decoration carries. */
type HighlightSpec = {
  annotationId: string;
  /** Canonical length, to find the innermost annotation at a point. */
  length: number;
  status: HighlightStatus;
  color: string;
  /** Overlap depth: 0 for an annotation nothing encloses at its start. */
  lane: number;
};

export type AnnotationHighlightsState = {
  decorations: DecorationSet;
  /** Canonical length of each drawn annotation. */
  lengths: ReadonlyMap<string, number>;
  selectedId: string | null;
  flashId: string | null;
};

type Action =
  | { type: "set"; annotations: readonly HighlightedAnnotation[] }
  | { type: "select"; id: string | null }
  | { type: "flash"; id: string | null };

/** Reads the extension's state: `annotationHighlightsKey.getState(editor.state)`. */
export const annotationHighlightsKey = new PluginKey<AnnotationHighlightsState>("annotationHighlights");

const FALLBACK_COLOR = "#f5c400";
// Values that cannot escape the custom property they are written into.
const SAFE_COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch)\([\d\s.,%/+-]*\))$/i;

function safeColor(color: string): string {
  return SAFE_COLOR.test(color) ? color : FALLBACK_COLOR;
}

function decorationAttrs(spec: HighlightSpec, className: string, selectedId: string | null, flashId: string | null) {
  let classes = className;
  if (spec.annotationId === selectedId) classes += ` ${className}--selected`;
  if (spec.annotationId === flashId) classes += ` ${className}--flash`;
  return {
    nodeName: "mark",
    class: classes,
    "data-annotation-id": spec.annotationId,
    "data-status": spec.status,
    style: `--annotation-color: ${spec.color}; --annotation-lane: ${Math.min(spec.lane, 3)}`,
  };
}

/**
 * The highlight decorations of `annotations` on `doc`, built in one pass:
 * annotations sorted by start (longest first), each mapped from canonical
 * offsets to positions by binary search in the document's text map, each its
 * own `<mark>` so overlapping highlights nest instead of merging.
 */
export function createAnnotationDecorations(
  doc: ProseMirrorNode,
  annotations: readonly HighlightedAnnotation[],
  options: { className?: string; selectedId?: string | null; flashId?: string | null } = {},
): DecorationSet {
  const { className = "annotation-highlight", selectedId = null, flashId = null } = options;
  const map = canonicalTextMapOfNode(doc);
  const shown = annotations
    .filter((a) => !a.orphaned && Number.isInteger(a.start) && Number.isInteger(a.end) && a.start < a.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const laneEnds: number[] = [];
  const decorations: Decoration[] = [];
  for (const annotation of shown) {
    let lane = laneEnds.findIndex((end) => end <= annotation.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = annotation.end;
    const { from, to } = textRangeToPosRange(map, annotation.start, annotation.end);
    if (from >= to) continue;
    const spec: HighlightSpec = {
      annotationId: annotation.id,
      length: annotation.end - annotation.start,
      status: annotation.status ?? "ACCEPTED",
      color: safeColor(annotation.color),
      lane,
    };
    decorations.push(Decoration.inline(from, to, decorationAttrs(spec, className, selectedId, flashId), spec));
  }
  return DecorationSet.create(doc, decorations);
}

/** Re-renders the decorations of the given annotations with the state's selection and flash. */
function restyle(
  state: AnnotationHighlightsState,
  doc: ProseMirrorNode,
  ids: (string | null)[],
  className: string,
): DecorationSet {
  const wanted = new Set(ids.filter((id): id is string => id !== null));
  if (wanted.size === 0) return state.decorations;
  const old = state.decorations.find(undefined, undefined, (spec: HighlightSpec) => wanted.has(spec.annotationId));
  const renewed = old.map((d) => {
    const spec = d.spec as HighlightSpec;
    return Decoration.inline(d.from, d.to, decorationAttrs(spec, className, state.selectedId, state.flashId), spec);
  });
  return state.decorations.remove(old).add(doc, renewed);
}

/**
 * The innermost (shortest, then latest-starting) of the annotations under a
 * pointer event: those whose highlight elements enclose its target, else
 * those whose decorations cover `pos` (when known).
 */
function annotationAt(
  view: EditorView,
  target: EventTarget | null,
  pos: number | null,
  className: string,
): { id: string; element: Element | null } | null {
  const state = annotationHighlightsKey.getState(view.state);
  if (!state) return null;
  const candidates: { id: string; element: Element | null; from: number }[] = [];
  const root = view.dom;
  for (
    let element = target instanceof Element ? target.closest(`.${className}`) : null;
    element && root.contains(element);
    element = element.parentElement?.closest(`.${className}`) ?? null
  ) {
    const id = element.getAttribute("data-annotation-id");
    if (id !== null) candidates.push({ id, element, from: 0 });
  }
  if (candidates.length === 0 && pos !== null) {
    const around = state.decorations.find(pos, pos);
    const after = around.filter((d) => d.from <= pos && pos < d.to);
    for (const d of after.length > 0 ? after : around.filter((d) => d.from < pos && pos <= d.to)) {
      candidates.push({ id: (d.spec as HighlightSpec).annotationId, element: null, from: d.from });
    }
  }
  let best: (typeof candidates)[number] | null = null;
  for (const candidate of candidates) {
    const length = state.lengths.get(candidate.id) ?? Infinity;
    const bestLength = best ? (state.lengths.get(best.id) ?? Infinity) : Infinity;
    if (!best || length < bestLength || (length === bestLength && candidate.from > best.from)) best = candidate;
  }
  return best;
}

/**
 * Draws annotations as ProseMirror decorations: each annotation its own
 * `<mark class="annotation-highlight" data-annotation-id>` with its colour in
 * `--annotation-color`, so overlapping and nested highlights nest as elements
 * and their translucent tints add up (styles: `annotation-highlights.css`).
 * Decorations are built once per `setAnnotations` and mapped through later
 * transactions; selection and flash re-render only the annotations involved.
 */
export const AnnotationHighlights = Extension.create<AnnotationHighlightsOptions>({
  name: "annotationHighlights",

  addOptions() {
    return {
      onAnnotationClick: null,
      onAnnotationHover: null,
      className: "annotation-highlight",
      flashDuration: 1200,
    };
  },

  addCommands() {
    const command =
      (action: Action) =>
      ({ tr, dispatch }: CommandProps) => {
        if (dispatch) tr.setMeta(annotationHighlightsKey, action).setMeta("addToHistory", false);
        return true;
      };
    return {
      setAnnotations: (annotations) => command({ type: "set", annotations }),
      setSelectedAnnotation: (id) => command({ type: "select", id }),
      setFlashAnnotation: (id) => command({ type: "flash", id }),
    };
  },

  addProseMirrorPlugins() {
    const { className, flashDuration } = this.options;
    const options = this.options;
    let hoveredId: string | null = null;
    const hover = (view: EditorView, target: EventTarget | null) => {
      const found = target ? annotationAt(view, target, null, className) : null;
      const id = found?.id ?? null;
      if (id === hoveredId) return;
      hoveredId = id;
      options.onAnnotationHover?.(id, found?.element?.getBoundingClientRect() ?? null);
    };

    return [
      new Plugin<AnnotationHighlightsState>({
        key: annotationHighlightsKey,
        state: {
          init: (_, { doc }) => ({
            decorations: DecorationSet.create(doc, []),
            lengths: new Map(),
            selectedId: null,
            flashId: null,
          }),
          apply(tr, value, _old, newState) {
            const action = tr.getMeta(annotationHighlightsKey) as Action | undefined;
            const mapped = tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
            if (!action) return mapped;
            switch (action.type) {
              case "set": {
                const shown = action.annotations.filter((a) => !a.orphaned);
                return {
                  ...mapped,
                  decorations: createAnnotationDecorations(newState.doc, shown, {
                    className,
                    selectedId: mapped.selectedId,
                    flashId: mapped.flashId,
                  }),
                  lengths: new Map(shown.map((a) => [a.id, a.end - a.start])),
                };
              }
              case "select": {
                const next = { ...mapped, selectedId: action.id };
                return { ...next, decorations: restyle(next, newState.doc, [mapped.selectedId, action.id], className) };
              }
              case "flash": {
                const next = { ...mapped, flashId: action.id };
                return { ...next, decorations: restyle(next, newState.doc, [mapped.flashId, action.id], className) };
              }
            }
          },
        },
        props: {
          decorations: (state) => annotationHighlightsKey.getState(state)?.decorations,
          handleClick(view, pos, event) {
            const found = annotationAt(view, event.target, pos, className);
            if (found) options.onAnnotationClick?.(found.id);
            return false;
          },
          handleDOMEvents: {
            mouseover(view, event) {
              hover(view, event.target);
              return false;
            },
            mouseleave(view) {
              hover(view, null);
              return false;
            },
          },
        },
        view() {
          let timer: ReturnType<typeof setTimeout> | undefined;
          return {
            update(view, previous) {
              const flashId = annotationHighlightsKey.getState(view.state)?.flashId ?? null;
              if (flashId === null || flashId === annotationHighlightsKey.getState(previous)?.flashId) return;
              clearTimeout(timer);
              timer = setTimeout(() => {
                if (view.isDestroyed) return;
                if (annotationHighlightsKey.getState(view.state)?.flashId !== flashId) return;
                view.dispatch(
                  view.state.tr
                    .setMeta(annotationHighlightsKey, { type: "flash", id: null } satisfies Action)
                    .setMeta("addToHistory", false),
                );
              }, flashDuration);
            },
            destroy() {
              clearTimeout(timer);
            },
          };
        },
      }),
    ];
  },
});
