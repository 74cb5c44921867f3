// Playwright: one worker against a production server on :3100 (E2E_PORT to run two suites side by side)
// with its own SQLite file (run via `npm run test:e2e`).
import { defineConfig } from "@playwright/test";

const port = process.env.E2E_PORT || "3100";
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/.artifacts",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: "list",
  use: {
    baseURL,
    headless: true,
    screenshot: "only-on-failure",
    permissions: ["clipboard-read", "clipboard-write"],
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    env: {
      PORT: port,
      LATCHKEY_HOST: "127.0.0.1",
      // Every spec signs up its own people, all from 127.0.0.1.
      SIGN_UPS_PER_IP_PER_HOUR: "1000",
      // Lets the rotation spec move the server's clock past a grace period (app/api/test/clock).
      LATCHKEY_TEST_CLOCK: "1",
      // The specs read mail at /dev/mailbox, which is off unless asked for (SPEC §13), and sign-ups
      // past the first finish through an e-mailed link.
      LATCHKEY_DEV_MAILBOX: "1",
      // The webhooks spec's receiver listens on 127.0.0.1, a loopback address endpoints may not use otherwise.
      LATCHKEY_WEBHOOKS_ALLOW_PRIVATE: "1",
      DATABASE_URL: "file:./data/e2e.db",
      LATCHKEY_SECRET: "e2e0000000000000000000000000000000000000000000000000000000000001",
      NEXTAUTH_SECRET: "e2e0000000000000000000000000000000000000000000000000000000000002",
      NEXTAUTH_URL: baseURL,
    },
  },
});
