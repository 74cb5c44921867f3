// rate-limiter-flexible documents RateLimiterStoreAbstract as the class every store-backed limiter
// extends (README "Contributions", CONTEXT.md "Creating Custom Limiters") and types it in
// types.d.ts, but its index.js does not re-export it: it is loaded from its own file.
declare module "rate-limiter-flexible/lib/RateLimiterStoreAbstract" {
  import { RateLimiterStoreAbstract } from "rate-limiter-flexible";
  export = RateLimiterStoreAbstract;
}
