// `npm run lint`: typescript-eslint (syntax rules only, no type information, so it stays fast), the rules of hooks,
// no import cycles, and the layering rule: lib/ is the product and never imports the routes (app/) or the UI (components/).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import path from "node:path";
import tseslint from "typescript-eslint";

const root = import.meta.dirname;
// The scripts run on Node.js: its globals are the ones this Node.js has.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, "readonly"]));

export default defineConfig([
  globalIgnores([".next/", "bench/ceiling/.next/", "lib/generated/", "data/", "e2e/.artifacts/", "test-results/", "playwright-report/", ".dev/", "next-env.d.ts"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.mjs", "bench/**/*.js"],
    languageOptions: { globals: nodeGlobals },
  },
  {
    rules: {
      // `const { secret: _secret, ...rest } = row` is how a field is left out of an object.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    // The rules of hooks only: the plugin's other recommended rules run the React Compiler over every component, which took
    // 70% of the lint time, and this app is not compiled with it.
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    plugins: { "import-x": importX },
    settings: {
      // Without these, import-x reads only .js files and so follows no import between TypeScript modules.
      "import-x/extensions": [".ts", ".tsx", ".mts", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: path.join(root, "tsconfig.json") })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["lib/**"],
    // Tests under lib/ may drive a route end to end; the product code they test may not import it.
    ignores: ["lib/**/*.test.ts", "lib/**/*.pg-test.ts", "lib/**/*.redis-test.ts", "lib/**/*.server-test.ts"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: root,
          zones: [
            {
              target: "./lib",
              from: ["./app", "./components"],
              message: "lib/ must not import app/ or components/ (they depend on lib/, not the other way round): move what both need into lib/.",
            },
          ],
        },
      ],
    },
  },
  prettier,
]);
