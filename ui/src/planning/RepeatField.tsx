// How a task or an event repeats: never, every day, every week on chosen
// days, every month, or a rule of one's own (RFC 5545, as calendars export
// it). The value is the rule the core checks and expands.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/Field";

type Mode = "none" | "daily" | "weekly" | "monthly" | "custom";
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** The day of `date` as a rule names it. */
const dayOf = (date: Date) => DAYS[(date.getDay() + 6) % 7]!;

function modeOf(rule: string | null): { mode: Mode; days: string[] } {
  if (!rule) return { mode: "none", days: [] };
  if (rule === "FREQ=DAILY") return { mode: "daily", days: [] };
  if (rule === "FREQ=MONTHLY") return { mode: "monthly", days: [] };
  const weekly = /^FREQ=WEEKLY(?:;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*))?$/.exec(rule);
  if (weekly) return { mode: "weekly", days: weekly[1]?.split(",") ?? [] };
  return { mode: "custom", days: [] };
}

export function RepeatField({ value, onChange, start, error, name }: { value: string | null; onChange: (rule: string | null) => void; start: Date; error?: string; name: string }) {
  const { t } = useTranslation();
  const initial = modeOf(value);
  const [mode, setMode] = useState<Mode>(initial.mode);
  // Until days are ticked by hand, a weekly repeat follows the start's day.
  const [chosenDays, setChosenDays] = useState<string[] | null>(initial.days.length > 0 ? initial.days : null);
  const startDay = dayOf(start);
  const days = chosenDays ?? [startDay];
  const [custom, setCustom] = useState(initial.mode === "custom" ? (value ?? "") : "");
  const weekly = (chosen: string[]) => (chosen.length > 0 ? `FREQ=WEEKLY;BYDAY=${DAYS.filter((d) => chosen.includes(d)).join(",")}` : "FREQ=WEEKLY");
  useEffect(() => {
    if (mode === "weekly" && chosenDays === null) onChange(`FREQ=WEEKLY;BYDAY=${startDay}`);
    // Only the start's day matters here; `onChange` is the owner's setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startDay]);
  function choose(next: Mode) {
    setMode(next);
    onChange({ none: null, daily: "FREQ=DAILY", weekly: weekly(days), monthly: "FREQ=MONTHLY", custom: custom.trim() || null }[next]);
  }
  return (
    <div className="space-y-2">
      <SelectField
        label={t("calendar.repeat")}
        name={name}
        value={mode}
        onChange={(e) => choose(e.target.value as Mode)}
        error={mode === "custom" ? undefined : error}
        options={[
          { value: "none", label: t("calendar.repeatNone") },
          { value: "daily", label: t("calendar.repeatDaily") },
          { value: "weekly", label: t("calendar.repeatWeekly") },
          { value: "monthly", label: t("calendar.repeatMonthly") },
          { value: "custom", label: t("repeat.custom") },
        ]}
      />
      {mode === "weekly" ? (
        <fieldset>
          <legend className="sr-only">{t("repeat.days")}</legend>
          <div className="flex flex-wrap gap-1">
            {DAYS.map((day) => (
              <label key={day} className="flex items-center gap-1 rounded border border-zinc-300 px-1.5 py-0.5 text-xs dark:border-zinc-700">
                <input
                  type="checkbox"
                  checked={days.includes(day)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...days, day] : days.filter((d) => d !== day);
                    setChosenDays(next);
                    onChange(weekly(next));
                  }}
                />
                {t(`repeat.day.${day}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {mode === "custom" ? (
        <TextField
          label={t("repeat.rule")}
          name={`${name}-rule`}
          value={custom}
          placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
          hint={t("repeat.ruleHint")}
          error={error}
          onChange={(e) => {
            setCustom(e.target.value);
            onChange(e.target.value.trim() || null);
          }}
        />
      ) : null}
    </div>
  );
}
