import { Command } from "lucide-react";
import { lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { useDarkTheme } from "../shared/preferences";
import { modules } from "./modules";
import { NotificationCentre } from "../hub/NotificationCentre";
import { useContactWatch, useReminderWatch } from "../hub/notifications";
import { useFollowObs } from "../shared/obs";
import { useFollowTwitchAccount } from "../shared/twitch";
import { ObsHealthBadge } from "./ObsHealthBadge";
import { SyncStatusBadge } from "./SyncStatusBadge";

const CommandPalette = lazy(() => import("./CommandPalette").then((m) => ({ default: m.CommandPalette })));
const Toaster = lazy(() => import("sonner").then((m) => ({ default: m.Toaster })));

/** Sidebar, main area, command palette and toasts around every module. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [location, navigate] = useLocation();
  const dark = useDarkTheme();
  const [paletteOpen, setPaletteOpen] = useState(false);
  // The palette's code loads the first time it is opened and stays mounted
  // afterwards: an idle window does not carry it (docs/PERFORMANCE.md, idle
  // memory). That first opening waits for the chunk to load.
  const [paletteUsed, setPaletteUsed] = useState(false);
  if (paletteOpen && !paletteUsed) setPaletteUsed(true);
  useReminderWatch();
  useContactWatch();
  useFollowObs();
  useFollowTwitchAccount();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() === "k") {
        event.preventDefault();
        setPaletteOpen((open) => !open);
        return;
      }
      const target = modules.find((m) => m.key === event.key);
      if (target) {
        event.preventDefault();
        navigate(target.path);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [navigate]);

  return (
    <div className="flex h-full">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:m-2 focus:rounded focus:bg-white focus:p-2"
      >
        {t("app.skipToContent")}
      </a>
      <nav
        aria-label={t("nav.label")}
        className="flex w-56 shrink-0 flex-col gap-1 border-r border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="mb-4 px-2 pt-1">
          <span className="bg-gradient-to-r from-brand-600 to-spark-500 bg-clip-text text-lg font-extrabold text-transparent">
            MONA x SPARK
          </span>
        </div>
        {modules.map((module) => {
          const isActive = location === module.path || location.startsWith(`${module.path}/`);
          return (
          <Link
            key={module.id}
            href={module.path}
            title={t("nav.shortcut", { key: module.key })}
            aria-current={isActive ? "page" : undefined}
            className={
              `flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium ${
                isActive
                  ? "bg-brand-100 text-brand-700 dark:bg-brand-700/30 dark:text-brand-100"
                  : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
              } ${module.id === "settings" ? "mt-auto" : ""}`
            }
          >
            <module.icon aria-hidden size={18} />
            {t(`nav.${module.id}`)}
          </Link>
          );
        })}
        <NotificationCentre />
        <SyncStatusBadge />
        <ObsHealthBadge />
        <button
          type="button"
          onClick={() => setPaletteOpen(true)}
          className="mt-2 flex items-center gap-2 rounded-lg border border-zinc-200 px-3 py-2 text-xs text-zinc-500 hover:bg-zinc-200 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <Command aria-hidden size={14} />
          {t("palette.open")}
        </button>
      </nav>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-hidden">
        {children}
      </main>
      <Suspense fallback={null}>
        {paletteUsed ? <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} /> : null}
        <Toaster theme={dark ? "dark" : "light"} position="bottom-right" closeButton containerAriaLabel={t("app.messages")} toastOptions={{ closeButtonAriaLabel: t("app.closeMessage") }} />
      </Suspense>
    </div>
  );
}
