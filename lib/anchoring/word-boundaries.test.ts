import { describe, expect, it } from "vitest";
import { expandToWords, isInsideWord } from "./word-boundaries";

const widen = (text: string, quote: string) => {
  const at = text.indexOf(quote);
  const { start, end } = expandToWords(text, at, at + quote.length);
  return text.slice(start, end);
};

describe("expandToWords", () => {
  it("widens a range that starts or ends inside a word to the whole word", () => {
    expect(widen("officials living abroad said", "broad")).toBe("abroad");
    expect(widen("officials living abroad said", "ving abr")).toBe("living abroad");
    expect(widen("officials living abroad said", "abroad")).toBe("abroad");
    expect(widen("officials living abroad said", " abroad ")).toBe(" abroad ");
  });

  it("stops at apostrophes, punctuation and spaces, and keeps astral letters whole", () => {
    expect(widen("the Taliban’s playbook", "Talib")).toBe("Taliban");
    expect(widen("Kabul, Herat.", "abu")).toBe("Kabul");
    expect(widen("x 𠀋𠀋y z", "𠀋y")).toBe("𠀋𠀋y");
    expect(widen("e\u0301te\u0301 ici", "te\u0301")).toBe("e\u0301te\u0301");
    expect(isInsideWord("ab", 0)).toBe(false);
    expect(isInsideWord("ab", 1)).toBe(true);
  });
});
