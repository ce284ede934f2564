import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr } from "./fr";
import { formatMoney, formatNumber, languageForLocale } from "./index";

function leaves(value: unknown, path = ""): [string, unknown][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return [[path, value.length]];
  return Object.entries(value as object).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe("translations", () => {
  it("English has every French message and no empty one", () => {
    const frKeys = leaves(fr).map(([k]) => k);
    const enLeaves = new Map(leaves(en));
    expect([...enLeaves.keys()].sort()).toEqual([...frKeys].sort());
    for (const [key, value] of enLeaves) expect(value, key).not.toBe("");
    for (const [key, value] of leaves(fr)) expect(value, key).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (text: unknown) => String(text).match(/{{\w+}}/g)?.sort() ?? [];
    const enLeaves = new Map(leaves(en));
    for (const [key, value] of leaves(fr)) expect(placeholders(enLeaves.get(key)), key).toEqual(placeholders(value));
  });

  it("picks French for any French locale and English otherwise", () => {
    expect(languageForLocale("fr-CA")).toBe("fr");
    expect(languageForLocale("fr")).toBe("fr");
    expect(languageForLocale("en-US")).toBe("en");
    expect(languageForLocale("de-DE")).toBe("en");
  });

  it("formats numbers and euros the French and the English way", () => {
    expect(formatNumber("fr", 1234567)).toBe("1\u202f234\u202f567");
    expect(formatNumber("en", 1234567)).toBe("1,234,567");
    expect(formatMoney("fr", 49000)).toBe("490,00\u00a0€");
    expect(formatMoney("en", 29000)).toBe("€290.00");
  });
});
