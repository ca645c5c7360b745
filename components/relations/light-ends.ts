const STYLE_ID = "relation-lit-ends";

/**
 * Lights (or unlights) the highlights of a relation's two ends in the text.
 * A style rule rather than classes on the marks: the editor redraws its
 * decorations at will, and a class set by hand would not survive it.
 */
export function lightEnds(ids: readonly string[], on: boolean): void {
  let style = document.getElementById(STYLE_ID) as HTMLStyleElement | null;
  if (!on) {
    style?.remove();
    return;
  }
  if (!style) {
    style = document.createElement("style");
    style.id = STYLE_ID;
    document.head.append(style);
  }
  const selector = ids.map((id) => `mark.annotation-highlight[data-annotation-id="${CSS.escape(id)}"]`).join(", ");
  style.textContent = `${selector} { outline: 2px solid var(--accent, #2f55d4); outline-offset: 1px; }`;
}
