// Next.js calls register() once when a server starts. The jobs need Node (database, SMTP).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startBackgroundJobs } = await import("./lib/jobs");
    startBackgroundJobs();
    // The password dictionaries, loaded in the background rather than during the first sign-up.
    setTimeout(() => {
      import("./lib/users/password-strength")
        .then((m) => m.warmStrengthEstimator())
        .catch((error: unknown) => console.error("password dictionaries could not be loaded:", error instanceof Error ? error.message : error));
    }, 1000).unref();
  }
}
