// Settings → MONA's catalogue: each offer with its price and its template (the tasks made
// in Planning so many days after the start, the deliverables promised, the content to
// publish). Campaigns already sold keep what they were sold with.
import { Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { AssignTo, ContentKind, Offer_Serialize as Offer, TemplateItem_Serialize as TemplateItem, TemplatePart, Tier } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useMay } from "../shared/team";
import { parseEuros, tiers, useCatalogue, useRemoveOffer, useSaveOffer } from "./campaigns";

const parts: TemplatePart[] = ["task", "deliverable", "content"];
const assignees: AssignTo[] = ["seller", "responsible", "streamers"];
const contentKinds: ContentKind[] = ["post", "short", "video", "story", "clip", "other"];

export function OfferSettings() {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const may = useMay("configure_offers");
  return (
    <section aria-labelledby="offer-settings-title" className="space-y-4">
      <div>
        <h2 id="offer-settings-title" className="font-semibold">
          {t("campaigns.settings.title")}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("campaigns.settings.lead")}</p>
        {!may ? <p className="text-sm text-zinc-500">{t("campaigns.settings.readOnly")}</p> : null}
      </div>
      {catalogue.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {describeError(t, catalogue.error)}
        </p>
      ) : null}
      {(catalogue.data ?? []).map((offer) => (
        <OfferDetails key={offer.id ?? offer.name} offer={offer} editable={may} />
      ))}
      {may ? <NewOffer /> : null}
    </section>
  );
}

/** An offer, folded; its form (a dozen fields a line) is made only once opened. */
function OfferDetails({ offer, editable }: { offer: Offer; editable: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">{offer.name}</summary>
      {open ? <OfferForm offer={offer} editable={editable} /> : null}
    </details>
  );
}

type ItemDraft = Omit<TemplateItem, "dueAfterDays"> & { days: string };

function OfferForm({ offer, editable }: { offer: Offer; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSaveOffer();
  const remove = useRemoveOffer();
  const [name, setName] = useState(offer.name);
  const [tier, setTier] = useState<Tier>(offer.tier);
  const [price, setPrice] = useState(String(offer.priceMinor / 100));
  const [minimum, setMinimum] = useState(offer.priceIsMinimum);
  const [items, setItems] = useState<ItemDraft[]>(offer.items.map((i) => ({ ...i, days: String(i.dueAfterDays) })));
  const [typing, setTyping] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(t, save.error), ...typing };
  const setItem = (index: number, change: Partial<ItemDraft>) => setItems((current) => current.map((item, i) => (i === index ? { ...item, ...change } : item)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const cents = parseEuros(price);
    if (cents === null) found.priceMinor = t("validation.not_an_amount");
    const lines = items.map((item, index) => {
      const days = Number(item.days);
      if (!Number.isInteger(days) || days < 0) found[`items.${index}.dueAfterDays`] = t("validation.not_a_whole_number");
      return { id: item.id, part: item.part, title: item.title, assignTo: item.assignTo, contentKind: item.contentKind, dueAfterDays: Number.isInteger(days) && days >= 0 ? days : 0 };
    });
    setTyping(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      { ...offer, name, tier, priceMinor: cents ?? 0, priceIsMinimum: minimum, items: lines },
      { onSuccess: () => toast.success(t("campaigns.settings.saved")), onError: (error) => (Object.keys(fieldErrorsOf(t, error)).length === 0 ? toast.error(describeError(t, error)) : undefined) },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={offer.name} className="mt-3 space-y-3">
      <div className="grid grid-cols-[1fr_9rem_7rem] gap-2">
        <TextField label={t("campaigns.settings.name")} name="offer-name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} disabled={!editable} />
        <SelectField label={t("campaigns.settings.tier")} name="offer-tier" value={tier} onChange={(e) => setTier(e.target.value as Tier)} options={tiers.map((v) => ({ value: v, label: t(`campaigns.tiers.${v}`) }))} disabled={!editable} />
        <TextField label={t("campaigns.settings.price")} name="offer-price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} error={errors.priceMinor} disabled={!editable} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={minimum} onChange={(e) => setMinimum(e.target.checked)} disabled={!editable} />
        {t("campaigns.settings.minimum")}
      </label>
      <ol className="space-y-2">
        {items.map((item, index) => (
          <li key={item.id ?? `new-${index}`} role="group" aria-label={`${t("campaigns.settings.line")} ${index + 1}`} className="grid grid-cols-[7rem_1fr_6rem_10rem_auto] items-end gap-2">
            <SelectField label={t("campaigns.settings.part")} name={`items.${index}.part`} value={item.part} onChange={(e) => setItem(index, { part: e.target.value as TemplatePart })} options={parts.map((p) => ({ value: p, label: t(`campaigns.settings.parts.${p}`) }))} disabled={!editable} />
            <TextField label={t("campaigns.settings.line")} name={`items.${index}.title`} value={item.title} onChange={(e) => setItem(index, { title: e.target.value })} error={errors[`items.${index}.title`]} disabled={!editable} />
            <TextField label={t("campaigns.settings.days")} name={`items.${index}.days`} inputMode="numeric" value={item.days} onChange={(e) => setItem(index, { days: e.target.value })} error={errors[`items.${index}.dueAfterDays`]} disabled={!editable} />
            {item.part === "content" ? (
              <SelectField label={t("campaigns.settings.kind")} name={`items.${index}.kind`} value={item.contentKind ?? "post"} onChange={(e) => setItem(index, { contentKind: e.target.value as ContentKind })} options={contentKinds.map((k) => ({ value: k, label: t(`campaigns.settings.kinds.${k}`) }))} disabled={!editable} />
            ) : item.part === "task" ? (
              <SelectField label={t("campaigns.settings.assignTo")} name={`items.${index}.assignTo`} value={item.assignTo} onChange={(e) => setItem(index, { assignTo: e.target.value as AssignTo })} options={assignees.map((a) => ({ value: a, label: t(`campaigns.settings.assignees.${a}`) }))} disabled={!editable} />
            ) : (
              <span />
            )}
            {editable ? (
              <button type="button" aria-label={t("campaigns.settings.removeLine", { number: index + 1 })} title={t("campaigns.settings.removeLine", { number: index + 1 })} onClick={() => setItems((current) => current.filter((_, i) => i !== index))} className="mb-0.5 rounded-lg p-2 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                <Trash2 aria-hidden size={14} />
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => setItems((current) => [...current, { id: null, part: "task", title: "", days: "0", assignTo: "seller", contentKind: null }])} className="rounded-lg border border-dashed border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
            {t("campaigns.settings.addLine")}
          </button>
          <button type="button" onClick={() => offer.id && remove.mutate(offer.id, { onError: (error) => toast.error(describeError(t, error)) })} className="ml-auto rounded-lg px-3 py-1.5 text-sm text-red-600 hover:bg-red-50 dark:hover:bg-red-950">
            {t("campaigns.settings.removeOffer", { name: offer.name })}
          </button>
          <button type="submit" disabled={save.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
            {t("crm.save")}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function NewOffer() {
  const { t } = useTranslation();
  const save = useSaveOffer();
  const [name, setName] = useState("");
  const errors = fieldErrorsOf(t, save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ id: null, tier: "essential_290", name, priceMinor: 29_000, currency: "EUR", priceIsMinimum: false, description: "", items: [] }, { onSuccess: () => setName("") });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("campaigns.settings.addOffer")} className="flex items-end gap-2">
      <div className="flex-1">
        <TextField label={t("campaigns.settings.newOffer")} name="new-offer" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      </div>
      <button type="submit" disabled={save.isPending} className="mb-0.5 rounded-lg bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {t("campaigns.settings.addOffer")}
      </button>
    </form>
  );
}
