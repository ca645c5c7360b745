"use client";

import { useEffect } from "react";

export type ToastProps = {
  message: string;
  tone?: "error" | "info";
  action?: { label: string; run: () => void };
  onDismiss(): void;
  /** Milliseconds before it goes away by itself. */
  timeout?: number;
};

/** A short message at the bottom of the screen, with an optional action such as Undo. */
export function Toast({ message, tone = "info", action, onDismiss, timeout = 8000 }: ToastProps) {
  useEffect(() => {
    const timer = window.setTimeout(onDismiss, timeout);
    return () => window.clearTimeout(timer);
  }, [message, onDismiss, timeout]);
  return (
    <div className={`toast toast-${tone}`} role={tone === "error" ? "alert" : "status"}>
      <span>{message}</span>
      {action ? (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            action.run();
            onDismiss();
          }}
        >
          {action.label}
        </button>
      ) : null}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
