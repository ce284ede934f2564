// The second baseline of the launch benchmark (docs/PERFORMANCE.md): the
// smallest page the app's own stack can make, React mounting one paragraph,
// then calling Rust, as `../shared/notes/tauri-linux.md` measured "a bare
// Tauri + React window". Built by `scripts/bench-launch.sh` into
// `../dist/react/`; no JSX, so the build needs no plugin.
import { invoke } from "@tauri-apps/api/core";
import { createElement, useEffect } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";

function Ready() {
  useEffect(() => {
    const pageMs = performance.now();
    const [page] = performance.getEntriesByType("navigation");
    void invoke("ready", { pageMs, documentMs: page ? page.responseEnd : 0 });
  }, []);
  return createElement("p", null, "bare React window");
}

const root = createRoot(document.getElementById("root"));
flushSync(() => root.render(createElement(Ready)));
