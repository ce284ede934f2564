import { mockIPC } from "@tauri-apps/api/mocks";
import { act, screen, within } from "@testing-library/react";
import type { Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { boot } from "./boot";
import { commands } from "./bindings";
import { createFakeState, handle, installFakeBackend } from "./test/fakeBackend";

let root: Root | undefined;

afterEach(() => {
  act(() => root?.unmount());
  document.getElementById("root")?.remove();
});

/** Launches the app at `address`; returns what the window showed when it said it was interactive. */
async function launch(address: string) {
  const state = installFakeBackend(createFakeState());
  let shownWhenInteractive = "";
  mockIPC((command, args) => {
    if (command === "ui_ready") shownWhenInteractive = document.querySelector("main")?.textContent ?? "";
    return handle(state, command, (args ?? {}) as Record<string, unknown>);
  });
  window.history.replaceState(null, "", `${window.location.pathname}${address}`);
  const place = document.createElement("div");
  place.id = "root";
  document.body.append(place);
  root = await boot({ info: commands.appInfo(), settings: commands.getSettings() });
  return shownWhenInteractive;
}

describe("the window's launch", () => {
  it("opens on the Hub, already drawn when it reports itself interactive", async () => {
    const shownWhenInteractive = await launch("");
    expect(window.location.hash).toBe("#/hub");
    // No waiting: the first screen is committed when `boot` returns.
    expect(within(screen.getByRole("navigation", { name: "Modules" })).getByRole("link", { name: "Hub" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(screen.getByRole("heading", { name: "Hub" })).toBeInTheDocument();
    expect(shownWhenInteractive).toContain("Le tableau de bord de l'équipe.");
  });

  it("keeps the screen an address already names", async () => {
    const shownWhenInteractive = await launch("#/streaming");
    expect(window.location.hash).toBe("#/streaming");
    expect(screen.getByRole("heading", { name: "Streaming Command Center" })).toBeInTheDocument();
    expect(shownWhenInteractive).toContain("Streaming Command Center");
  });
});
