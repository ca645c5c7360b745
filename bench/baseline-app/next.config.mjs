// The baseline app of bench/api.mjs: one bare route handler, built with the
// repository's own Next.js and Prisma client. Its build goes to bench/out/ (ignored).
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: path.relative(fileURLToPath(new URL(".", import.meta.url)), path.join(repoRoot, "bench/out/baseline-app")),
  poweredByHeader: false,
  serverExternalPackages: ["pg"],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default nextConfig;
