// This device's preferences (language, theme) applied to the whole UI.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { DeviceSettings, SettingsChange } from "../bindings";
import { languageForLocale, switchLanguage, type Language } from "../i18n";
import { call, commands } from "./bridge";

export const appInfoKey = ["app-info"] as const;
export const settingsKey = ["settings"] as const;

export function useAppInfo() {
  return useQuery({ queryKey: appInfoKey, queryFn: () => commands.appInfo(), staleTime: Infinity });
}

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => call(commands.getSettings()), retry: false });
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: SettingsChange) => call(commands.updateSettings(change)),
    onSuccess: (settings) => client.setQueryData(settingsKey, settings),
  });
}

/** The language in effect: the chosen one, or the OS's. */
export function useLanguage(): Language {
  const info = useAppInfo().data;
  const settings = useSettings().data;
  return effectiveLanguage(settings, info?.systemLocale);
}

export function effectiveLanguage(settings: DeviceSettings | undefined, systemLocale: string | null | undefined): Language {
  const chosen = settings?.language ?? "system";
  return chosen === "system" ? languageForLocale(systemLocale) : chosen;
}

function useSystemDark(): boolean {
  const query = "(prefers-color-scheme: dark)";
  const [dark, setDark] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const media = window.matchMedia?.(query);
    if (!media) return;
    const listener = (event: MediaQueryListEvent) => setDark(event.matches);
    media.addEventListener("change", listener);
    return () => media.removeEventListener("change", listener);
  }, []);
  return dark;
}

/** True when the dark theme is in effect. */
export function useDarkTheme(): boolean {
  const systemDark = useSystemDark();
  const theme = useSettings().data?.theme ?? "system";
  return theme === "dark" || (theme === "system" && systemDark);
}

/** Keeps i18next and the document (lang, dark class) in step with the preferences. */
export function usePreferencesEffect(): Language {
  const language = useLanguage();
  const dark = useDarkTheme();
  useEffect(() => {
    void switchLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    document.documentElement.classList.toggle("dark", dark);
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
  }, [dark]);
  return language;
}
