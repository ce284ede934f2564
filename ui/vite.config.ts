/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Page tests (`vite --mode pages`) run the UI in Chromium against the
 * in-memory backend: its script is placed before the app's entry, so it is
 * installed before the entry asks Rust anything. Builds never contain it.
 */
function pageTestBackend(): Plugin {
  return {
    name: "mona-page-test-backend",
    apply: (_config, env) => env.mode === "pages",
    transformIndexHtml: () => [
      { tag: "script", attrs: { type: "module", src: "/src/test/pageTestBackend.ts" }, injectTo: "head" },
    ],
  };
}

export default defineConfig({
  root,
  plugins: [react(), tailwindcss(), pageTestBackend()],
  clearScreen: false,
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // The users are in France: times read as a Parisian reads them.
    env: { TZ: "Europe/Paris" },
    // A story that types a whole form in the Settings page takes 2–3 s on an
    // idle machine; CI's two shared cores must not turn that into a failure.
    testTimeout: 15_000,
  },
});
