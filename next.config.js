// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // scripts/server.mjs compresses answers itself, in fewer turns of the event loop (compress-responses.mjs).
  compress: false,
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "jsdom",
    "mammoth",
    "pg",
    "pg-listen",
    "pino",
    "pino-pretty",
    "piscina",
    "prom-client",
  ],
  experimental: {
    serverActions: { bodySizeLimit: "6mb" },
  },
  async headers() {
    return [
      {
        source: "/(.*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
