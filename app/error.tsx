"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="auth-shell">
      <div className="card empty" style={{ maxWidth: 480 }} role="alert">
        <h1>Something went wrong</h1>
        <p>The page could not be shown. Your work is safe; try again.</p>
        <button className="button" type="button" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
