import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./start.mjs";

// The project's own eslint.config.mjs and tsconfig.json (for the @/ alias), run over a small project of real files, so
// import-x can resolve the imports and follow them round a cycle.
let project;
let eslint;

const files = {
  "app/settings/page.tsx": "export const page = 1;\n",
  "components/button.tsx": "export const button = 1;\n",
  "lib/keys/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
  "lib/keys/b.ts": 'import { a } from "@/lib/keys/a";\nexport const b = () => a;\n',
  "lib/keys/c.ts": 'import { b } from "./b";\nexport const c = b;\n',
};

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-lint-"));
  for (const name of ["eslint.config.mjs", "tsconfig.json"]) fs.copyFileSync(path.join(root, name), path.join(project, name));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(project, "node_modules"), "dir");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    fs.writeFileSync(path.join(project, name), text);
  }
  eslint = new ESLint({ cwd: project });
});

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** The problems ESLint reports for `code` saved as `file`, as "rule: message". */
async function problems(file, code) {
  const [result] = await eslint.lintText(code, { filePath: path.join(project, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("lint: lib/ never imports app/ or components/", () => {
  it.each([
    ['import { page } from "@/app/settings/page";\nexport const x = page;', "@/app/settings/page"],
    ['import { button } from "@/components/button";\nexport const x = button;', "@/components/button"],
    ['import { page } from "../../app/settings/page";\nexport const x = page;', "../../app/settings/page"],
    ['export { page } from "@/app/settings/page";', "@/app/settings/page"],
  ])("refuses %s in a file under lib/", async (code, imported) => {
    const found = await problems("lib/keys/service.ts", `${code}\n`);
    expect(found).toEqual([expect.stringMatching(new RegExp(`^import-x/no-restricted-paths: Unexpected path "${imported.replace(/[.]/g, "\\.")}".*lib/ must not import app/ or components/`))]);
  });

  it("lets app/ and components/ import each other and lib/", async () => {
    expect(await problems("app/settings/form.tsx", 'import { button } from "@/components/button";\nimport { c } from "@/lib/keys/c";\nexport const x = [button, c];\n')).toEqual([]);
    expect(await problems("components/dialog.tsx", 'import { page } from "@/app/settings/page";\nexport const x = page;\n')).toEqual([]);
  });

  it("lets a test under lib/ drive a route", async () => {
    expect(await problems("lib/keys/service.test.ts", 'import { page } from "@/app/settings/page";\nexport const x = page;\n')).toEqual([]);
  });
});

describe("lint: no import cycles", () => {
  it("reports both modules of a two-module cycle, through a relative import and the @/ alias", async () => {
    const results = await eslint.lintFiles(["lib/keys/a.ts", "lib/keys/b.ts", "lib/keys/c.ts"]);
    const byFile = Object.fromEntries(results.map((r) => [path.relative(project, r.filePath), r.messages.map((m) => m.ruleId)]));
    expect(byFile).toEqual({ "lib/keys/a.ts": ["import-x/no-cycle"], "lib/keys/b.ts": ["import-x/no-cycle"], "lib/keys/c.ts": [] });
  });
});
