import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "app/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "public/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // docs/security.md: raw SQL only through tagged templates.
      "no-restricted-properties": [
        "error",
        { property: "$queryRawUnsafe", message: "Use the tagged template $queryRaw`…`." },
        { property: "$executeRawUnsafe", message: "Use the tagged template $executeRaw`…`." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "Render Markdown through app/utils/markdown (raw HTML off).",
        },
      ],
    },
  },
  // The house's boundaries (docs/decisions/013-house-layout.md): a lint rule, not a review comment.
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/utils/db.server", "~/generated/*", "~/generated/**"],
              message: "Routes reach the database through app/models (scoped reads and writes), never directly.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/models/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@remix-run/*"],
              message: "Models know nothing of HTTP: return a result, let the route answer (app/utils/http.server).",
            },
            {
              group: ["~/access/guards.server", "~/access/user.server", "~/routes/*"],
              message: "Models take the scope and the actor as arguments, never a Request or a guard.",
            },
          ],
        },
      ],
    },
  },
  {
    // Jobs run outside any request (docs/decisions/016-scheduled-jobs.md): like models, no HTTP.
    files: ["app/jobs/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@remix-run/*", "~/access/guards.server", "~/access/user.server", "~/routes/*"],
              message: "Jobs run without a request: no Remix, guards or routes; they act as the system actor.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/jobs/schedule.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!~/domain/|~/utils/time$)",
              message: "Schedules are pure: they import domain modules and ~/utils/time only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!zod$|~/domain/)",
              message: "The domain is pure: it imports zod and other domain modules only.",
            },
          ],
        },
      ],
    },
  },
  {
    // The publiccode.yml rules read YAML with positions (docs/publiccode-import.md): `yaml` is a
    // parser with no I/O, allowed here and nowhere else in the domain.
    files: ["app/domain/publiccode/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!zod$|yaml$|~/domain/)",
              message: "The publiccode.yml domain is pure: it imports zod, yaml and other domain modules only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/access/scope.server.ts", "app/access/capabilities.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/models/*", "~/routes/*", "@remix-run/*"],
              message: "Scopes and capabilities are read by models: they import no model, route or HTTP code.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // A type (the shape of a loader's data) is erased from the bundle: that one is fine.
              allowTypeImports: true,
              group: ["*.server", "**/*.server", "~/models/*"],
              message: "Components are shared with the browser: data comes from loaders, not from server modules.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call their argument `use`, which is not React's hook.
    files: ["tests/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["server.js", "server/**/*.js", "scripts/**/*.{js,mjs}", "tests/e2e/*.mjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
      },
    },
  },
);
