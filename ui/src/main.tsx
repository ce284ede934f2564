import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./app/App";
import { i18n } from "./i18n";
import "./styles.css";

declare const __PAGE_TEST__: boolean;

async function start() {
  // Page tests run the UI in Chromium against a mocked Rust side; production builds drop this branch.
  if (__PAGE_TEST__) {
    const { installPageTestBackend } = await import("./test/pageTestBackend");
    installPageTestBackend();
  }
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } },
  });
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
