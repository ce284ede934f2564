// Loaded only by `vite --mode pages` (browser page tests), as a script placed
// before the app's entry: the UI then runs against the fake backend.
import { createFakeState, installFakeBackend, type FakeState } from "./fakeBackend";

declare global {
  interface Window {
    __fakeBackend?: FakeState;
  }
}

function installPageTestBackend(): void {
  const params = new URLSearchParams(window.location.search);
  const state = createFakeState({
    settings: { language: "system", theme: (params.get("theme") as "light" | "dark" | null) ?? "system", onboarded: false },
    info: { version: "0.1.0", systemLocale: params.get("locale") ?? "fr-FR", dataFolder: "/home/camille/.local/share/fr.monaspark.desk" },
  });
  window.__fakeBackend = installFakeBackend(state);
}

installPageTestBackend();
