// One sponsor on one screen: the people to call, the deals in progress weighted by their
// chance, every promise with its due date and its proof, and the history of exchanges.
import { isValid, parse } from "date-fns";
import { ExternalLink, Mail, Pencil, Phone, Trash2, X } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { DealStage, DeliverableKind, Opportunity_Serialize as Opportunity, SponsorDeliverable_Serialize as SponsorDeliverable } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { formatCalendarDay, formatDate, formatMoney, LOCAL_MINUTE } from "../i18n";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { parseEuros } from "./campaigns";
import { InteractionHistory } from "./InteractionHistory";
import { useRemoveOpportunity, useSaveOpportunity, useSaveSponsorDeliverable, useSetDeliverableStatus, useSponsor } from "./sponsors";

const dealStages: DealStage[] = ["lead", "proposal", "negotiation", "won", "lost"];
const deliverableKinds: DeliverableKind[] = ["mention", "segment", "post", "video", "banner", "other"];

export function SponsorCard({ sponsorId, onEdit, onDelete, onClose }: { sponsorId: string; onEdit: () => void; onDelete: (name: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sponsor = useSponsor(sponsorId);
  if (sponsor.isPending) return <p className="p-6 text-sm text-zinc-500">{t("app.loading")}</p>;
  if (sponsor.isError) return <p role="alert" className="p-6 text-red-600">{describeError(t, sponsor.error)}</p>;
  const { fields } = sponsor.data;
  return (
    <article aria-labelledby="sponsor-name" className="space-y-5 p-6">
      <header className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 id="sponsor-name" className="truncate text-xl font-semibold">
            {fields.name}
          </h2>
          <p className="text-sm text-zinc-500">
            {t(`sponsors.statuses.${fields.status}`)}
            {fields.website ? (
              <>
                {" · "}
                <a href={fields.website} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-brand-600 underline">
                  {fields.website.replace(/^https?:\/\//, "")}
                  <ExternalLink aria-hidden size={12} />
                </a>
              </>
            ) : null}
          </p>
        </div>
        <button type="button" onClick={onEdit} aria-label={t("crm.edit")} title={t("crm.edit")} className="rounded-lg p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <Pencil aria-hidden size={16} />
        </button>
        <button type="button" onClick={() => onDelete(fields.name)} aria-label={t("crm.delete")} title={t("crm.delete")} className="rounded-lg p-2 text-red-600 hover:bg-red-50 dark:hover:bg-red-950">
          <Trash2 aria-hidden size={16} />
        </button>
        <button type="button" onClick={onClose} aria-label={t("sponsors.close")} title={t("sponsors.close")} className="rounded-lg p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <X aria-hidden size={16} />
        </button>
      </header>

      <section aria-label={t("sponsors.contacts")}>
        <h3 className="mb-1 text-sm font-semibold text-zinc-500">{t("sponsors.contacts")}</h3>
        {fields.contacts.length === 0 ? <p className="text-sm text-zinc-500">{t("sponsors.noContacts")}</p> : null}
        <ul className="space-y-1">
          {fields.contacts.map((c) => (
            <li key={c.id ?? c.name} className="text-sm">
              <span className="font-medium">{c.name}</span>
              {c.role ? <span className="text-zinc-500"> · {c.role}</span> : null}
              {c.email ? (
                <a className="ml-2 inline-flex items-center gap-1 text-brand-600 underline" href={`mailto:${c.email}`}>
                  <Mail aria-hidden size={12} />
                  {c.email}
                </a>
              ) : null}
              {c.phone ? (
                <span className="ml-2 inline-flex items-center gap-1">
                  <Phone aria-hidden size={12} />
                  {c.phone}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-label={t("sponsors.deals")} className="space-y-2">
        <h3 className="text-sm font-semibold text-zinc-500">{t("sponsors.deals")}</h3>
        <p className="text-sm">{t("sponsors.dealsValue", { open: formatMoney(language, sponsor.data.openMinor), weighted: formatMoney(language, sponsor.data.weightedMinor) })}</p>
        <ul className="space-y-1">
          {sponsor.data.opportunities.map((o) => (
            <DealRow key={o.id} sponsorId={sponsorId} deal={o} />
          ))}
        </ul>
        <DealForm sponsorId={sponsorId} />
      </section>

      <section aria-label={t("sponsors.deliverables")} className="space-y-2">
        <h3 className="text-sm font-semibold text-zinc-500">{t("sponsors.deliverables")}</h3>
        <ul className="space-y-2">
          {sponsor.data.deliverables.map((d) => (
            <DeliverableRow key={d.id} deliverable={d} />
          ))}
        </ul>
        <DeliverableForm sponsorId={sponsorId} />
      </section>

      <InteractionHistory party={{ kind: "sponsor", id: sponsorId }} />
      {fields.notes ? <p className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-300">{fields.notes}</p> : null}
    </article>
  );
}

function DealRow({ sponsorId, deal }: { sponsorId: string; deal: Opportunity }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const save = useSaveOpportunity();
  const remove = useRemoveOpportunity();
  const onError = (error: unknown) => toast.error(describeError(t, error));
  const [editing, setEditing] = useState(false);
  if (editing) return <DealEditor sponsorId={sponsorId} deal={deal} onDone={() => setEditing(false)} />;
  return (
    <li className="flex items-center gap-2 rounded-lg border border-zinc-200 px-2 py-1 text-sm dark:border-zinc-800">
      <span className="flex-1">
        <span className="font-medium">{deal.fields.title}</span>
        <span className="block text-xs text-zinc-500">
          {deal.fields.amountMinor !== null ? formatMoney(language, deal.fields.amountMinor, deal.fields.currency) : t("crm.none")}
          {" · "}
          {t("sponsors.chance", { percent: deal.probability, weighted: formatMoney(language, deal.weightedMinor, deal.fields.currency) })}
          {deal.fields.expectedCloseOn ? ` · ${t("sponsors.closes", { day: formatCalendarDay(language, deal.fields.expectedCloseOn) })}` : ""}
        </span>
      </span>
      <label className="sr-only" htmlFor={`deal-stage-${deal.id}`}>
        {t("sponsors.stageOf", { title: deal.fields.title })}
      </label>
      <select
        id={`deal-stage-${deal.id}`}
        value={deal.fields.stage}
        onChange={(e) => save.mutate({ sponsorId, id: deal.id, fields: { ...deal.fields, stage: e.target.value as DealStage, probability: null } }, { onError })}
        className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        {dealStages.map((s) => (
          <option key={s} value={s}>
            {t(`sponsors.dealStages.${s}`)}
          </option>
        ))}
      </select>
      <button type="button" aria-label={t("sponsors.editDeal", { title: deal.fields.title })} title={t("sponsors.editDeal", { title: deal.fields.title })} onClick={() => setEditing(true)} className="rounded-lg p-1.5 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
        <Pencil aria-hidden size={14} />
      </button>
      <button type="button" aria-label={t("sponsors.removeDeal", { title: deal.fields.title })} title={t("sponsors.removeDeal", { title: deal.fields.title })} onClick={() => remove.mutate(deal.id, { onError })} className="rounded-lg p-1.5 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
        <Trash2 aria-hidden size={14} />
      </button>
    </li>
  );
}

/** A deal's amount, chance and close date changed in place. */
function DealEditor({ sponsorId, deal, onDone }: { sponsorId: string; deal: Opportunity; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveOpportunity();
  const [amount, setAmount] = useState(deal.fields.amountMinor === null ? "" : String(deal.fields.amountMinor / 100));
  const [chance, setChance] = useState(String(deal.probability));
  const [closeOn, setCloseOn] = useState(deal.fields.expectedCloseOn ?? "");
  const [typing, setTyping] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(t, save.error), ...typing };
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const cents = amount.trim() === "" ? null : parseEuros(amount);
    if (amount.trim() !== "" && cents === null) found.amountMinor = t("validation.not_an_amount");
    const percent = Number(chance);
    if (!Number.isInteger(percent) || percent < 0) found.probability = t("validation.not_a_whole_number");
    setTyping(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({ sponsorId, id: deal.id, fields: { ...deal.fields, amountMinor: cents, probability: percent, expectedCloseOn: closeOn || null } }, { onSuccess: onDone });
  }
  return (
    <li>
      <form onSubmit={submit} noValidate aria-label={t("sponsors.editDeal", { title: deal.fields.title })} className="grid grid-cols-[1fr_5rem_1fr] items-end gap-2 rounded-lg border border-brand-500 p-2">
        <TextField label={t("sponsors.amount")} name="deal-edit-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.amountMinor} />
        <TextField label={t("sponsors.chancePercent")} name="deal-edit-chance" inputMode="numeric" value={chance} onChange={(e) => setChance(e.target.value)} error={errors.probability} />
        <TextField label={t("sponsors.closeOn")} name="deal-edit-close" type="date" value={closeOn} onChange={(e) => setCloseOn(e.target.value)} error={errors.expectedCloseOn} />
        <div className="col-span-3 flex justify-end gap-2">
          <button type="button" onClick={onDone} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
            {t("crm.cancel")}
          </button>
          <button type="submit" disabled={save.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
            {t("crm.save")}
          </button>
        </div>
      </form>
    </li>
  );
}

function DealForm({ sponsorId }: { sponsorId: string }) {
  const { t } = useTranslation();
  const save = useSaveOpportunity();
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState("");
  const [closeOn, setCloseOn] = useState("");
  const [typing, setTyping] = useState<string | null>(null);
  const errors = fieldErrorsOf(t, save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    const cents = amount.trim() === "" ? null : parseEuros(amount);
    if (amount.trim() !== "" && cents === null) {
      setTyping(t("validation.not_an_amount"));
      return;
    }
    setTyping(null);
    save.mutate(
      { sponsorId, id: null, fields: { title, stage: "lead", amountMinor: cents, currency: "EUR", probability: null, expectedCloseOn: closeOn || null, ownerId: null, notes: "" } },
      {
        onSuccess: () => {
          setTitle("");
          setAmount("");
          setCloseOn("");
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("sponsors.addDeal")} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
      <div className="col-span-3">
        <TextField label={t("sponsors.dealTitle")} name="deal-title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      </div>
      <TextField label={t("sponsors.amount")} name="deal-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={typing ?? errors.amountMinor} />
      <TextField label={t("sponsors.closeOn")} name="deal-close" type="date" value={closeOn} onChange={(e) => setCloseOn(e.target.value)} error={errors.expectedCloseOn} />
      <button type="submit" disabled={save.isPending} className="mb-0.5 rounded-lg border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">
        {t("sponsors.add")}
      </button>
    </form>
  );
}

function DeliverableRow({ deliverable }: { deliverable: SponsorDeliverable }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const setStatus = useSetDeliverableStatus();
  const [proof, setProof] = useState(deliverable.proof.url ?? "");
  const errors = fieldErrorsOf(t, setStatus.error);
  const delivered = deliverable.status === "delivered" || deliverable.status === "approved";
  return (
    <li className="space-y-1 rounded-lg border border-zinc-200 p-2 text-sm dark:border-zinc-800">
      <div className="flex items-baseline justify-between gap-2">
        <span className={`font-medium ${delivered ? "line-through" : ""}`}>{deliverable.fields.title}</span>
        <span className="text-xs text-zinc-500">{t(`sponsors.deliverableKinds.${deliverable.fields.kind}`)}</span>
      </div>
      <p className="text-xs">
        {deliverable.overdue ? <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-700 dark:bg-red-900/40 dark:text-red-200">{t("sponsors.late")}</span> : null}
        {deliverable.fields.dueAt ? <span className="text-zinc-500">{t("sponsors.due", { when: formatDate(language, deliverable.fields.dueAt) })}</span> : null}
        {" · "}
        {t(`sponsors.deliverableStatuses.${deliverable.status}`)}
      </p>
      {delivered ? (
        deliverable.proof.url ? (
          <a href={deliverable.proof.url} target="_blank" rel="noreferrer" className="text-xs text-brand-600 underline">
            {t("sponsors.proofLink")}
          </a>
        ) : null
      ) : (
        <form
          noValidate
          aria-label={t("sponsors.deliver", { title: deliverable.fields.title })}
          onSubmit={(e) => {
            e.preventDefault();
            setStatus.mutate({ id: deliverable.id, status: "delivered", proof: { url: proof || null, assetId: null, offsetMs: null } }, { onSuccess: () => toast.success(t("sponsors.delivered", { title: deliverable.fields.title })) });
          }}
          className="flex items-end gap-2"
        >
          <div className="flex-1">
            <TextField label={t("sponsors.proof")} name={`proof-${deliverable.id}`} type="url" placeholder="https://" value={proof} onChange={(e) => setProof(e.target.value)} error={errors.proofUrl} />
          </div>
          <button type="submit" className="mb-0.5 rounded-lg bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("sponsors.markDelivered")}
          </button>
        </form>
      )}
    </li>
  );
}

function DeliverableForm({ sponsorId }: { sponsorId: string }) {
  const { t } = useTranslation();
  const save = useSaveSponsorDeliverable();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<DeliverableKind>("mention");
  const [due, setDue] = useState("");
  const errors = fieldErrorsOf(t, save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    const typed = due ? parse(due, LOCAL_MINUTE, new Date()) : null;
    save.mutate(
      { sponsorId, id: null, fields: { title, kind, dueAt: typed && isValid(typed) ? typed.toISOString() : due || null, opportunityId: null, eventId: null } },
      {
        onSuccess: () => {
          setTitle("");
          setDue("");
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("sponsors.addDeliverable")} className="grid grid-cols-[8rem_1fr_auto] items-end gap-2">
      <div className="col-span-3">
        <TextField label={t("sponsors.deliverableTitle")} name="deliverable-title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      </div>
      <SelectField label={t("sponsors.kind")} name="deliverable-kind" value={kind} onChange={(e) => setKind(e.target.value as DeliverableKind)} options={deliverableKinds.map((k) => ({ value: k, label: t(`sponsors.deliverableKinds.${k}`) }))} />
      <TextField label={t("sponsors.dueAt")} name="deliverable-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} error={errors.dueAt} />
      <button type="submit" disabled={save.isPending} className="mb-0.5 rounded-lg border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">
        {t("sponsors.add")}
      </button>
    </form>
  );
}
