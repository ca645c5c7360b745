import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-shell">
      <div className="auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" /> Marginalia
        </div>
        <div className="card">{children}</div>
      </div>
    </main>
  );
}
