import { Extension, type CommandProps } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { canonicalTextMapOfNode, textRangeToPosRange } from "@/lib/anchoring";

/** One suggested mention; `start`/`end` are canonical text offsets of the shown document. */
export type UnderlinedSuggestion = { id: string; start: number; end: number };

export interface SuggestionUnderlinesOptions {
  /**
   * Called with the suggestion under a click.
   * @default null
   */
  onSuggestionClick: ((id: string) => void) | null;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggestionUnderlines: {
      /**
       * Replaces the underlined suggestions (an empty list clears them).
       * @example editor.commands.setSuggestions([{ id: "s1", start: 10, end: 24 }])
       */
      setSuggestions: (suggestions: readonly UnderlinedSuggestion[]) => ReturnType;
    };
  }
}

export const suggestionUnderlinesKey = new PluginKey<DecorationSet>("suggestionUnderlines");

/**
 * Shows suggested entity mentions as dashed underlines, apart from the real
 * highlights: nothing here is an annotation until the analyst accepts it.
 */
export const SuggestionUnderlines = Extension.create<SuggestionUnderlinesOptions>({
  name: "suggestionUnderlines",

  addOptions() {
    return { onSuggestionClick: null };
  },

  addCommands() {
    return {
      setSuggestions:
        (suggestions) =>
        ({ tr, dispatch }: CommandProps) => {
          if (dispatch) tr.setMeta(suggestionUnderlinesKey, suggestions);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: suggestionUnderlinesKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set, _old, state) {
            const next = tr.getMeta(suggestionUnderlinesKey) as readonly UnderlinedSuggestion[] | undefined;
            if (!next) return set.map(tr.mapping, tr.doc);
            const map = canonicalTextMapOfNode(state.doc);
            return DecorationSet.create(
              state.doc,
              next.map((s) => {
                const { from, to } = textRangeToPosRange(map, s.start, s.end);
                return Decoration.inline(
                  from,
                  to,
                  { class: "suggestion-underline", "data-suggestion-id": s.id },
                  { id: s.id },
                );
              }),
            );
          },
        },
        props: {
          decorations(state) {
            return suggestionUnderlinesKey.getState(state);
          },
          handleClick(view, pos) {
            const found = suggestionUnderlinesKey.getState(view.state)?.find(pos, pos);
            const id = found?.[0]?.spec?.id as string | undefined;
            if (id) options.onSuggestionClick?.(id);
            return false;
          },
        },
      }),
    ];
  },
});
