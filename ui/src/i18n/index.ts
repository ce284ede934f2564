// Translations and locale-aware formatting. French first, English too.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { fr, type Messages } from "./fr";

export type Language = "fr" | "en";

/**
 * French, the reference, ships with the first screen; English loads when it
 * is the language in effect (before the first render when it is at start).
 */
const messages: Record<Language, () => Promise<Messages>> = {
  fr: async () => fr,
  en: () => import("./en").then((m) => m.en),
};

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
  resources: { fr: { translation: fr } },
  lng: "fr",
  fallbackLng: "fr",
  interpolation: { escapeValue: false },
  returnObjects: true,
  // French ships in this chunk: ready as this module is evaluated, instead
  // of in a later task that the first render would have to wait for or redo.
  initAsync: false,
});

/** Makes `language` the one in effect, its messages loaded first. */
export async function switchLanguage(language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, "translation")) {
    i18n.addResourceBundle(language, "translation", await messages[language]());
  }
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

/** Intl locale used to format dates, numbers and money for a language. */
export function intlLocale(language: Language): string {
  return language === "fr" ? "fr-FR" : "en-GB";
}

/** The reader's IANA time zone ("Europe/Paris"), as the operating system says. */
export function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// Making an Intl formatter costs far more than formatting with one (WebKit
// builds its ICU formatter each time): a list of 30 rows made 90 of them per
// frame while scrolling. Each formatter is made once per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function madeOnce<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = formatters.get(key) as F | undefined;
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format;
}

/** The number formatter of a language with these options, made once. */
export function numberFormat(language: Language, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return madeOnce(`number|${language}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(intlLocale(language), options));
}

/** The date formatter of a language with these options, made once. */
export function dateTimeFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return madeOnce(`date|${language}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(intlLocale(language), options));
}

export function formatNumber(language: Language, value: number): string {
  return numberFormat(language).format(value);
}

/** A file's size in the unit a person reads it in: bytes, kB, MB, then GB. */
export function formatFileSize(language: Language, bytes: number): string {
  if (bytes < 1000) return numberFormat(language, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
  const [value, unit] =
    bytes < 1_000_000 ? [bytes / 1000, "kilobyte"] : bytes < 1_000_000_000 ? [bytes / 1_000_000, "megabyte"] : [bytes / 1_000_000_000, "gigabyte"];
  return numberFormat(language, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}

/** Money is stored in minor units (cents) with its ISO currency. */
export function formatMoney(language: Language, minor: number, currency = "EUR"): string {
  return numberFormat(language, { style: "currency", currency }).format(minor / 100);
}

/** A day, written out ("mardi 15 décembre 2026"). */
export function formatDay(language: Language, day: Date): string {
  return dateTimeFormat(language, { dateStyle: "full" }).format(day);
}

/** A calendar day stored as `YYYY-MM-DD` ("2 déc. 2026"), the same day in every time zone. */
export function formatCalendarDay(language: Language, day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return dateTimeFormat(language, { dateStyle: "medium" }).format(new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1));
}

/** The value shapes of `<input type="datetime-local">` and `<input type="date">`, for date-fns. */
export const LOCAL_MINUTE = "yyyy-MM-dd'T'HH:mm";
export const LOCAL_DAY = "yyyy-MM-dd";

/** The day of a stored UTC instant in the reader's time zone ("2 déc. 2026"): a list's date column. */
export function formatInstantDay(language: Language, instant: string): string {
  return dateTimeFormat(language, { dateStyle: "medium" }).format(new Date(instant));
}

/** A stored UTC instant shown in the reader's time zone. */
export function formatDate(language: Language, instant: string, timeZone?: string): string {
  return dateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone }).format(
    new Date(instant),
  );
}
