import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { canonicalTextMapOfNode, textOffsetToPos } from "@/lib/anchoring";
import type { PageStart } from "@/lib/capture/pages";

export interface PageMarkersOptions {
  /**
   * Where each page of the PDF the text came from begins (canonical text offsets).
   * @default []
   */
  pages: readonly PageStart[];
}

export const pageMarkersKey = new PluginKey<DecorationSet>("pageMarkers");

function markers(doc: Parameters<typeof canonicalTextMapOfNode>[0], pages: readonly PageStart[]) {
  if (!pages.length) return [];
  const map = canonicalTextMapOfNode(doc);
  return pages.map(({ page, start }) =>
    Decoration.widget(
      textOffsetToPos(map, start, 1),
      () => {
        const marker = document.createElement("span");
        marker.className = "page-marker";
        marker.contentEditable = "false";
        marker.setAttribute("data-page", String(page));
        marker.setAttribute("aria-label", `Page ${page}`);
        marker.textContent = `p. ${page}`;
        return marker;
      },
      { side: -1, key: `page-${page}`, ignoreSelection: true },
    ),
  );
}

/**
 * Marks where each page of the source PDF begins, as widgets outside the
 * text: they never enter the canonical text, selections or offsets.
 */
export const PageMarkers = Extension.create<PageMarkersOptions>({
  name: "pageMarkers",

  addOptions() {
    return { pages: [] };
  },

  addProseMirrorPlugins() {
    const { pages } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: pageMarkersKey,
        state: {
          init: (_config, state) => DecorationSet.create(state.doc, markers(state.doc, pages)),
          apply: (tr, set, _old, state) =>
            tr.docChanged ? DecorationSet.create(state.doc, markers(state.doc, pages)) : set,
        },
        props: {
          decorations(state) {
            return pageMarkersKey.getState(state);
          },
        },
      }),
    ];
  },
});
