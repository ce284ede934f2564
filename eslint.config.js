import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["ui/dist", "ui/src/bindings.ts", "target", "node_modules", "tests/artifacts", "src-tauri/benches/bare_window/dist"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["ui/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "react-hooks/set-state-in-effect": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["scripts/**/*.{js,mjs}", "*.js"],
    languageOptions: { globals: globals.node },
  },
  {
    // The launch benchmark's React baseline runs in the window.
    files: ["src-tauri/benches/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    // Test drivers run in Node and pass callbacks that run inside the page.
    files: ["tests/**/*.{js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
