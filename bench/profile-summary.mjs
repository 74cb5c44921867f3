// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the samples' time went, by self time
// and by inclusive time (a function or module counted once per sample, however deep it recurses),
// per function and per module. Idle time is left out of the percentages.
//   node bench/profile-summary.mjs <file.cpuprofile> [--top 25] [--from ms] [--match regex ...]
// --from leaves out the samples of the first ms of the profile (start-up, warm-up); --requests N
// (how many requests the profiled stretch served) adds each line's cost per request.
// Frames in the minified .next bundles are named by their source map: the original file and line,
// and that line's text.
// --match adds a line per regex: the inclusive time of the samples with any frame whose
// "function url" matches it (e.g. --match 'server\.mjs' --match 'instrumentation').
import fs from "node:fs";
import path from "node:path";
import { SourceMap } from "node:module";

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && !["--top", "--from", "--requests", "--match"].includes(args[i - 1]));
if (!file) {
  console.error("usage: node bench/profile-summary.mjs <file.cpuprofile> [--top N] [--match regex ...]");
  process.exit(2);
}
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const top = option("--top", 25);
const fromMs = option("--from", 0);
const requests = option("--requests", 0);
const matches = args.flatMap((a, i) => (args[i - 1] === "--match" ? [new RegExp(a)] : []));

const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const maps = new Map();
/** The source map beside a bundled script, if any. */
function mapOf(url) {
  if (!maps.has(url)) {
    const mapFile = `${url.replace(/^file:\/\//, "")}.map`;
    maps.set(url, url.includes("/.next/") && fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8"))) : null);
  }
  return maps.get(url);
}

/** A frame as written in the sources: through the source map for the .next bundles. */
function original(frame) {
  const map = frame.url ? mapOf(frame.url) : null;
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry?.originalSource) return { url: frame.url, line: frame.lineNumber, name: frame.functionName };
  const source = decodeURIComponent(entry.originalSource)
    .replace(/^(\.\.\/)+/, "")
    .replace(/^\[project\]\//, "");
  const index = map.payload.sources.indexOf(entry.originalSource);
  const text = map.payload.sourcesContent?.[index]?.split("\n")[entry.originalLine]?.trim().slice(0, 60);
  return { url: source, line: entry.originalLine, name: entry.name ?? (text || frame.functionName) };
}

/** The package a script belongs to, or its place in the project (`lib/api/handler.ts`, `node:internal/http`). */
export function moduleOf(url) {
  if (!url) return "(native)";
  const clean = url.replace(/^file:\/\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(clean);
  if (pkg) {
    const sub = pkg[2]
      .split("/")
      .slice(0, pkg[1] === "next" ? 3 : 1)
      .join("/");
    return `${pkg[1]}/${sub}`;
  }
  if (clean.startsWith("node:")) return clean.split("/").slice(0, 2).join("/");
  const next = clean.indexOf("/.next/");
  if (next >= 0) return clean.slice(next + 1);
  return path.relative(process.cwd(), path.resolve(clean)) || clean;
}

const frames = new Map();
/** Function and module of a profile node's frame, mapped once per node. */
function described(node) {
  let d = frames.get(node.id);
  if (!d) {
    const o = original(node.callFrame);
    d = { fn: `${o.name || "(anonymous)"}  ${moduleOf(o.url)}${o.url ? `:${o.line + 1}` : ""}`, mod: moduleOf(o.url) };
    frames.set(node.id, d);
  }
  return d;
}

const IDLE = new Set(["(idle)"]);

// Time per node from the samples: each sample's delta is the time until the next one.
const selfMs = new Map();
const { samples, timeDeltas } = profile;
let elapsedMs = 0;
for (let i = 0; i < samples.length; i++) {
  elapsedMs += timeDeltas[i] / 1000;
  if (elapsedMs < fromMs) continue;
  const delta = (timeDeltas[i + 1] ?? 0) / 1000;
  selfMs.set(samples[i], (selfMs.get(samples[i]) ?? 0) + delta);
}

const fnSelf = new Map();
const modSelf = new Map();
const fnIncl = new Map();
const modIncl = new Map();
const matchIncl = matches.map(() => 0);
let total = 0;
let idle = 0;
const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (IDLE.has(node.callFrame.functionName)) {
    idle += ms;
    continue;
  }
  total += ms;
  add(fnSelf, described(node).fn, ms);
  add(modSelf, described(node).mod, ms);
  const fns = new Set();
  const mods = new Set();
  const hit = matches.map(() => false);
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at).callFrame;
    if (frame.functionName === "(root)") continue;
    const d = described(byId.get(at));
    fns.add(d.fn);
    mods.add(d.mod);
    matches.forEach((re, i) => (hit[i] ||= re.test(d.fn) || re.test(`${frame.functionName} ${frame.url}`)));
  }
  for (const key of fns) add(fnIncl, key, ms);
  for (const key of mods) add(modIncl, key, ms);
  hit.forEach((h, i) => h && (matchIncl[i] += ms));
}

const perRequest = (ms) => (requests ? `${((1000 * ms) / requests).toFixed(1).padStart(7)} µs/req ` : "");
const line = (ms, label) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} % ${perRequest(ms)} ${label}`;
const table = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(ms, key));
};
console.log(
  `${path.basename(file)}${fromMs ? ` from ${fromMs} ms` : ""}: ${total.toFixed(0)} ms busy, ${idle.toFixed(0)} ms idle${requests ? `, ${requests} requests: ${perRequest(total).trim()}` : ""}`,
);
table("self time by module", modSelf);
table("self time by function", fnSelf);
table("inclusive time by module", modIncl);
table("inclusive time by function", fnIncl);
if (matches.length) {
  console.log("\ninclusive time of the samples with a frame matching");
  matches.forEach((re, i) => console.log(line(matchIncl[i], re.source)));
}
