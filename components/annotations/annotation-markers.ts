import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { canonicalTextMapOfNode, textOffsetToPos } from "@/lib/anchoring";

/** A small marker at an annotation: its thread's comment count (at its end), or who else has it selected (at its start). */
export type AnnotationMarker =
  | { kind: "thread"; annotationId: string; offset: number; comments: number; resolved: boolean }
  | {
      kind: "presence";
      annotationId: string;
      offset: number;
      people: { name: string; initials: string; color: string }[];
    };

export interface AnnotationMarkersOptions {
  /** Called when a marker is clicked, with its annotation. */
  onMarkerClick: ((annotationId: string) => void) | null;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    annotationMarkers: {
      /** Replaces the markers (only annotations that have one: a few, not every highlight). */
      setAnnotationMarkers: (markers: readonly AnnotationMarker[]) => ReturnType;
    };
  }
}

const key = new PluginKey<DecorationSet>("annotationMarkers");
const CLASS = "annotation-marker";

function markerElement(marker: AnnotationMarker): HTMLElement {
  const element = document.createElement("span");
  element.className = `${CLASS} ${CLASS}--${marker.kind}`;
  element.dataset.annotationId = marker.annotationId;
  element.contentEditable = "false";
  // The rows say the same in words (their accessible names); the text stays clean for readers.
  element.setAttribute("aria-hidden", "true");
  if (marker.kind === "thread") {
    if (marker.resolved) element.dataset.resolved = "true";
    element.textContent = String(marker.comments);
    element.title = `${marker.comments} ${marker.comments === 1 ? "comment" : "comments"}${marker.resolved ? " (resolved)" : ""}`;
  } else {
    element.title = `Selected by ${marker.people.map((p) => p.name).join(", ")}`;
    for (const person of marker.people.slice(0, 3)) {
      const dot = document.createElement("span");
      dot.className = `${CLASS}-person`;
      dot.style.background = person.color;
      dot.textContent = person.initials;
      element.append(dot);
    }
  }
  return element;
}

/** Signature of what a marker shows: equal keys let ProseMirror keep the DOM. */
function markerKey(marker: AnnotationMarker): string {
  return marker.kind === "thread"
    ? `t:${marker.annotationId}:${marker.comments}:${marker.resolved}`
    : `p:${marker.annotationId}:${marker.people.map((p) => `${p.initials}${p.color}`).join(",")}`;
}

function buildMarkers(doc: ProseMirrorNode, markers: readonly AnnotationMarker[]): DecorationSet {
  if (markers.length === 0) return DecorationSet.empty;
  const map = canonicalTextMapOfNode(doc);
  const decorations = markers
    .filter((m) => m.offset >= 0 && m.offset <= map.text.length)
    .map((m) =>
      Decoration.widget(
        m.kind === "thread" ? textOffsetToPos(map, m.offset, -1) : textOffsetToPos(map, m.offset, 1),
        () => markerElement(m),
        {
          key: markerKey(m),
          // At the end, the count sticks to the highlight's last word; at the start, the people to its first.
          side: m.kind === "thread" ? -1 : 1,
          ignoreSelection: true,
          annotationId: m.annotationId,
        },
      ),
    );
  return DecorationSet.create(doc, decorations);
}

/**
 * Thread counts and others' selections drawn as small widgets beside the
 * highlights they belong to. Separate from the highlights themselves, so a
 * new count or a colleague's click redraws a handful of widgets, never the
 * thousands of highlight decorations.
 */
export const AnnotationMarkers = Extension.create<AnnotationMarkersOptions>({
  name: "annotationMarkers",

  addOptions() {
    return { onMarkerClick: null };
  },

  addCommands() {
    return {
      setAnnotationMarkers:
        (markers) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(key, markers).setMeta("addToHistory", false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const markers = tr.getMeta(key) as AnnotationMarker[] | undefined;
            if (markers) return buildMarkers(tr.doc, markers);
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => key.getState(state),
          handleDOMEvents: {
            mousedown(_view, event) {
              const marker = event.target instanceof Element ? event.target.closest(`.${CLASS}`) : null;
              const id = marker?.getAttribute("data-annotation-id");
              if (!id) return false;
              event.preventDefault();
              options.onMarkerClick?.(id);
              return true;
            },
          },
        },
      }),
    ];
  },
});
