import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

export const selectableReadOnlyKey = new PluginKey("selectableReadOnly");

/**
 * Makes an editable editor behave as read-only text that can still be
 * selected from the keyboard: caret movement and Shift+arrows work, while
 * every change to the document (typing, paste, drop, cut, IME) is refused.
 * Decorations and selection changes pass through; `setContent` with
 * `addToHistory: false` metadata from the app itself is allowed.
 */
export const SelectableReadOnly = Extension.create({
  name: "selectableReadOnly",

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: selectableReadOnlyKey,
        filterTransaction: (tr) =>
          !tr.docChanged || tr.getMeta("preventUpdate") === true || tr.getMeta("allowDocChange") === true,
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
          handleDOMEvents: {
            cut: (_view, event) => {
              event.preventDefault();
              return true;
            },
            beforeinput: (_view, event) => {
              // Allow nothing that edits; selection keys do not raise beforeinput.
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});
