// ESLint: TypeScript's recommended rules, React's rules of hooks and jsx-a11y's accessibility checks.
// Formatting is Prettier's job, not ESLint's. `npm run lint` runs this, Prettier's check and knip.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["build/", ".react-router/", "node_modules/", "bench-results/", "data/", "tests/.tmp/", "db/migrations/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // `import { type X }` alone still loads the module in the browser (verbatimModuleSyntax): `import type`.
      "@typescript-eslint/no-import-type-side-effects": "error",
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    // The data layer is asynchronous: a promise nobody waits for would lose its errors, or let a
    // request answer before its write happened. These rules need the types, so they read the project.
    files: ["app/**/*.{ts,tsx}", "scripts/**/*.ts", "tests/**/*.ts", "db/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.strict.rules,
    },
  },
);
