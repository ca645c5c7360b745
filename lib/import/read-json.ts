import type { ImportProblem } from "./types";

/** The 1-based line of a UTF-16 offset in `text`. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Where JSON.parse gave up: V8 does not always say, so a small validating
 * scanner finds the offset of the first character that cannot continue a
 * JSON document.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail();
          }
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "")) fail();
      }
      i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    return typeof at === "number" ? Math.min(at, text.length) : -1;
  }
}

function syntaxProblem(text: string, err: unknown, lineOffset = 0): ImportProblem {
  const message = err instanceof Error ? err.message : String(err);
  const reported = /position (\d+)/.exec(message);
  const offset = reported ? Number(reported[1]) : jsonErrorOffset(text);
  const line = offset >= 0 ? lineOf(text, offset) + Math.max(0, lineOffset - 1) : lineOffset || undefined;
  const reason =
    offset >= text.length
      ? "it ends too early"
      : offset >= 0
        ? `unexpected ${JSON.stringify(text.slice(offset, offset + 12).split("\n")[0] || "line break")}`
        : message.replace(/,? ".*" is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
  return {
    ...(line ? { line } : {}),
    message: `The file is not valid JSON: ${reason}${line ? ` (line ${line})` : ""}.`,
  };
}

/**
 * Parses a JSON document, or JSON Lines (one value per non-empty line) when
 * the whole is not one document. Returns the values with the line each
 * started on, or the first syntax problem with its line.
 */
export function readJson(
  raw: string,
):
  { ok: true; values: { value: unknown; line: number }[]; jsonLines: boolean } | { ok: false; problem: ImportProblem } {
  const text = raw.replace(/^\uFEFF/, "");
  if (!text.trim()) return { ok: false, problem: { message: "The file is empty." } };
  try {
    return { ok: true, values: [{ value: JSON.parse(text), line: 1 }], jsonLines: false };
  } catch (err) {
    const lines = text.split("\n");
    const nonEmpty = lines.filter((l) => l.trim()).length;
    // JSON Lines: every non-empty line one value. Anything else reports the document's own error.
    if (nonEmpty < 2 || !lines[0].trim().startsWith("{")) return { ok: false, problem: syntaxProblem(text, err) };
    let firstParsed = false;
    try {
      JSON.parse(lines.find((l) => l.trim())!);
      firstParsed = true;
    } catch {
      /* not JSON Lines either */
    }
    if (!firstParsed) return { ok: false, problem: syntaxProblem(text, err) };
    const values: { value: unknown; line: number }[] = [];
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      try {
        values.push({ value: JSON.parse(line), line: i + 1 });
      } catch (lineErr) {
        return { ok: false, problem: syntaxProblem(line, lineErr, i + 1) };
      }
    }
    return { ok: true, values, jsonLines: true };
  }
}
