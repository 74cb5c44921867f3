/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native driver and the pg pool stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
  // The app build checks app code only; `npm run typecheck` covers tests too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
