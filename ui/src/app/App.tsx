// Decides what the window shows: a startup problem, the first-run choice, or the app.
import { createHashRouter, Navigate, RouterProvider } from "react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ContentPage } from "../content/ContentPage";
import { ArtistsPage } from "../crm/ArtistsPage";
import { HubPage } from "../hub/HubPage";
import { PlanningPage } from "../planning/PlanningPage";
import { SettingsPage } from "../settings/SettingsPage";
import { appErrorOf } from "../shared/bridge";
import { usePreferencesEffect, useSettings } from "../shared/preferences";
import { StreamingPage } from "../streaming/StreamingPage";
import { Onboarding } from "./Onboarding";
import { Shell } from "./Shell";
import { StartupProblemScreen } from "./StartupProblemScreen";

export const routes = [
  {
    path: "/",
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/hub" replace /> },
      { path: "hub", element: <HubPage /> },
      { path: "crm", element: <ArtistsPage /> },
      { path: "crm/artists/new", element: <ArtistsPage /> },
      { path: "crm/artists/:artistId", element: <ArtistsPage /> },
      { path: "crm/artists/:artistId/edit", element: <ArtistsPage /> },
      { path: "content", element: <ContentPage /> },
      { path: "planning", element: <PlanningPage /> },
      { path: "streaming", element: <StreamingPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "*", element: <Navigate to="/hub" replace /> },
    ],
  },
];

export function App() {
  usePreferencesEffect();
  const { t } = useTranslation();
  const settings = useSettings();
  if (settings.isPending) {
    return (
      <div role="status" className="grid h-full place-items-center text-zinc-500">
        {t("app.loading")}
      </div>
    );
  }
  if (settings.isError) {
    const error = appErrorOf(settings.error);
    return <StartupProblemScreen error={error} />;
  }
  if (!settings.data.onboarded) return <Onboarding />;
  return <Router />;
}

function Router() {
  // Made on mount so it starts from the address the window has then.
  const [router] = useState(() => createHashRouter(routes));
  return <RouterProvider router={router} />;
}
