// The history of exchanges with an artist or a sponsor, newest first, with
// a quick log at the top: a call is two fields and Enter away.
import { format } from "date-fns";
import { ArrowDownLeft, ArrowUpRight, Trash2 } from "lucide-react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Direction, InteractionKind, Interaction_Serialize as Interaction, Party } from "../bindings";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { formatDate, LOCAL_MINUTE } from "../i18n";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMembers } from "../shared/team";
import { useRemoveWithUndo } from "../shared/undo";
import { useDeleteInteraction, useLogInteraction, useRestoreInteraction, useTimeline } from "./queries";

export const interactionKinds: InteractionKind[] = ["call", "email", "message", "meeting", "note", "live", "other"];
const directions: Direction[] = ["outbound", "inbound", "none"];

export function InteractionHistory({ party, focusLog = false }: { party: Party; focusLog?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeline = useTimeline(party);
  const members = useMembers().data ?? [];
  const removeWithUndo = useRemoveWithUndo(useDeleteInteraction(), useRestoreInteraction());
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  function removeItem(item: Interaction) {
    removeWithUndo(item.id, { removed: t("crm.history.removed") });
  }

  return (
    <section aria-label={t("crm.history.title")} className="space-y-3">
      <h3 className="text-sm font-semibold text-zinc-500">{t("crm.history.title")}</h3>
      <QuickLog party={party} focus={focusLog} />
      {timeline.isError ? <p role="alert" className="text-sm text-red-600">{describeError(t, timeline.error)}</p> : null}
      {timeline.isSuccess && items.length === 0 ? <p className="text-sm text-zinc-500">{t("crm.history.empty")}</p> : null}
      <ol className="space-y-2">
        {items.map((item) => {
          const author = members.find((m) => m.id === item.authorId)?.name;
          return (
            <li key={item.id} className="group rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
              <div className="flex items-center gap-2 text-xs text-zinc-500">
                {item.fields.direction === "outbound" ? <ArrowUpRight aria-hidden size={12} /> : null}
                {item.fields.direction === "inbound" ? <ArrowDownLeft aria-hidden size={12} /> : null}
                <span className="font-medium text-zinc-700 dark:text-zinc-200">{t(`crm.history.kinds.${item.fields.kind}`)}</span>
                {item.fields.direction !== "none" ? <span>{t(`crm.history.directions.${item.fields.direction}`)}</span> : null}
                <time dateTime={item.fields.occurredAt}>{formatDate(language, item.fields.occurredAt)}</time>
                {author ? <span>· {author}</span> : null}
                <button
                  type="button"
                  onClick={() => removeItem(item)}
                  aria-label={t("crm.history.remove")}
                  title={t("crm.history.remove")}
                  className="ml-auto rounded p-1 opacity-60 hover:bg-zinc-100 hover:opacity-100 focus:opacity-100 dark:hover:bg-zinc-800"
                >
                  <Trash2 aria-hidden size={12} />
                </button>
              </div>
              <p className="mt-1 whitespace-pre-wrap">{item.fields.summary}</p>
            </li>
          );
        })}
      </ol>
      {timeline.hasNextPage ? (
        <button type="button" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage} className="text-sm text-brand-600 underline">
          {t("crm.history.older")}
        </button>
      ) : null}
    </section>
  );
}

function QuickLog({ party, focus }: { party: Party; focus: boolean }) {
  const { t } = useTranslation();
  const summaryField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focus) return;
    // A frame later: the palette closing gives the focus back first.
    const frame = requestAnimationFrame(() => {
      summaryField.current?.focus();
      summaryField.current?.scrollIntoView({ block: "center" });
    });
    return () => cancelAnimationFrame(frame);
  }, [focus]);
  const log = useLogInteraction();
  const [kind, setKind] = useState<InteractionKind>("call");
  const [direction, setDirection] = useState<Direction>("outbound");
  const [summary, setSummary] = useState("");
  const [when, setWhen] = useState(() => format(new Date(), LOCAL_MINUTE));
  const errors = fieldErrorsOf(t, log.error);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const at = new Date(when);
    log.mutate(
      { party, kind, direction, summary, occurredAt: Number.isNaN(at.getTime()) ? when : at.toISOString() },
      {
        onSuccess: () => {
          setSummary("");
          setWhen(format(new Date(), LOCAL_MINUTE));
          toast.success(t("crm.history.logged"));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} aria-label={t("crm.history.log")} noValidate className="space-y-2 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900">
      <div className="grid grid-cols-2 gap-2">
        <SelectField label={t("crm.history.kind")} value={kind} onChange={(e) => setKind(e.target.value as InteractionKind)} options={interactionKinds.map((k) => ({ value: k, label: t(`crm.history.kinds.${k}`) }))} name="interaction-kind" />
        <SelectField label={t("crm.history.direction")} value={direction} onChange={(e) => setDirection(e.target.value as Direction)} options={directions.map((d) => ({ value: d, label: t(`crm.history.directions.${d}`) }))} name="interaction-direction" />
      </div>
      <TextField type="datetime-local" label={t("crm.history.when")} value={when} onChange={(e) => setWhen(e.target.value)} error={errors.occurredAt} name="interaction-when" />
      <TextAreaField
        ref={summaryField}
        label={t("crm.history.summary")}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
        }}
        error={errors.summary}
        rows={2}
        name="interaction-summary"
      />
      {log.error && Object.keys(errors).length === 0 ? <p role="alert" className="text-sm text-red-600">{describeError(t, log.error)}</p> : null}
      <div className="flex justify-end">
        <button type="submit" disabled={log.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("crm.history.add")}
        </button>
      </div>
    </form>
  );
}
