// Decides what the window shows: a startup problem, the first-run choice, or the app.
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Redirect, Route, Router, Switch } from "wouter";
import { useHashLocation } from "wouter/use-hash-location";
import { ContentPage } from "../content/ContentPage";
import { HubPage } from "../hub/HubPage";
import { documentArrived, launchClock } from "../launchClock";
import { appErrorOf, commands } from "../shared/bridge";
import { usePreferencesEffect, useSettings } from "../shared/preferences";
import { StreamingPage } from "../streaming/StreamingPage";
import { homePath } from "./modules";
import { Shell } from "./Shell";
import { StartupProblemScreen } from "./StartupProblemScreen";

// Screens the first view does not show load on demand, to keep the launch fast.
const ArtistsPage = lazy(() => import("../crm/ArtistsPage").then((m) => ({ default: m.ArtistsPage })));
const CampaignsPage = lazy(() => import("../crm/CampaignsPage").then((m) => ({ default: m.CampaignsPage })));
const SponsorsPage = lazy(() => import("../crm/SponsorsPage").then((m) => ({ default: m.SponsorsPage })));
const PipelinePage = lazy(() => import("../crm/PipelinePage").then((m) => ({ default: m.PipelinePage })));
const PlanningPage = lazy(() => import("../planning/PlanningPage").then((m) => ({ default: m.PlanningPage })));
const SettingsPage = lazy(() => import("../settings/SettingsPage").then((m) => ({ default: m.SettingsPage })));
const Onboarding = lazy(() => import("./Onboarding").then((m) => ({ default: m.Onboarding })));

function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" className="grid h-full place-items-center text-zinc-500">
      {t("app.loading")}
    </div>
  );
}

export function App() {
  usePreferencesEffect();
  // Whichever screen comes first (the app, the first-run choice, a startup
  // problem), it is committed now: the window, opened hidden, may show it.
  useEffect(() => {
    const interactive = performance.now();
    // Nothing to tell the person if the report is lost: the window shows anyway.
    commands.uiReady({
      documentMs: documentArrived(),
      scriptStartedMs: launchClock.started,
      evaluatedMs: launchClock.evaluated,
      answeredMs: launchClock.answered,
      interactiveMs: interactive,
    }).catch(() => undefined);
  }, []);
  const settings = useSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <StartupProblemScreen error={appErrorOf(settings.error)} />;
  if (!settings.data.onboarded) {
    return (
      <Suspense fallback={<Loading />}>
        <Onboarding />
      </Suspense>
    );
  }
  return <Routes />;
}

function Routes() {
  return (
    <Router hook={useHashLocation}>
      <Shell>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path={homePath} component={HubPage} />
            <Route path="/crm/pipeline" component={PipelinePage} />
            <Route path="/crm/campaigns" component={CampaignsPage} />
            <Route path="/crm/sponsors/*?" component={SponsorsPage} />
            {/* One route for the artist list, so its search and sort survive opening a card. */}
            <Route path="/crm/*?" component={ArtistsPage} />
            <Route path="/content" component={ContentPage} />
            <Route path="/planning/*?" component={PlanningPage} />
            <Route path="/streaming" component={StreamingPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route>
              <Redirect to={homePath} replace />
            </Route>
          </Switch>
        </Suspense>
      </Shell>
    </Router>
  );
}
