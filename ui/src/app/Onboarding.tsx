import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Database, Sparkles, UserPlus } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Member } from "../bindings";
import { TextField } from "../components/Field";
import { memberColor } from "../components/MemberAvatar";
import { readerTimeZone } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useUpdateSettings } from "../shared/preferences";
import { useChooseMe, useJoinTeam, useMembers } from "../shared/team";

/** First run on this data folder: start empty or explore the demo data, then say who uses this computer. */
export function Onboarding() {
  const [step, setStep] = useState<"start" | "who">("start");
  return step === "start" ? <StartChoice onDone={() => setStep("who")} /> : <WhoAreYou />;
}

function StartChoice({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const loadDemo = useMutation({
    mutationFn: () => call(commands.loadDemoData()),
    onSuccess: async (summary) => {
      if (summary) toast.success(t("onboarding.demoLoaded", { ...summary }));
      await client.invalidateQueries();
      // An already filled database loads nothing: the choice is still made.
      onDone();
    },
  });
  const failure = loadDemo.error;
  const busy = loadDemo.isPending;
  const choice =
    "flex w-full items-start gap-4 rounded-xl border border-zinc-200 p-5 text-left hover:border-brand-500 hover:bg-brand-50 disabled:opacity-50 dark:border-zinc-800 dark:hover:bg-zinc-900";
  return (
    <Step id="onboarding-title" title={t("onboarding.title")} lead={t("onboarding.lead")} failure={failure}>
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
          onClick={onDone}
        >
          <Database aria-hidden className="mt-1 shrink-0 text-brand-500" />
          <span>
            <span className="block font-semibold">{t("onboarding.empty")}</span>
            <span className="block text-sm text-zinc-500">{t("onboarding.emptyHint")}</span>
          </span>
        </button>
      </div>
    </Step>
  );
}

/** Who uses this computer: a member of the team, or a newcomer who introduces themself. */
function WhoAreYou() {
  const { t } = useTranslation();
  const members = useMembers();
  const settings = useUpdateSettings();
  const choose = useChooseMe();
  const join = useJoinTeam();
  const [name, setName] = useState("");
  const finish = () => settings.mutate({ onboarded: true, language: null, theme: null });
  const chooseMember = (member: Member) => choose.mutate(member.id, { onSuccess: finish });
  function introduce(event: FormEvent) {
    event.preventDefault();
    join.mutate(
      { name, email: null, role: "guest", color: null, timeZone: readerTimeZone() },
      { onSuccess: finish },
    );
  }
  const list = members.data ?? [];
  const failure = settings.error ?? choose.error ?? (join.error && !fieldErrorsOf(t, join.error).name ? join.error : null);
  const busy = settings.isPending || choose.isPending || join.isPending;
  if (members.isPending) return null;
  return (
    <Step id="who-title" title={t("onboarding.whoTitle")} lead={t("onboarding.whoLead")} failure={failure}>
      {list.length > 0 ? (
        <section aria-labelledby="who-members" className="mb-6">
          <h2 id="who-members" className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">
            {t("onboarding.whoMembers")}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {list.map((member, index) => (
              <li key={member.id}>
                <button
                  type="button"
                  autoFocus={index === 0}
                  disabled={busy}
                  onClick={() => chooseMember(member)}
                  className="flex w-full items-center gap-3 rounded-xl border border-zinc-200 p-3 text-left hover:border-brand-500 hover:bg-brand-50 disabled:opacity-50 dark:border-zinc-800 dark:hover:bg-zinc-900"
                >
                  <span
                    aria-hidden
                    className="size-3 shrink-0 rounded-full"
                    style={{ backgroundColor: memberColor(member) }}
                  />
                  <span>
                    <span className="block font-medium">{member.name}</span>
                    <span className="block text-xs text-zinc-500">{t(`team.roles.${member.role}`)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form onSubmit={introduce} className="space-y-3 rounded-xl border border-zinc-200 p-5 dark:border-zinc-800" aria-labelledby="who-new" noValidate>
        <h2 id="who-new" className="flex items-center gap-2 font-semibold">
          <UserPlus aria-hidden className="size-4 text-brand-500" />
          {t("onboarding.whoNew")}
        </h2>
        <p className="text-sm text-zinc-500">{t("onboarding.whoNewHint")}</p>
        <TextField
          label={t("onboarding.whoName")}
          name="my-name"
          autoFocus={list.length === 0}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrorsOf(t, join.error).name}
        />
        <button type="submit" disabled={busy} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
          {t("onboarding.whoContinue")}
        </button>
      </form>
      <button type="button" disabled={busy} onClick={finish} className="mt-4 text-sm text-zinc-500 underline hover:text-zinc-800 dark:hover:text-zinc-200">
        {t("onboarding.whoLater")}
      </button>
    </Step>
  );
}

/** One screen of the first run: its title, its lead, its choices, and what went wrong. */
function Step({ id, title, lead, failure, children }: { id: string; title: string; lead: string; failure: unknown; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="grid h-full place-items-center p-8">
      <section className="w-full max-w-xl" aria-labelledby={id}>
        <h1 id={id} className="mb-2 text-3xl font-bold">
          {title}
        </h1>
        <p className="mb-8 text-zinc-600 dark:text-zinc-300">{lead}</p>
        {children}
        {failure ? (
          <p role="alert" className="mt-4 text-red-600">
            {describeError(t, failure)}
          </p>
        ) : null}
      </section>
    </main>
  );
}
