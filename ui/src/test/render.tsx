// Renders the whole app against the fake backend, as a user would see it.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { App } from "../app/App";
import { i18n } from "../i18n";
import { createFakeState, installFakeBackend, type FakeState } from "./fakeBackend";

export function renderApp(route = "/hub", partial: Partial<FakeState> = {}) {
  const state = installFakeBackend(createFakeState(partial));
  window.location.hash = `#${route}`;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 } } });
  const view = render(
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </QueryClientProvider>,
  );
  return { ...view, state };
}
