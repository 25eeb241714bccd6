import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const root = dirname(fileURLToPath(import.meta.url));

/** Workspace units (`services/<dir>`, `packages/<dir>`) by directory and by package name. */
function workspaceUnits(kind) {
  const parent = join(root, kind);
  if (!existsSync(parent)) return [];
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(parent, entry.name, "package.json")))
    .map((entry) => ({ kind, dir: entry.name, name: JSON.parse(readFileSync(join(parent, entry.name, "package.json"), "utf8")).name }));
}
const units = [...workspaceUnits("services"), ...workspaceUnits("packages")];
const unitByPackage = new Map(units.map((unit) => [unit.name, unit]));

/** The unit a path lies in (`{ kind, dir, inside }`), or undefined outside services/ and packages/. */
function unitOfPath(path) {
  const parts = relative(root, path).split(sep);
  if ((parts[0] !== "services" && parts[0] !== "packages") || parts.length < 2) return undefined;
  return { kind: parts[0], dir: parts[1], inside: parts.slice(2).join("/") };
}

const isTestFile = (inside) => /(^|\/)test\//.test(inside) || /\.test\.ts$/.test(inside);

/**
 * The dependency direction of ARCHITECTURE.md, for every import, export-from, require and
 * import(): packages never import services; a service never imports another service's code (a
 * test may start another service through its package entry, `@erp/<service>`, and nothing deeper);
 * another unit is imported by its package name, never by a relative path into its folder.
 */
const boundaries = {
  meta: { type: "problem", schema: [], docs: { description: "services and packages import each other only as ARCHITECTURE.md allows" } },
  create(context) {
    const from = unitOfPath(context.filename);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== "string") return;
      if (specifier.startsWith(".")) {
        const path = unitOfPath(resolve(dirname(context.filename), specifier));
        const target = path && units.find((unit) => unit.kind === path.kind && unit.dir === path.dir);
        if (target && (target.kind !== from.kind || target.dir !== from.dir)) {
          const name = target.name;
          if (target.kind === "services" && from.kind === "services") {
            return context.report({ node, message: `A service never imports another service's code (${specifier}): talk to it over HTTP or events; a test may start it through its package entry, ${name}.` });
          }
          if (target.kind === "services") return context.report({ node, message: `Packages never import services (${specifier}).` });
          return context.report({ node, message: `Import ${name} by its package name, not by a path into its folder (${specifier}).` });
        }
        return;
      }
      const segments = specifier.split("/");
      const packageName = specifier.startsWith("@") ? segments.slice(0, 2).join("/") : segments[0];
      const deep = segments.length > (specifier.startsWith("@") ? 2 : 1);
      const target = unitByPackage.get(packageName);
      if (!target || (target.kind === from.kind && target.dir === from.dir) || target.kind !== "services") return;
      if (from.kind === "packages") return context.report({ node, message: `Packages never import services (${specifier}).` });
      if (!isTestFile(from.inside)) {
        return context.report({ node, message: `A service never imports another service's code (${specifier}): talk to it over HTTP or events.` });
      }
      if (deep) return context.report({ node, message: `A test starts another service through its package entry (${packageName}), nothing deeper (${specifier}).` });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]?.type === "Literal") {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

const PRISMA = ["**/generated/prisma", "**/generated/prisma/**", "@prisma/client", "@prisma/client/**"];
const EXPRESS = ["express", "express/**"];
const HTTP_KIT = ["@erp/http-kit", "@erp/http-kit/**"];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/src/generated/**", ".data/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { erp: { rules: { boundaries } } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
      "erp/boundaries": "error",
    },
  },
  // Layers inside a service (CONVENTIONS.md): routes → use cases → repositories → Prisma.
  {
    files: ["services/*/src/**/*.routes.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: PRISMA, message: "Routes never see Prisma: call a use case, which calls a repository." }] },
      ],
    },
  },
  {
    files: ["services/*/src/modules/**/*.ts"],
    ignores: ["**/*.routes.ts", "**/*.schemas.ts", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: EXPRESS, message: "Use cases and repositories never see Express: take plain input, return plain output." },
            {
              group: HTTP_KIT,
              message:
                "Use cases and repositories never import the HTTP kit: errors come from @erp/errors, list windows and pages from @erp/lists.",
            },
          ],
        },
      ],
    },
  },
  // Schemas describe the HTTP contract with the kit's zod and list queries, but never touch Express.
  {
    files: ["services/*/src/modules/**/*.schemas.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: EXPRESS, message: "Schemas describe requests and responses; they never see Express." }] },
      ],
    },
  },
  // Root CommonJS config files (jest.config.js).
  { files: ["*.js"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
  {
    files: ["scripts/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: { "no-console": "off" },
  },
);
