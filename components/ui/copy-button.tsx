"use client";

import { useState } from "react";

/**
 * Copies `text` to the clipboard and says so; where the browser refuses
 * (no permission, an insecure origin) it asks the user to copy by hand
 * instead of claiming success.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const [copiedText, setCopiedText] = useState(text);
  // A new text to copy starts over.
  if (copiedText !== text) {
    setCopiedText(text);
    setState("idle");
  }
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      aria-live="polite"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("failed");
        }
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text and copy it" : label}
    </button>
  );
}
