import { ACTION_BODY_LIMIT_BYTES } from "./scripts/body-limits.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native driver and the pg pool stay outside the bundle; so do the password dictionaries (a few
  // megabytes, otherwise copied into every route's server bundle) and rate-limiter-flexible
  // (bundled, each chunk had its own copy, so the limiters on globalThis answered with "foreign" classes).
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "bcryptjs",
    "rate-limiter-flexible",
    "@zxcvbn-ts/core",
    "@zxcvbn-ts/language-common",
    "@zxcvbn-ts/language-en",
  ],
  poweredByHeader: false,
  // Set explicitly (the default is 1 MB); scripts/server.mjs answers 413 to a declared body over it, where Next.js would answer 500.
  experimental: { serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_BYTES / 1024}kb` } },
  typedRoutes: false,
  // The app build checks app code only; `npm run typecheck` covers tests too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
