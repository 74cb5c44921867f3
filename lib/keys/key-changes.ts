import "server-only";
import pg from "pg";
import { databaseUrl, isPostgres, type Tx } from "@/lib/db";
import { DEFAULT_KEY_CACHE, KeyCache } from "./cache";
import { findKeyByHash } from "./lookup";

// Keeps every instance's verification cache true to the database (SPEC §11). A change to a key
// invalidates this instance's cache after its commit, and, on PostgreSQL, notifies every other
// instance through LISTEN/NOTIFY: the notification is sent in the change's own transaction, so it
// goes out exactly when the change commits. SQLite is one instance, so the local step is enough.

export const KEY_CHANGES_CHANNEL = "latchkey_key_changes";
const RECONNECT_MS = 1_000;
const HEARTBEAT_MS = 5_000;

type Listener = { stop: () => Promise<void> };
const holder = globalThis as unknown as { __latchkeyKeyCache?: KeyCache; __latchkeyKeyListener?: Listener };

/** This process's cache. On PostgreSQL it serves from memory only while the change listener is connected. */
export function keyCache(): KeyCache {
  if (!holder.__latchkeyKeyCache) {
    const postgres = isPostgres();
    const cache = new KeyCache(findKeyByHash, DEFAULT_KEY_CACHE, { active: !postgres });
    holder.__latchkeyKeyCache = cache;
    if (postgres) holder.__latchkeyKeyListener = listenForKeyChanges(databaseUrl(), cache);
  }
  return holder.__latchkeyKeyCache;
}

/** Inside the change's transaction: other instances hear of it when, and only if, it commits. */
export async function announceKeyChange(tx: Tx, keyId: string): Promise<void> {
  if (isPostgres()) await tx.$executeRaw`SELECT pg_notify(${KEY_CHANGES_CHANNEL}, ${keyId})`;
}

/** After the commit: the next request on this instance reads the key again. */
export function keyChanged(keyId: string): void {
  holder.__latchkeyKeyCache?.invalidate(keyId);
}

/** For tests: forget the cache and stop listening. */
export async function resetKeyCache(): Promise<void> {
  await holder.__latchkeyKeyListener?.stop();
  holder.__latchkeyKeyListener = undefined;
  holder.__latchkeyKeyCache = undefined;
}

function listenForKeyChanges(url: string, cache: KeyCache): Listener {
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let warned = false;
  const gone = new WeakSet<pg.Client>();

  function down(client: pg.Client, reason: string) {
    // A client reports its end more than once ("error", then "end"); act on the first.
    if (gone.has(client)) return;
    gone.add(client);
    if (current === client) current = null;
    clearInterval(heartbeat);
    client.removeAllListeners("notification");
    client.end().catch(() => undefined);
    // Changes made elsewhere while we cannot hear them would go unseen: read the database until we can.
    cache.setActive(false);
    if (!warned && !stopped) {
      console.warn(`key cache: change notifications interrupted (${reason}); checking every key against the database until they are back`);
      warned = true;
    }
    if (!stopped) retry = setTimeout(connect, RECONNECT_MS).unref();
  }

  async function connect() {
    const client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    client.on("error", (error) => down(client, error.message));
    client.on("end", () => down(client, "connection closed"));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGES_CHANNEL}`);
    } catch (error) {
      return down(client, error instanceof Error ? error.message : "connect failed");
    }
    if (stopped) {
      gone.add(client);
      return void client.end().catch(() => undefined);
    }
    // The listener must not keep a process alive on its own (tests, scripts).
    (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    current = client;
    client.on("notification", (message) => {
      if (message.channel === KEY_CHANGES_CHANNEL && message.payload) cache.invalidate(message.payload);
    });
    cache.setActive(true);
    if (warned) console.warn("key cache: change notifications are back; caching again");
    warned = false;
    heartbeat = setInterval(() => client.query("SELECT 1").catch((error: Error) => down(client, error.message)), HEARTBEAT_MS).unref();
  }

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const client = current;
      current = null;
      if (client) gone.add(client);
      await client?.end().catch(() => undefined);
    },
  };
}
