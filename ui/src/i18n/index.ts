// Translations and locale-aware formatting. French first, English too.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { fr } from "./fr";

export type Language = "fr" | "en";

export const resources = { fr: { translation: fr }, en: { translation: en } } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof fr };
    returnNull: false;
  }
}

/** The app language for an OS locale: French for any French locale, otherwise English. */
export function languageForLocale(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith("fr") ? "fr" : locale ? "en" : "fr";
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: "fr",
  fallbackLng: "fr",
  interpolation: { escapeValue: false },
  returnObjects: true,
});

/** Intl locale used to format dates, numbers and money for a language. */
export function intlLocale(language: Language): string {
  return language === "fr" ? "fr-FR" : "en-GB";
}

export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/** Money is stored in minor units (cents) with its ISO currency. */
export function formatMoney(language: Language, minor: number, currency = "EUR"): string {
  return new Intl.NumberFormat(intlLocale(language), { style: "currency", currency }).format(minor / 100);
}

/** A day, written out ("mardi 15 décembre 2026"). */
export function formatDay(language: Language, day: Date): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: "full" }).format(day);
}

/** A stored UTC instant shown in the reader's time zone. */
export function formatDate(language: Language, instant: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: "long", timeStyle: "short", timeZone }).format(
    new Date(instant),
  );
}
