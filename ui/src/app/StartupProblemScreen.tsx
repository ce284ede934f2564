import { TriangleAlert } from "lucide-react";
import { useTranslation } from "react-i18next";
import type { AppError } from "../bindings";
import { describeAppError } from "../shared/errors";
import { useAppInfo } from "../shared/preferences";

/** Shown instead of the app when the database could not be opened: what happened, where, and that nothing was lost. */
export function StartupProblemScreen({ error }: { error: AppError }) {
  const { t } = useTranslation();
  const info = useAppInfo().data;
  const path = error.code === "database_unavailable" ? error.problem.path : info?.dataFolder;
  return (
    <main className="grid h-full place-items-center p-8">
      <section role="alert" className="max-w-xl rounded-xl border border-amber-300 bg-amber-50 p-6 dark:border-amber-700 dark:bg-amber-950">
        <h1 className="mb-3 flex items-center gap-2 text-xl font-semibold">
          <TriangleAlert aria-hidden className="text-amber-600" />
          {t("startup.title")}
        </h1>
        <p className="mb-2">{describeAppError(t, error)}</p>
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-300">{t("startup.nothingLost")}</p>
        {path ? <p className="font-mono text-xs break-all text-zinc-500">{t("startup.folder", { path })}</p> : null}
      </section>
    </main>
  );
}
