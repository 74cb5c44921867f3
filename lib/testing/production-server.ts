import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

// Real production servers (scripts/server.mjs over the .next build) for the scale-out tests.

const ROOT = path.resolve(__dirname, "../..");
const started: ChildProcess[] = [];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/**
 * Starts a production server with this process's environment plus `env`; resolves to its base URL
 * once it answers. `port`: a fixed one (e.g. from a range a test run was given), else any free one.
 */
export async function startServer(env: Record<string, string> = {}, { stderr = "inherit" as "inherit" | "pipe", port: fixed = 0 } = {}): Promise<{ base: string; child: ChildProcess }> {
  const port = fixed || (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), LATCHKEY_HOST: "127.0.0.1", NEXTAUTH_URL: base, ...env },
    stdio: ["ignore", "ignore", stderr],
  });
  started.push(child);
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} exited with ${child.exitCode}`);
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server on ${port} did not start`);
}

export function stopServers(): void {
  for (const child of started.splice(0)) child.kill("SIGTERM");
}

/** A /api/v1 call with a key. */
export const callApi = (base: string, route: string, secret: string, init: RequestInit = {}) =>
  fetch(`${base}/api/v1${route}`, { ...init, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...init.headers } });

/** Polls until `done` holds, returning how long it took; fails after `limitMs`. */
export async function within(limitMs: number, done: () => Promise<boolean>): Promise<number> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < limitMs) {
    if (await done()) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not within ${limitMs} ms`);
}
