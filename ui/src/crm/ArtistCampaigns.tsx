// The artist's MONA campaigns on the card: what was sold, where it stands, whether it is
// paid, what was promised and proved; and "sell a campaign", which fills Planning.
import * as Dialog from "@radix-ui/react-dialog";
import { format } from "date-fns";
import { Megaphone } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Campaign_Serialize as Campaign, CampaignStatus, PaymentStatus } from "../bindings";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { formatCalendarDay, formatMoney, LOCAL_DAY } from "../i18n";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { campaignStatuses, parseEuros, paymentStatuses, useArtistCampaigns, useCatalogue, useDeliver, useSellCampaign, useSetCampaignPayment, useSetCampaignStatus } from "./campaigns";

export function ArtistCampaigns({ artistId, artistName }: { artistId: string; artistName: string }) {
  const { t } = useTranslation();
  const campaigns = useArtistCampaigns(artistId);
  const [selling, setSelling] = useState(false);
  return (
    <section aria-label={t("campaigns.title")} className="space-y-3">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-zinc-500">{t("campaigns.title")}</h3>
        <button type="button" onClick={() => setSelling(true)} className="inline-flex items-center gap-1 rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          <Megaphone aria-hidden size={14} />
          {t("campaigns.sell")}
        </button>
      </div>
      {campaigns.data?.length === 0 ? <p className="text-sm text-zinc-500">{t("campaigns.none")}</p> : null}
      <ul className="space-y-2">
        {(campaigns.data ?? []).map((campaign) => (
          <li key={campaign.id}>
            <CampaignItem campaign={campaign} />
          </li>
        ))}
      </ul>
      {selling ? <SellDialog artistId={artistId} artistName={artistName} onClose={() => setSelling(false)} /> : null}
    </section>
  );
}

function CampaignItem({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const setStatus = useSetCampaignStatus();
  const setPayment = useSetCampaignPayment();
  const onError = (error: unknown) => toast.error(describeError(t, error));
  return (
    <article aria-label={campaign.offerName} className="space-y-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      <header className="flex items-baseline justify-between gap-2">
        <h4 className="font-medium">{campaign.offerName}</h4>
        <span className="tabular-nums">{formatMoney(language, campaign.priceMinor, campaign.currency)}</span>
      </header>
      <p className="text-xs text-zinc-500">
        {campaign.startsOn && campaign.endsOn ? t("campaigns.dates", { from: formatCalendarDay(language, campaign.startsOn), to: formatCalendarDay(language, campaign.endsOn) }) : null}
        {" · "}
        {t("campaigns.tasks", { open: campaign.openTasks, count: campaign.tasks })}
      </p>
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          label={t("campaigns.status")}
          name="campaign-status"
          value={campaign.status}
          onChange={(e) => setStatus.mutate({ id: campaign.id, status: e.target.value as CampaignStatus }, { onError })}
          options={campaignStatuses.map((s) => ({ value: s, label: t(`campaigns.statuses.${s}`) }))}
        />
        <SelectField
          label={t("campaigns.payment")}
          name="campaign-payment"
          value={campaign.paymentStatus}
          onChange={(e) => setPayment.mutate({ id: campaign.id, payment: e.target.value as PaymentStatus }, { onError })}
          options={paymentStatuses.map((s) => ({ value: s, label: t(`campaigns.payments.${s}`) }))}
        />
      </div>
      {campaign.deliverables.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm">
            {t("campaigns.deliverables", { done: campaign.deliverables.filter((d) => d.delivered).length, count: campaign.deliverables.length })}
          </summary>
          <ul className="mt-2 space-y-2">
            {campaign.deliverables.map((d) => (
              <DeliverableRow key={d.id} deliverable={d} />
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}

function DeliverableRow({ deliverable }: { deliverable: Campaign["deliverables"][number] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const deliver = useDeliver();
  const [proof, setProof] = useState(deliverable.proofUrl ?? "");
  const errors = fieldErrorsOf(t, deliver.error);
  return (
    <li className="space-y-1 text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={deliverable.delivered}
          onChange={(e) => deliver.mutate({ id: deliverable.id, delivered: e.target.checked, proofUrl: proof.trim() || null })}
        />
        <span className={deliverable.delivered ? "line-through" : ""}>{deliverable.title}</span>
        {deliverable.dueOn ? <span className="text-xs text-zinc-500">{formatCalendarDay(language, deliverable.dueOn)}</span> : null}
      </label>
      <TextField
        label={t("campaigns.proof")}
        name={`proof-${deliverable.id}`}
        type="url"
        value={proof}
        placeholder="https://"
        onChange={(e) => setProof(e.target.value)}
        onBlur={() => (deliverable.delivered && proof !== (deliverable.proofUrl ?? "") ? deliver.mutate({ id: deliverable.id, delivered: true, proofUrl: proof.trim() || null }) : undefined)}
        error={errors.proofUrl}
      />
    </li>
  );
}

function SellDialog({ artistId, artistName, onClose }: { artistId: string; artistName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const catalogue = useCatalogue().data ?? [];
  const sell = useSellCampaign();
  const [offerId, setOfferId] = useState("");
  const offer = catalogue.find((o) => o.id === offerId) ?? catalogue[0];
  const [price, setPrice] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState(() => format(new Date(), LOCAL_DAY));
  const [notes, setNotes] = useState("");
  const [typing, setTyping] = useState<string | null>(null);
  const errors = fieldErrorsOf(t, sell.error);
  const shownPrice = price ?? (offer ? String(offer.priceMinor / 100) : "");
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!offer?.id) return;
    const cents = parseEuros(shownPrice);
    if (cents === null) {
      setTyping(t("validation.not_an_amount"));
      return;
    }
    setTyping(null);
    sell.mutate(
      { artistId, offerId: offer.id, priceMinor: cents, startsOn, notes },
      {
        onSuccess: (campaign) => {
          toast.success(t("campaigns.sold", { offer: campaign.offerName, name: artistName, count: campaign.tasks }));
          onClose();
        },
        onError: (error) => (Object.keys(fieldErrorsOf(t, error)).length === 0 ? toast.error(describeError(t, error)) : undefined),
      },
    );
  }
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/30" />
        <Dialog.Content className="fixed top-[15%] left-1/2 z-50 w-[min(480px,92vw)] -translate-x-1/2 rounded-xl bg-white p-6 shadow-2xl dark:bg-zinc-900">
          <Dialog.Title className="text-lg font-semibold">{t("campaigns.sellTitle", { name: artistName })}</Dialog.Title>
          <Dialog.Description className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-300">{t("campaigns.sellLead")}</Dialog.Description>
          <form onSubmit={submit} noValidate className="space-y-3">
            <SelectField
              label={t("campaigns.offer")}
              name="sale-offer"
              value={offer?.id ?? ""}
              onChange={(e) => {
                setOfferId(e.target.value);
                setPrice(null);
              }}
              error={errors.offerId}
              options={catalogue.map((o) => ({
                value: o.id ?? "",
                label: `${o.name} — ${formatMoney(language, o.priceMinor, o.currency)}${o.priceIsMinimum ? "+" : ""}`,
              }))}
            />
            {offer ? (
              <p className="text-xs text-zinc-500">
                {t("campaigns.template", {
                  tasks: offer.items.filter((i) => i.part === "task").length,
                  deliverables: offer.items.filter((i) => i.part === "deliverable").length,
                  content: offer.items.filter((i) => i.part === "content").length,
                })}
              </p>
            ) : null}
            <div className="grid grid-cols-2 gap-3">
              <TextField label={t("campaigns.price")} name="sale-price" inputMode="decimal" value={shownPrice} onChange={(e) => setPrice(e.target.value)} error={typing ?? errors.priceMinor} />
              <TextField label={t("campaigns.startsOn")} name="sale-starts" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} error={errors.startsOn} />
            </div>
            <TextAreaField label={t("campaigns.notes")} name="sale-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} error={errors.notes} />
            <div className="flex justify-end gap-2 pt-2">
              <Dialog.Close className="rounded-lg border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">{t("crm.cancel")}</Dialog.Close>
              <button type="submit" disabled={sell.isPending || !offer} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
                {t("campaigns.confirmSale")}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
