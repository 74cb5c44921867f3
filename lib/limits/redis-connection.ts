import Redis from "ioredis";

export type RedisConnection = {
  client: Redis;
  /** Settles after the first connection attempt, whether it worked or not. */
  firstAttempt: Promise<void>;
  /** Reports that the memory insurance stands in (logs once per outage). */
  fellBack: () => void;
  close(): void;
};

/**
 * The Redis client behind shared limits, and the one log line per outage: "unavailable" when the
 * memory insurance first stands in (or a connection attempt fails), "back" when it is ready again.
 */
export function redisConnection(url: string, log: (message: string) => void): RedisConnection {
  // No offline queue and a short command timeout: while Redis is away a request goes to the
  // memory insurance at once instead of waiting for a reconnect.
  const client = new Redis(url, { enableOfflineQueue: false, connectTimeout: 1000, commandTimeout: 500, maxRetriesPerRequest: 1 });
  let down = false;
  let closing = false;
  const fellBack = () => {
    if (down || closing) return;
    down = true;
    log("rate limits: Redis unavailable, falling back to memory");
  };
  // ioredis emits "error" on every failed (re)connect attempt; handled here, so never unhandled.
  client.on("error", fellBack);
  client.on("ready", () => {
    if (!down || closing) return;
    down = false;
    log("rate limits: Redis is back, sharing limits again");
  });
  const firstAttempt = new Promise<void>((resolve) => {
    client.once("ready", resolve);
    client.once("error", resolve);
  });
  return {
    client,
    firstAttempt,
    fellBack,
    close() {
      closing = true;
      client.disconnect();
    },
  };
}
