import "@testing-library/jest-dom/vitest";
import { invoke } from "@tauri-apps/api/core";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeAll } from "vitest";

// The first test of a file imports its lazily loaded page: on a busy two-core
// machine that alone can take a second, the library's default wait.
configure({ asyncUtilTimeout: 4000 });

beforeAll(() => {
  // jsdom has no layout: give elements a size so virtualized lists render rows.
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get: () => 600 },
    offsetWidth: { configurable: true, get: () => 800 },
    clientHeight: { configurable: true, get: () => 600 },
  });
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null,
    addEventListener: () => {}, removeEventListener: () => {}, addListener: () => {}, removeListener: () => {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  window.HTMLElement.prototype.scrollIntoView ??= () => {};
  // The calendar's drag selection asks what lies under the pointer; jsdom has no layout.
  document.elementFromPoint ??= () => null;
  // Toasts use pointer capture for swipe-to-dismiss; jsdom lacks it.
  window.Element.prototype.setPointerCapture ??= () => {};
  window.Element.prototype.releasePointerCapture ??= () => {};
  window.Element.prototype.hasPointerCapture ??= () => false;
  // The desktop app's notification plugin replaces `window.Notification`
  // with one that asks Rust to show it; the same here, so tests see the call.
  window.Notification = Object.assign(
    function Notification(title: string, options: NotificationOptions = {}) {
      void invoke("plugin:notification|notify", { options: { ...options, title } });
    },
    { permission: "granted", requestPermission: async () => "granted" },
  ) as unknown as typeof window.Notification;
  // Charts draw on a canvas, which jsdom does not paint: a context that
  // accepts every call and measures text as empty lets them mount.
  const canvasContext = new Proxy(
    {},
    {
      get: (_, name) =>
        name === "measureText" ? () => ({ width: 0 }) : name === "canvas" ? document.createElement("canvas") : () => undefined,
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = (() => canvasContext) as unknown as HTMLCanvasElement["getContext"];
  globalThis.Path2D ??= class {
    moveTo() {}
    lineTo() {}
    rect() {}
    arc() {}
    bezierCurveTo() {}
    closePath() {}
  } as unknown as typeof Path2D;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

afterEach(() => {
  cleanup();
  clearMocks();
});
