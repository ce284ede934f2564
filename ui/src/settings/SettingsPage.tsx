import { useTranslation } from "react-i18next";
import type { LanguagePreference, ThemePreference } from "../bindings";
import { SelectField } from "../components/Field";
import { formatDate, formatMoney, formatNumber, languageForLocale } from "../i18n";
import { describeError } from "../shared/errors";
import { useAppInfo, useLanguage, useSettings, useUpdateSettings } from "../shared/preferences";
import { OfferSettings } from "../crm/OfferSettings";
import { PipelineSettings } from "../crm/PipelineSettings";
import { ScoreSettings } from "../crm/ScoreSettings";
import { ObsConnectionForm } from "../streaming/ObsConnectionForm";
import { TwitchAccountPanel } from "../streaming/TwitchAccountPanel";
import { ConflictsList } from "./ConflictsList";
import { TeamSettings } from "./TeamSettings";
import { TeamSyncSettings } from "./TeamSyncSettings";

const languageNames = { fr: "Français", en: "English" } as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const info = useAppInfo().data;
  const settings = useSettings().data;
  const update = useUpdateSettings();
  const language = useLanguage();
  const systemLanguage = languageNames[languageForLocale(info?.systemLocale)];
  return (
    <section className="mx-auto max-w-2xl space-y-8 p-10" aria-labelledby="settings-title">
      <h1 id="settings-title" className="text-2xl font-bold">
        {t("settings.title")}
      </h1>
      <div className="grid max-w-sm gap-4">
        <SelectField
          label={t("settings.language")}
          name="language"
          value={settings?.language ?? "system"}
          onChange={(e) => update.mutate({ language: e.target.value as LanguagePreference, theme: null, onboarded: null })}
          options={[
            { value: "system", label: t("settings.languageSystem", { system: systemLanguage }) },
            { value: "fr", label: languageNames.fr },
            { value: "en", label: languageNames.en },
          ]}
        />
        <SelectField
          label={t("settings.theme")}
          name="theme"
          value={settings?.theme ?? "system"}
          onChange={(e) => update.mutate({ theme: e.target.value as ThemePreference, language: null, onboarded: null })}
          options={[
            { value: "system", label: t("settings.themeSystem") },
            { value: "light", label: t("settings.themeLight") },
            { value: "dark", label: t("settings.themeDark") },
          ]}
        />
        {update.error ? <p role="alert" className="text-sm text-red-600">{describeError(t, update.error)}</p> : null}
      </div>
      <TeamSettings />
      <ScoreSettings />
      <PipelineSettings />
      <OfferSettings />
      <TeamSyncSettings />
      <section aria-labelledby="obs-settings-title" className="space-y-3">
        <h2 id="obs-settings-title" className="font-semibold">{t("obs.title")}</h2>
        <ObsConnectionForm />
      </section>
      <section aria-labelledby="twitch-settings-title" className="space-y-3">
        <h2 id="twitch-settings-title" className="font-semibold">{t("twitch.title")}</h2>
        <TwitchAccountPanel />
      </section>
      <ConflictsList />
      <section aria-labelledby="formats-title">
        <h2 id="formats-title" className="mb-2 font-semibold">{t("settings.formatsPreview")}</h2>
        <p className="text-sm tabular-nums text-zinc-600 dark:text-zinc-300" data-testid="formats-preview">
          {formatDate(language, "2026-07-14T18:30:00.000Z", "Europe/Paris")} · {formatNumber(language, 1234567.89)} · {formatMoney(language, 49000)}
        </p>
      </section>
      <section aria-labelledby="about-title">
        <h2 id="about-title" className="mb-2 font-semibold">{t("settings.about")}</h2>
        {info ? (
          <dl className="text-sm">
            <dd>{t("settings.version", { version: info.version })}</dd>
            <dt className="mt-2 text-zinc-500">{t("settings.dataFolder")}</dt>
            <dd className="font-mono text-xs break-all">{info.dataFolder}</dd>
          </dl>
        ) : null}
      </section>
    </section>
  );
}
