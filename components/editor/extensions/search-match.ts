import { Extension, type CommandProps } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { canonicalTextMapOfNode, textRangeToPosRange } from "@/lib/anchoring";

/** Canonical text offsets (UTF-16) of a search match in the shown document. */
export type SearchMatchRange = { start: number; end: number };

export interface SearchMatchOptions {
  /**
   * Class of the match's decoration.
   * @default "search-match"
   */
  className: string;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    searchMatch: {
      /**
       * Shows a search match as a temporary highlight (null clears it).
       * @example editor.commands.setSearchMatch({ start: 120, end: 127 })
       */
      setSearchMatch: (range: SearchMatchRange | null) => ReturnType;
    };
  }
}

export const searchMatchKey = new PluginKey<DecorationSet>("searchMatch");

/**
 * A passage found by search, shown where it is in the reader: one inline
 * decoration, not an annotation (nothing is created until someone tags it).
 */
export const SearchMatch = Extension.create<SearchMatchOptions>({
  name: "searchMatch",

  addOptions() {
    return { className: "search-match" };
  },

  addCommands() {
    return {
      setSearchMatch:
        (range) =>
        ({ tr, dispatch }: CommandProps) => {
          if (dispatch) tr.setMeta(searchMatchKey, { range });
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const className = this.options.className;
    return [
      new Plugin<DecorationSet>({
        key: searchMatchKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set, _old, state) {
            const meta = tr.getMeta(searchMatchKey) as { range: SearchMatchRange | null } | undefined;
            if (!meta) return set.map(tr.mapping, tr.doc);
            if (!meta.range) return DecorationSet.empty;
            const { from, to } = textRangeToPosRange(
              canonicalTextMapOfNode(state.doc),
              meta.range.start,
              meta.range.end,
            );
            if (to <= from) return DecorationSet.empty;
            return DecorationSet.create(state.doc, [
              Decoration.inline(from, to, { class: className, "data-testid": "search-match" }),
            ]);
          },
        },
        props: {
          decorations(state) {
            return searchMatchKey.getState(state);
          },
        },
      }),
    ];
  },
});
