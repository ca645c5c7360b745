// @vitest-environment jsdom
import { act, createElement } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./error-boundary";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let broken = true;
function Panel() {
  if (broken) throw new TypeError("Cannot read properties of null (reading 'id')");
  return createElement("p", null, "The list");
}

describe("ErrorBoundary", () => {
  afterEach(() => {
    document.body.innerHTML = "";
    vi.restoreAllMocks();
  });

  it("keeps a failing part's error inside it: the rest renders, and Try again renders the part anew", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        createElement(
          "main",
          null,
          createElement("h1", null, "The article"),
          createElement(ErrorBoundary, { label: "The annotation list" }, createElement(Panel)),
        ),
      ),
    );
    expect(container.querySelector("h1")?.textContent).toBe("The article");
    expect(container.querySelector("[role=alert]")?.textContent).toContain("The annotation list could not be shown.");

    broken = false;
    await act(async () => container.querySelector("button")!.click());
    expect(container.querySelector("[role=alert]")).toBeNull();
    expect(container.textContent).toContain("The list");
    await act(async () => root.unmount());
  });
});
