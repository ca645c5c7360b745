"use client";

import { Component, type ErrorInfo, type ReactNode } from "react";

type ErrorBoundaryProps = {
  /** What this part of the page is, for the message ("The annotation list"). */
  label: string;
  children?: ReactNode;
  /** A different key (e.g. the shown annotation's id) clears a caught error. */
  resetKey?: string | number | null;
};

type ErrorBoundaryState = { error: Error | null; resetKey: ErrorBoundaryProps["resetKey"] };

/**
 * Keeps an error while rendering one part of a page (the reader, the
 * annotation panel, a discussion) inside that part: it says the part could
 * not be shown and offers to try again, and the rest of the page goes on
 * working. Errors in event handlers and effects are not caught (React's rule).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<ErrorBoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.label} could not be shown:`, error, info.componentStack);
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card error-boundary" role="alert">
        <p>
          <strong>{this.props.label} could not be shown.</strong> The rest of the page still works, and your work is
          saved.
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    );
  }
}
