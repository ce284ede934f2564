// The Streaming Command Center. Its heading is drawn with the shell; the OBS
// panel's, the run-of-show's, the chat's and the recordings' code load when the screen is first
// opened.
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";

const ObsPanel = lazy(() => import("./ObsPanel").then((m) => ({ default: m.ObsPanel })));
const ChatPanel = lazy(() => import("./ChatPanel").then((m) => ({ default: m.ChatPanel })));
const ChannelPanel = lazy(() => import("./ChannelPanel").then((m) => ({ default: m.ChannelPanel })));
const LivePanel = lazy(() => import("./LivePanel").then((m) => ({ default: m.LivePanel })));
const RecordingsPanel = lazy(() => import("./RecordingsPanel").then((m) => ({ default: m.RecordingsPanel })));

export function StreamingPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="streaming-title" className="h-full space-y-6 overflow-auto p-8">
      <header>
        <h1 id="streaming-title" className="text-2xl font-bold">{t("streaming.title")}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("obs.lead")}</p>
      </header>
      <Suspense fallback={null}>
        <ObsPanel />
        <LivePanel />
        <ChannelPanel />
        <ChatPanel />
        <RecordingsPanel />
      </Suspense>
    </section>
  );
}
