import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="auth-shell">
      <div className="card empty" style={{ maxWidth: 480 }}>
        <h1>Not found</h1>
        <p>This page does not exist, or you do not have access to it.</p>
        <Link href="/">Go to Marginalia</Link>
      </div>
    </main>
  );
}
