// Settings → Artist score: what the score counts and how much. Each
// criterion is a small form: its weight (a share of 100), its thresholds in
// its own unit, MONA's genres; the team adds criteria it rates by hand.
// Saving recomputes every score (in the core) and the lists follow.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Criterion_Serialize as Criterion, CriterionKind } from "../bindings";
import { TextField } from "../components/Field";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useMay } from "../shared/team";
import { useRemoveCriterion, useSaveCriterion, useScoreCriteria } from "./queries";

/** How a kind's thresholds are typed: which exist, their unit, and the factor from typed to stored. */
type Unit = "followers" | "percent" | "days" | null;
/** The kinds that have an upper threshold, each with its own wording. */
type WithHigh = "audience" | "engagement" | "growth_30" | "growth_90" | "responsiveness";
const thresholds: Record<CriterionKind, { low: boolean; high: boolean; unit: Unit; scale: number }> = {
  audience: { low: true, high: true, unit: "followers", scale: 1 },
  engagement: { low: true, high: true, unit: "percent", scale: 100 },
  growth_30: { low: false, high: true, unit: "percent", scale: 1 },
  growth_90: { low: false, high: true, unit: "percent", scale: 1 },
  responsiveness: { low: false, high: true, unit: "days", scale: 1 },
  genre_fit: { low: false, high: false, unit: null, scale: 1 },
  reliability: { low: false, high: false, unit: null, scale: 1 },
  manual: { low: false, high: false, unit: null, scale: 1 },
};

export function ScoreSettings() {
  const { t } = useTranslation();
  const criteria = useScoreCriteria();
  const may = useMay("configure_score");
  const total = (criteria.data ?? []).reduce((sum, c) => sum + c.weight, 0);
  return (
    <section aria-labelledby="score-settings-title" className="space-y-4">
      <div>
        <h2 id="score-settings-title" className="font-semibold">{t("scoreSettings.title")}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("scoreSettings.lead", { total })}</p>
      </div>
      {criteria.isError ? <p role="alert" className="text-sm text-red-600">{describeError(t, criteria.error)}</p> : null}
      <ul className="space-y-3">
        {(criteria.data ?? []).map((criterion) => (
          <li key={criterion.id ?? criterion.kind}>
            <CriterionForm criterion={criterion} editable={may} />
          </li>
        ))}
      </ul>
      {may ? <NewManualCriterion /> : null}
    </section>
  );
}

/** The typed text of a stored threshold. */
const typed = (value: number | null, scale: number) => (value === null ? "" : String(value / scale));

function CriterionForm({ criterion, editable }: { criterion: Criterion; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSaveCriterion();
  const remove = useRemoveCriterion();
  const shape = thresholds[criterion.kind];
  const [weight, setWeight] = useState(String(criterion.weight));
  const [low, setLow] = useState(typed(criterion.low, shape.scale));
  const [high, setHigh] = useState(typed(criterion.high, shape.scale));
  const [genres, setGenres] = useState(criterion.genres.join(", "));
  const [typing, setTyping] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(t, save.error), ...typing };
  const name = criterion.kind === "manual" ? (criterion.label ?? "") : t(`crm.score.kinds.${criterion.kind}`);

  function number(text: string, field: string, found: Record<string, string>): number | null {
    const value = Number(text.trim().replace(",", "."));
    if (text.trim() === "") return null;
    if (!Number.isFinite(value) || value < 0) {
      found[field] = t("validation.not_a_whole_number");
      return null;
    }
    return Math.round(value * (field === "weight" ? 1 : shape.scale));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const fields = {
      ...criterion,
      weight: number(weight, "weight", found) ?? 0,
      low: shape.low ? number(low, "low", found) : null,
      high: shape.high ? number(high, "high", found) : null,
      genres: criterion.kind === "genre_fit" ? genres.split(",").map((g) => g.trim()).filter(Boolean) : [],
    };
    setTyping(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(fields, { onSuccess: () => toast.success(t("scoreSettings.saved", { name })) });
  }

  const unit = shape.unit ? t(`scoreSettings.units.${shape.unit}`) : "";
  return (
    <form onSubmit={submit} aria-label={name} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <fieldset disabled={!editable} className="grid grid-cols-[1fr_6rem] items-end gap-3">
        <div>
          <p className="font-medium">{name}</p>
          <p className="text-xs text-zinc-500">{t(`scoreSettings.explain.${criterion.kind}`)}</p>
        </div>
        <TextField label={t("scoreSettings.weight")} inputMode="numeric" value={weight} onChange={(e) => setWeight(e.target.value)} error={errors.weight} name="weight" />
        {shape.low ? (
          <TextField label={t("scoreSettings.low", { unit })} inputMode="decimal" value={low} onChange={(e) => setLow(e.target.value)} error={errors.low} name="low" />
        ) : null}
        {shape.high ? (
          <TextField label={t(`scoreSettings.high.${criterion.kind as WithHigh}`, { unit })} inputMode="decimal" value={high} onChange={(e) => setHigh(e.target.value)} error={errors.high} name="high" />
        ) : null}
        {criterion.kind === "genre_fit" ? (
          <div className="col-span-2">
            <TextField label={t("scoreSettings.genres")} hint={t("crm.fields.genresHint")} value={genres} onChange={(e) => setGenres(e.target.value)} error={errors.genres} name="genres" />
          </div>
        ) : null}
        {editable ? (
          <div className="col-span-2 flex justify-end gap-2">
            {criterion.kind === "manual" && criterion.id ? (
              <button
                type="button"
                onClick={() => remove.mutate(criterion.id ?? "", { onError: (error) => toast.error(describeError(t, error)) })}
                className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm text-red-600 dark:border-zinc-700"
              >
                {t("scoreSettings.remove")}
              </button>
            ) : null}
            <button type="submit" disabled={save.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
              {t("scoreSettings.save")}
            </button>
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}

function NewManualCriterion() {
  const { t } = useTranslation();
  const save = useSaveCriterion();
  const [label, setLabel] = useState("");
  const [weight, setWeight] = useState("10");
  const errors = fieldErrorsOf(t, save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(weight);
    save.mutate(
      { id: null, kind: "manual", label, weight: Number.isFinite(value) ? Math.round(value) : 0, low: null, high: null, genres: [] },
      {
        onSuccess: () => {
          toast.success(t("scoreSettings.added", { name: label.trim() }));
          setLabel("");
        },
      },
    );
  }
  return (
    <form onSubmit={submit} aria-label={t("scoreSettings.addManual")} className="grid grid-cols-[1fr_6rem_auto] items-end gap-3">
      <TextField label={t("scoreSettings.manualLabel")} value={label} onChange={(e) => setLabel(e.target.value)} error={errors.label} name="manual-label" />
      <TextField label={t("scoreSettings.weight")} inputMode="numeric" value={weight} onChange={(e) => setWeight(e.target.value)} error={errors.weight} name="manual-weight" />
      <button type="submit" disabled={save.isPending} className="rounded-lg border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">
        {t("scoreSettings.addManual")}
      </button>
    </form>
  );
}
