import { defineConfig } from "vitest/config";
import os from "node:os";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    // `npm test` runs what needs only Node.js and SQLite. `npm run test:services` runs everything on
    // PostgreSQL, plus the suites that need services or a production build: *.pg-test.ts (several
    // servers on one database), *.redis-test.ts (a live Redis) and *.server-test.ts (one production
    // server under load, e.g. a sign-in flood).
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "scripts/**/*.test.mjs",
      ...(process.env.TEST_DATABASE === "postgres" ? ["lib/**/*.pg-test.ts", "lib/**/*.redis-test.ts", "lib/**/*.server-test.ts"] : []),
    ],
    environment: "node",
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default leaves one core idle; the files spend much of their time waiting on the
    // database, so every core runs one (2 on a 2-core machine: 172 s instead of 294 s).
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || os.availableParallelism(),
  },
});
