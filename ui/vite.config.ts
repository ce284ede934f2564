/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The entry only asks Rust for the settings, then imports `boot` (React and
 * the app). Announcing `boot` and its imports in index.html lets the WebView
 * fetch and compile them while the entry runs (docs/PERFORMANCE.md).
 */
function preloadBoot(): Plugin {
  return {
    name: "mona-preload-boot",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {});
        const boot = chunks.find((chunk) => chunk.type === "chunk" && chunk.name === "boot");
        if (!boot || boot.type !== "chunk") return [];
        return [boot.fileName, ...boot.imports].map((file) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  root,
  plugins: [react(), tailwindcss(), preloadBoot()],
  clearScreen: false,
  // "pages" mode serves the UI with a mocked Rust side for browser page tests.
  define: { __PAGE_TEST__: JSON.stringify(mode === "pages") },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
  },
}));
