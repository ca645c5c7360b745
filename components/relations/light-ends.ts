/** Lights (or unlights) the highlights of a relation's two ends in the text. */
export function lightEnds(ids: readonly string[], on: boolean): void {
  for (const id of ids) {
    for (const mark of document.querySelectorAll(`mark[data-annotation-id="${CSS.escape(id)}"]`)) {
      mark.classList.toggle("annotation-highlight--lit", on);
    }
  }
}
