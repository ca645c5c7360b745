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

  /**
   * Most highlights drawn in one transaction. A larger change is drawn in
   * slices, one task each, so thousands of highlights never block the page:
   * the first slice (this many, from the top) shows at once, the rest follow
   * within a few frames in slices of `laterSliceSize`.
   * @default 400
   */
  sliceSize: number;

  /**
   * Most highlights drawn in each slice after the first. Larger than the
   * first: every slice also costs a view update and a frame, and 5,000
   * highlights in slices of 400 spent a third of their time between slices;
   * 1,600 is a task of about 40 ms on a slow machine.
   * @default 1600
   */
  laterSliceSize: number;
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
       * Draws annotations at once, besides those already shown (e.g. a new
       * highlight before the app state has it). The next `setAnnotations`
       * decides whether they stay.
       * @example editor.commands.addAnnotations([{ id: "tmp-1", start: 5, end: 9, color: "#f5c400" }])
       */
      addAnnotations: (annotations: readonly HighlightedAnnotation[]) => ReturnType;
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

/** Where a drawn annotation's decorations are, and the signature they were drawn from. */
type DrawnHighlight = { signature: string; from: number; to: number };

/** An annotation ready to draw: its decoration's spec, its place, and a signature of both. */
type PlannedHighlight = HighlightSpec & { start: number; end: number; signature: string };

export type AnnotationHighlightsState = {
  decorations: DecorationSet;
  /** Canonical length of each annotation shown or queued. */
  lengths: ReadonlyMap<string, number>;
  /** Each drawn annotation: its signature, to redraw only what changed, and where its pieces are. */
  drawn: ReadonlyMap<string, DrawnHighlight>;
  /** Annotations still to draw, in drawing order (see `sliceSize`). */
  queue: readonly PlannedHighlight[];
  selectedId: string | null;
  flashId: string | null;
};

type Action =
  | { type: "set"; annotations: readonly HighlightedAnnotation[] }
  | { type: "add"; annotations: readonly HighlightedAnnotation[] }
  | { type: "drawMore" }
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

/** Everything a highlight's decorations are drawn from: equal signatures, identical decorations. */
function signatureOf(p: Pick<PlannedHighlight, "start" | "end" | "status" | "color" | "lane">): string {
  return `${p.start}:${p.end}:${p.status}:${p.color}:${p.lane}`;
}

/**
 * Plans the highlights of `annotations`: the drawable ones, sorted by start
 * (longest first), each with its overlap lane — the first lane free at its
 * start — so nested and overlapping highlights get distinct layers.
 */
function planHighlights(annotations: readonly HighlightedAnnotation[]): PlannedHighlight[] {
  const shown = annotations
    .filter((a) => !a.orphaned && Number.isInteger(a.start) && Number.isInteger(a.end) && a.start < a.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const laneEnds: number[] = [];
  return shown.map((a) => {
    let lane = laneEnds.findIndex((end) => end <= a.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = a.end;
    const status = a.status ?? "ACCEPTED";
    const color = safeColor(a.color);
    return {
      annotationId: a.id,
      length: a.end - a.start,
      status,
      color,
      lane,
      start: a.start,
      end: a.end,
      signature: signatureOf({ start: a.start, end: a.end, status, color, lane }),
    };
  });
}

/** Decorations for planned highlights on `doc` (offsets mapped by binary search in its text map). */
function decorate(
  doc: ProseMirrorNode,
  planned: readonly PlannedHighlight[],
  style: { className: string; selectedId: string | null; flashId: string | null },
): Decoration[] {
  const map = canonicalTextMapOfNode(doc);
  const decorations: Decoration[] = [];
  for (const { start, end, ...spec } of planned) {
    if (end > map.text.length) continue;
    const { from, to } = textRangeToPosRange(map, start, end);
    if (from >= to) continue;
    decorations.push(
      Decoration.inline(from, to, decorationAttrs(spec, style.className, style.selectedId, style.flashId), spec),
    );
  }
  return decorations;
}

/**
 * The highlight decorations of `annotations` on `doc`, all at once: each its
 * own `<mark>` so overlapping highlights nest instead of merging. (The
 * extension draws the same decorations, in slices.)
 */
export function createAnnotationDecorations(
  doc: ProseMirrorNode,
  annotations: readonly HighlightedAnnotation[],
  options: { className?: string; selectedId?: string | null; flashId?: string | null } = {},
): DecorationSet {
  const { className = "annotation-highlight", selectedId = null, flashId = null } = options;
  return DecorationSet.create(doc, decorate(doc, planHighlights(annotations), { className, selectedId, flashId }));
}

/** Draws the next `count` queued highlights. */
function drawQueued(
  state: AnnotationHighlightsState,
  doc: ProseMirrorNode,
  count: number,
  className: string,
): AnnotationHighlightsState {
  if (state.queue.length === 0) return state;
  const slice = state.queue.slice(0, count);
  const style = { className, selectedId: state.selectedId, flashId: state.flashId };
  const decorations = decorate(doc, slice, style);
  const drawn = new Map(state.drawn);
  for (const d of decorations) {
    const spec = d.spec as HighlightSpec & { signature: string };
    const known = drawn.get(spec.annotationId);
    drawn.set(spec.annotationId, {
      signature: spec.signature,
      from: known?.signature === spec.signature ? Math.min(known.from, d.from) : d.from,
      to: known?.signature === spec.signature ? Math.max(known.to, d.to) : d.to,
    });
  }
  return {
    ...state,
    decorations: state.decorations.add(doc, decorations),
    drawn,
    queue: state.queue.slice(count),
  };
}

/**
 * Replaces what is shown with `annotations`: removes the decorations of
 * annotations that are gone or changed, and queues the new and changed ones
 * (unchanged ones are left alone, so an update touches only what it must).
 */
function setHighlights(
  state: AnnotationHighlightsState,
  doc: ProseMirrorNode,
  annotations: readonly HighlightedAnnotation[],
): AnnotationHighlightsState {
  const planned = planHighlights(annotations);
  const wanted = new Map(planned.map((p) => [p.annotationId, p.signature]));
  const stale = new Set<string>();
  for (const [id, drawn] of state.drawn) if (wanted.get(id) !== drawn.signature) stale.add(id);
  const kept = withoutHighlights(state, stale);
  return {
    ...kept,
    queue: planned.filter((p) => kept.drawn.get(p.annotationId)?.signature !== p.signature),
    lengths: new Map(planned.map((p) => [p.annotationId, p.length])),
  };
}

/**
 * Draws `annotations` now, on top of what is shown, each in the first lane
 * free among the highlights it overlaps.
 */
function addHighlights(
  state: AnnotationHighlightsState,
  doc: ProseMirrorNode,
  annotations: readonly HighlightedAnnotation[],
  className: string,
): AnnotationHighlightsState {
  const map = canonicalTextMapOfNode(doc);
  const lengths = new Map(state.lengths);
  const planned = planHighlights(annotations).map((p) => {
    const { from, to } = textRangeToPosRange(map, p.start, Math.min(p.end, map.text.length));
    const taken = new Set(
      state.decorations
        .find(from, to, (spec: HighlightSpec) => spec.annotationId !== p.annotationId)
        .map((d) => {
          return (d.spec as HighlightSpec).lane;
        }),
    );
    let lane = 0;
    while (taken.has(lane)) lane++;
    lengths.set(p.annotationId, p.length);
    return { ...p, lane, signature: signatureOf({ ...p, lane }) };
  });
  const ids = new Set(planned.map((p) => p.annotationId));
  const rest = withoutHighlights(state, ids);
  const queue = [...planned, ...rest.queue.filter((q) => !ids.has(q.annotationId))];
  return drawQueued({ ...rest, lengths, queue }, doc, planned.length, className);
}

/** The state without the decorations of `ids` (they are no longer drawn). */
function withoutHighlights(state: AnnotationHighlightsState, ids: ReadonlySet<string>): AnnotationHighlightsState {
  if (ids.size === 0) return state;
  // A few (a save, an edit) are looked up where they are; many, in one pass over all.
  const old =
    ids.size <= 64
      ? [...ids].flatMap((id) => {
          const at = state.drawn.get(id);
          return at ? state.decorations.find(at.from, at.to, (spec: HighlightSpec) => spec.annotationId === id) : [];
        })
      : state.decorations.find(undefined, undefined, (spec: HighlightSpec) => ids.has(spec.annotationId));
  const drawn = new Map(state.drawn);
  for (const id of ids) drawn.delete(id);
  return { ...state, decorations: old.length ? state.decorations.remove(old) : state.decorations, drawn };
}

/**
 * After a document change: where each mapped highlight now is, with no
 * signature, so the next `setAnnotations` redraws them all from its offsets.
 */
function drawnAfterChange(decorations: DecorationSet): Map<string, DrawnHighlight> {
  const drawn = new Map<string, DrawnHighlight>();
  for (const d of decorations.find()) {
    const id = (d.spec as HighlightSpec).annotationId;
    const known = drawn.get(id);
    drawn.set(id, {
      signature: "",
      from: Math.min(known?.from ?? d.from, d.from),
      to: Math.max(known?.to ?? d.to, d.to),
    });
  }
  return drawn;
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
      sliceSize: 400,
      laterSliceSize: 1600,
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
      addAnnotations: (annotations) => command({ type: "add", annotations }),
      setSelectedAnnotation: (id) => command({ type: "select", id }),
      setFlashAnnotation: (id) => command({ type: "flash", id }),
    };
  },

  addProseMirrorPlugins() {
    const { className, flashDuration, sliceSize, laterSliceSize } = this.options;
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
            drawn: new Map(),
            queue: [],
            selectedId: null,
            flashId: null,
          }),
          apply(tr, value, _old, newState) {
            const action = tr.getMeta(annotationHighlightsKey) as Action | undefined;
            // Queued offsets belong to the document they were set for; a changed
            // document gets its highlights set again by the caller.
            let mapped = value;
            if (tr.docChanged) {
              const decorations = value.decorations.map(tr.mapping, tr.doc);
              mapped = { ...value, decorations, drawn: drawnAfterChange(decorations), queue: [] };
            }
            if (!action) return mapped;
            const doc = newState.doc;
            switch (action.type) {
              case "set":
                return drawQueued(setHighlights(mapped, doc, action.annotations), doc, sliceSize, className);
              case "add":
                return addHighlights(mapped, doc, action.annotations, className);
              case "drawMore":
                return drawQueued(mapped, doc, laterSliceSize, className);
              case "select": {
                const next = { ...mapped, selectedId: action.id };
                return { ...next, decorations: restyle(next, doc, [mapped.selectedId, action.id], className) };
              }
              case "flash": {
                const next = { ...mapped, flashId: action.id };
                return { ...next, decorations: restyle(next, doc, [mapped.flashId, action.id], className) };
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
          let drawing = false;
          // The next slice goes in its own task, after the browser has had a
          // chance to paint and handle input (a message is not clamped like a timer).
          const channel = new MessageChannel();
          let current: EditorView | null = null;
          channel.port1.onmessage = () => {
            drawing = false;
            const view = current;
            if (!view || view.isDestroyed || !annotationHighlightsKey.getState(view.state)?.queue.length) return;
            view.dispatch(
              view.state.tr
                .setMeta(annotationHighlightsKey, { type: "drawMore" } satisfies Action)
                .setMeta("addToHistory", false),
            );
          };
          return {
            update(view, previous) {
              current = view;
              const state = annotationHighlightsKey.getState(view.state);
              if (state?.queue.length && !drawing) {
                drawing = true;
                channel.port2.postMessage(null);
              }
              const flashId = state?.flashId ?? null;
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
              current = null;
              channel.port1.close();
            },
          };
        },
      }),
    ];
  },
});
