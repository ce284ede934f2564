// The Conflicts view: every value a concurrent edit overwrote, both sides
// with who and when, restored in one click.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Conflict } from "../bindings";
import { formatDate } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useConflicts, useResolveConflict } from "../shared/sync";

export function ConflictsList() {
  const { t } = useTranslation();
  const conflicts = useConflicts();
  return (
    <section aria-labelledby="conflicts-title" className="space-y-3" id="conflicts">
      <div>
        <h2 id="conflicts-title" className="font-semibold">{t("conflicts.title")}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("conflicts.lead")}</p>
      </div>
      {conflicts.data?.length === 0 ? <p className="text-sm text-zinc-500">{t("conflicts.empty")}</p> : null}
      <ul className="space-y-3">
        {conflicts.data?.map((conflict) => <ConflictItem key={conflict.id} conflict={conflict} />)}
      </ul>
    </section>
  );
}

/** Columns the app keeps for itself: never what a person typed. */
const BOOKKEEPING = new Set(["id", "created_at", "updated_at", "deleted_at", "sort_key", "score"]);

/** A stored JSON value as a person reads it; a record's values are named by their form labels. */
function shown(json: string | null | undefined, empty: string, field: (column: string, value: string) => string): string {
  if (json === null || json === undefined) return empty;
  try {
    const value: unknown = JSON.parse(json);
    if (value === null || value === "") return empty;
    if (typeof value === "object") {
      return Object.entries(value as Record<string, unknown>)
        .filter(([k, v]) => !BOOKKEEPING.has(k) && v !== null && v !== "")
        .map(([k, v]) => field(k, String(v)))
        .join(" · ");
    }
    return String(value);
  } catch {
    return json;
  }
}

/** A field's name as the record's form shows it (`legal_name` → "Nom légal"). */
function columnLabel(t: TFunction, table: string, column: string): string {
  if (table !== "artists") return column;
  const camel = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return t(`crm.fields.${camel}` as "crm.fields.name", { defaultValue: column });
}

function fieldLabel(t: TFunction, conflict: Conflict): string {
  if (conflict.column === null || conflict.column === undefined) return t("conflicts.wholeRecord");
  return columnLabel(t, conflict.table, conflict.column);
}

function ConflictItem({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const resolve = useResolveConflict();
  const empty = t("conflicts.empty_value");
  const label = (column: string, value: string) => t("conflicts.fieldValue", { field: columnLabel(t, conflict.table, column), value });
  const when = (instant: string | null | undefined) => (instant ? formatDate(language, instant) : "");
  const wholeRecord = conflict.column === null;
  async function act(restore: boolean) {
    try {
      await resolve.mutateAsync({ id: conflict.id, restore });
      toast.success(t(restore ? "conflicts.restored" : "conflicts.dismissed"));
    } catch (error) {
      toast.error(describeError(t, error));
    }
  }
  return (
    <li className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800" aria-label={`${conflict.record ?? conflict.rowId} — ${fieldLabel(t, conflict)}`}>
      <p className="font-medium">
        {conflict.record ?? conflict.rowId} · {fieldLabel(t, conflict)}
      </p>
      <p className="text-xs text-zinc-500">{t(`conflicts.kind.${conflict.kind as "update_update"}`)}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-zinc-500">{t("conflicts.lost")}</dt>
        <dd>
          <span className="font-medium">{shown(conflict.lostValue, empty, label)}</span>{" "}
          <span className="text-xs text-zinc-500">{t("conflicts.by", { who: conflict.lostBy, when: when(conflict.lostAt) })}</span>
        </dd>
        <dt className="text-zinc-500">{t("conflicts.kept")}</dt>
        <dd>
          <span className="font-medium">{shown(conflict.keptValue, empty, label)}</span>{" "}
          <span className="text-xs text-zinc-500">{t("conflicts.by", { who: conflict.keptBy ?? "", when: when(conflict.keptAt) })}</span>
        </dd>
      </dl>
      <div className="mt-3 flex gap-2">
        <button type="button" disabled={resolve.isPending} onClick={() => void act(true)} className="rounded-lg bg-brand-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
          {wholeRecord ? t("conflicts.restoreRecord") : t("conflicts.restore")}
        </button>
        <button type="button" disabled={resolve.isPending} onClick={() => void act(false)} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-xs font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
          {t("conflicts.dismiss")}
        </button>
      </div>
    </li>
  );
}
