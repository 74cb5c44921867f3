/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native driver and the pg pool stay outside the bundle; so do the password dictionaries (a few
  // megabytes, otherwise copied into every route's server bundle).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "bcryptjs", "@zxcvbn-ts/core", "@zxcvbn-ts/language-common", "@zxcvbn-ts/language-en"],
  poweredByHeader: false,
  typedRoutes: false,
  // The app build checks app code only; `npm run typecheck` covers tests too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
