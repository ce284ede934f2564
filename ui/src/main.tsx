// Entry point. Kept tiny on purpose: it asks Rust for the settings at once,
// and loads React and the app in parallel, so the first render already has
// what it needs (see docs/PERFORMANCE.md, launch to interactive).
import { commands } from "./bindings";
import "./styles.css";

declare const __PAGE_TEST__: boolean;

async function start() {
  // Page tests run the UI in Chromium against a mocked Rust side; production builds drop this branch.
  if (__PAGE_TEST__) {
    const { installPageTestBackend } = await import("./test/pageTestBackend");
    installPageTestBackend();
  }
  const early = { info: commands.appInfo(), settings: commands.getSettings() };
  const { boot } = await import("./boot");
  await boot(early);
}

void start();
