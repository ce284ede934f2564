import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./app/App";
import type { commands } from "./bindings";
import { i18n } from "./i18n";
import { call } from "./shared/bridge";
import { appInfoKey, settingsKey } from "./shared/preferences";


export interface EarlyAnswers {
  info: ReturnType<typeof commands.appInfo>;
  settings: ReturnType<typeof commands.getSettings>;
}

/** Renders the app once the answers asked for at startup have arrived. */
export async function boot(early: EarlyAnswers) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } },
  });
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: appInfoKey, queryFn: () => early.info, staleTime: Infinity }),
    queryClient.prefetchQuery({ queryKey: settingsKey, queryFn: () => call(early.settings), retry: false }),
  ]);
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
