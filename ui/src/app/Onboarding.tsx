import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Database, Sparkles } from "lucide-react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { settingsKey, useUpdateSettings } from "../shared/preferences";

/** First run on this data folder: start empty or explore the demo data. */
export function Onboarding() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useUpdateSettings();
  const startEmpty = () => settings.mutate({ onboarded: true, language: null, theme: null });
  const loadDemo = useMutation({
    mutationFn: () => call(commands.loadDemoData()),
    onSuccess: async (summary) => {
      if (summary) toast.success(t("onboarding.demoLoaded", { ...summary }));
      await client.invalidateQueries();
      await client.refetchQueries({ queryKey: settingsKey });
      // An already filled database loads nothing: the choice is still made.
      if (!summary) startEmpty();
    },
  });
  const failure = settings.error ?? loadDemo.error;
  const busy = settings.isPending || loadDemo.isPending;
  const choice =
    "flex w-full items-start gap-4 rounded-xl border border-zinc-200 p-5 text-left hover:border-brand-500 hover:bg-brand-50 disabled:opacity-50 dark:border-zinc-800 dark:hover:bg-zinc-900";
  return (
    <main className="grid h-full place-items-center p-8">
      <section className="w-full max-w-xl" aria-labelledby="onboarding-title">
        <h1 id="onboarding-title" className="mb-2 text-3xl font-bold">
          {t("onboarding.title")}
        </h1>
        <p className="mb-8 text-zinc-600 dark:text-zinc-300">{t("onboarding.lead")}</p>
        <div className="space-y-3">
          <button
            type="button"
            autoFocus
            className={choice}
            disabled={busy}
            onClick={() => loadDemo.mutate()}
          >
            <Sparkles aria-hidden className="mt-1 shrink-0 text-spark-500" />
            <span>
              <span className="block font-semibold">{t("onboarding.demo")}</span>
              <span className="block text-sm text-zinc-500">{t("onboarding.demoHint")}</span>
            </span>
          </button>
          <button
            type="button"
            className={choice}
            disabled={busy}
            onClick={startEmpty}
          >
            <Database aria-hidden className="mt-1 shrink-0 text-brand-500" />
            <span>
              <span className="block font-semibold">{t("onboarding.empty")}</span>
              <span className="block text-sm text-zinc-500">{t("onboarding.emptyHint")}</span>
            </span>
          </button>
        </div>
        {failure ? (
          <p role="alert" className="mt-4 text-red-600">
            {describeError(t, failure)}
          </p>
        ) : null}
      </section>
    </main>
  );
}
