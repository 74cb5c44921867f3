import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    // *.pg-test.ts: PostgreSQL-only suites (several servers on one database), run by `npm run test:pg`.
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.mjs", ...(process.env.TEST_DATABASE === "postgres" ? ["lib/**/*.pg-test.ts"] : [])],
    environment: "node",
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
