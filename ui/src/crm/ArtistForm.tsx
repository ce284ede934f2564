import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { Plus, Trash2 } from "lucide-react";
import type { ArtistContact_Serialize as ArtistContact, ArtistFields_Deserialize as ArtistFields, ArtistFields_Serialize as StoredArtistFields, ContactRole, Platform } from "../bindings";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { TagPicker } from "../components/TagPicker";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useMembers } from "../shared/team";
import { stageName, useStages } from "./pipeline";
import { useArtist, useCreateArtist, useUpdateArtist } from "./queries";

export const platforms: Platform[] = ["instagram", "tiktok", "youtube", "twitch", "spotify", "x", "facebook", "soundcloud", "other"];

type TextKey = Exclude<keyof ArtistFields, "genres" | "stageId" | "accounts" | "contactEveryDays" | "languages" | "ownerId" | "contacts" | "tags">;
const contactRoles: ContactRole[] = ["manager", "label", "booker", "press", "other"];
/** One account as typed: the handle or link in one box, counts as text until sent. */
type AccountDraft = { id: string | null; platform: Platform; address: string; audience: string; engagement: string };
type Draft = Record<TextKey | "genres" | "contactEveryDays" | "stageId" | "languages" | "ownerId", string> & { accounts: AccountDraft[]; contacts: ArtistContact[]; tags: string[] };
const cadences = ["", "7", "14", "30", "60", "90"];

const blank: Draft = { name: "", legalName: "", email: "", phone: "", city: "", country: "", genres: "", stageId: "", lostReason: "", accounts: [], contactEveryDays: "", languages: "", ownerId: "", contacts: [], tags: [], notes: "" };

function draftOf(fields: StoredArtistFields): Draft {
  return {
    ...blank,
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v ?? ""])),
    genres: fields.genres.join(", "),
    languages: fields.languages.join(", "),
    ownerId: fields.ownerId ?? "",
    contacts: fields.contacts,
    tags: fields.tags,
    stageId: fields.stageId ?? "",
    contactEveryDays: fields.contactEveryDays?.toString() ?? "",
    accounts: fields.accounts.map((a) => ({
      id: a.id,
      platform: a.platform,
      address: a.url ?? a.handle ?? "",
      audience: a.audience?.toString() ?? "",
      engagement: a.engagementBp === null ? "" : (a.engagementBp / 100).toString(),
    })),
  } as Draft;
}

/** A typed rate in percent ("4,2" or "4.2") as basis points. */
function parseRate(text: string): number | null | "invalid" {
  const trimmed = text.trim().replace(",", ".").replace(/\s*%$/, "");
  if (trimmed === "") return null;
  const rate = Number(trimmed);
  return Number.isFinite(rate) && rate >= 0 && rate <= 100 ? Math.round(rate * 100) : "invalid";
}

/** A typed count: empty means unknown; anything but a whole number is a typing error caught before sending. */
function parseCount(text: string): number | null | "invalid" {
  const trimmed = text.replace(/[\s\u202f\u00a0]/g, "");
  if (trimmed === "") return null;
  return /^\d{1,10}$/.test(trimmed) && Number(trimmed) <= 4_294_967_295 ? Number(trimmed) : "invalid";
}

/** Create a card, or edit the card `artistId`. Errors from the core appear under their fields. */
export function ArtistForm({ artistId, onDone }: { artistId?: string; onDone: (id?: string) => void }) {
  const { t } = useTranslation();
  const existing = useArtist(artistId);
  if (artistId && existing.isPending) return <p className="p-6 text-sm text-zinc-500">{t("app.loading")}</p>;
  if (artistId && existing.isError) return <p role="alert" className="p-6 text-red-600">{describeError(t, existing.error)}</p>;
  return <ArtistFormBody artistId={artistId} initial={existing.data ? draftOf(existing.data.fields) : blank} title={existing.data ? t("crm.editTitle", { name: existing.data.fields.name }) : t("crm.createTitle")} onDone={onDone} />;
}

function ArtistFormBody({ artistId, initial, title, onDone }: { artistId?: string; initial: Draft; title: string; onDone: (id?: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // One frame later than autoFocus: a closing dialog (the command palette)
    // gives the focus back to where it was first, and the form must win.
    const frame = requestAnimationFrame(() => nameInput.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const stages = useStages().data ?? [];
  const members = useMembers().data ?? [];
  // A new card starts in the first open stage unless another is chosen.
  const chosenStage = draft.stageId || (stages.find((s) => s.kind === "open") ?? stages[0])?.id || "";
  const losing = stages.find((s) => s.id === chosenStage)?.kind === "lost";
  const create = useCreateArtist();
  const update = useUpdateArtist();
  const mutation = artistId ? update : create;
  const errors = { ...fieldErrorsOf(t, mutation.error), ...localErrors };
  const generalError = mutation.error && Object.keys(fieldErrorsOf(t, mutation.error)).length === 0 ? describeError(t, mutation.error) : null;

  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  const text = (key: TextKey, type = "text") => ({
    label: t(`crm.fields.${key}`),
    value: draft[key],
    onChange: set(key),
    error: errors[key],
    type,
    name: key,
  });

  const setAccount = (index: number, key: keyof AccountDraft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({
      ...current,
      accounts: current.accounts.map((a, i) => (i === index ? { ...a, [key]: event.target.value } : a)),
    }));
  const addAccount = () =>
    setDraft((current) => ({ ...current, accounts: [...current.accounts, { id: null, platform: "instagram", address: "", audience: "", engagement: "" }] }));
  const setContact = (index: number, key: keyof ArtistContact) => (event: { target: { value: string } }) =>
    setDraft((current) => ({
      ...current,
      contacts: current.contacts.map((c, i) => (i === index ? { ...c, [key]: event.target.value === "" && key !== "name" ? null : event.target.value } : c)),
    }));
  const removeAccount = (index: number) =>
    setDraft((current) => ({ ...current, accounts: current.accounts.filter((_, i) => i !== index) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const typing: Record<string, string> = {};
    const accounts = draft.accounts.map((a, index) => {
      const audience = parseCount(a.audience);
      const engagementBp = parseRate(a.engagement);
      if (audience === "invalid") typing[`accounts.${index}.audience`] = t("validation.not_a_whole_number");
      if (engagementBp === "invalid") typing[`accounts.${index}.engagementBp`] = t("validation.not_a_rate");
      const address = a.address.trim();
      const isLink = /^https?:\/\//i.test(address);
      return {
        id: a.id,
        platform: a.platform,
        handle: address && !isLink ? address : null,
        url: address && isLink ? address : null,
        audience: audience === "invalid" ? null : audience,
        engagementBp: engagementBp === "invalid" ? null : engagementBp,
        measuredOn: null,
      };
    });
    setLocalErrors(typing);
    if (Object.keys(typing).length > 0) return;
    const optional = (value: string) => (value.trim() === "" ? null : value);
    const fields: ArtistFields = {
      name: draft.name,
      legalName: optional(draft.legalName),
      email: optional(draft.email),
      phone: optional(draft.phone),
      city: optional(draft.city),
      country: optional(draft.country),
      genres: draft.genres.split(","),
      languages: draft.languages.split(","),
      ownerId: draft.ownerId === "" ? null : draft.ownerId,
      contacts: draft.contacts,
      tags: draft.tags,
      stageId: chosenStage === "" ? null : chosenStage,
      lostReason: losing ? optional(draft.lostReason) : null,
      accounts,
      contactEveryDays: draft.contactEveryDays === "" ? null : Number(draft.contactEveryDays),
      notes: draft.notes,
    };
    if (artistId) {
      update.mutate({ id: artistId, fields }, { onSuccess: () => { toast.success(t("crm.saved")); onDone(artistId); } });
    } else {
      create.mutate(fields, { onSuccess: (artist) => { toast.success(t("crm.created", { name: artist.fields.name })); onDone(artist.id); } });
    }
  }

  const section = "space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800";
  return (
    <form onSubmit={submit} noValidate aria-label={title} className="space-y-4 p-6" onKeyDown={(e) => e.key === "Escape" && onDone(artistId)}>
      <h2 className="text-xl font-semibold">{title}</h2>
      <fieldset className="space-y-3">
        <legend className="sr-only">{t("crm.sections.identity")}</legend>
        <TextField {...text("name")} ref={nameInput} required />
        <TextField {...text("legalName")} />
        <SelectField
          label={t("crm.fields.stage")}
          value={chosenStage}
          onChange={set("stageId")}
          error={errors.stageId}
          name="stageId"
          options={stages.map((s) => ({ value: s.id, label: stageName(t, s) }))}
        />
        {losing ? <TextField {...text("lostReason")} required /> : null}
        <TextField label={t("crm.fields.genres")} hint={t("crm.fields.genresHint")} value={draft.genres} onChange={set("genres")} error={errors.genres} name="genres" />
        <div className="grid grid-cols-2 gap-3">
          <TextField {...text("city")} />
          <TextField {...text("country")} maxLength={2} />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t("crm.fields.languages")} hint={t("crm.fields.languagesHint")} value={draft.languages} onChange={set("languages")} error={errors.languages} name="languages" />
          <SelectField
            label={t("crm.fields.ownerId")}
            value={draft.ownerId}
            onChange={set("ownerId")}
            error={errors.ownerId}
            name="ownerId"
            options={[{ value: "", label: t("crm.nobody") }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
          />
        </div>
        <TagPicker value={draft.tags} onChange={(tags) => setDraft((current) => ({ ...current, tags }))} error={errors.tags} />
      </fieldset>
      <fieldset className={section}>
        <legend className="text-sm font-semibold text-zinc-500">{t("crm.sections.people")}</legend>
        {draft.contacts.map((contact, index) => (
          <div key={contact.id ?? `new-${index}`} role="group" aria-label={t("crm.contacts.contact", { number: index + 1 })} className="grid grid-cols-2 gap-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-800">
            <SelectField label={t("crm.contacts.role")} name={`contacts.${index}.role`} value={contact.role} onChange={setContact(index, "role")} options={contactRoles.map((r) => ({ value: r, label: t(`crm.contacts.roles.${r}`) }))} />
            <TextField label={t("crm.contacts.name")} name={`contacts.${index}.name`} value={contact.name} onChange={setContact(index, "name")} error={errors[`contacts.${index}.name`]} />
            <TextField label={t("crm.contacts.company")} name={`contacts.${index}.company`} value={contact.company ?? ""} onChange={setContact(index, "company")} error={errors[`contacts.${index}.company`]} />
            <TextField label={t("crm.fields.email")} type="email" name={`contacts.${index}.email`} value={contact.email ?? ""} onChange={setContact(index, "email")} error={errors[`contacts.${index}.email`]} />
            <TextField label={t("crm.fields.phone")} type="tel" name={`contacts.${index}.phone`} value={contact.phone ?? ""} onChange={setContact(index, "phone")} error={errors[`contacts.${index}.phone`]} />
            <button type="button" onClick={() => setDraft((current) => ({ ...current, contacts: current.contacts.filter((_, i) => i !== index) }))} className="mt-6 justify-self-end rounded-lg p-2 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label={t("crm.contacts.remove", { number: index + 1 })} title={t("crm.contacts.remove", { number: index + 1 })}>
              <Trash2 aria-hidden size={14} />
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setDraft((current) => ({ ...current, contacts: [...current.contacts, { id: null, role: "manager", name: "", company: null, email: null, phone: null }] }))}
          className="inline-flex items-center gap-1 rounded-lg border border-dashed border-zinc-300 px-3 py-1.5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-300"
        >
          <Plus aria-hidden size={14} />
          {t("crm.contacts.add")}
        </button>
      </fieldset>
      <fieldset className={section}>
        <legend className="text-sm font-semibold text-zinc-500">{t("crm.sections.contact")}</legend>
        <TextField {...text("email", "email")} />
        <TextField {...text("phone", "tel")} />
        <SelectField
          label={t("crm.fields.contactEveryDays")}
          value={draft.contactEveryDays}
          onChange={set("contactEveryDays")}
          error={errors.contactEveryDays}
          name="contactEveryDays"
          options={[...new Set([...cadences, draft.contactEveryDays])].map((days) => ({
            value: days,
            label: days === "" ? t("crm.cadence.none") : t("crm.cadence.every", { count: Number(days) }),
          }))}
        />
      </fieldset>
      <fieldset className={section}>
        <legend className="text-sm font-semibold text-zinc-500">{t("crm.sections.audience")}</legend>
        {draft.accounts.length === 0 ? <p className="text-sm text-zinc-500">{t("crm.accounts.none")}</p> : null}
        {draft.accounts.map((account, index) => (
          <div key={index} role="group" aria-label={t("crm.accounts.account", { number: index + 1 })} className="grid grid-cols-[8rem_1fr_7rem_5rem_auto] items-start gap-2">
            <SelectField
              label={t("crm.accounts.platform")}
              value={account.platform}
              onChange={setAccount(index, "platform")}
              options={platforms.map((p) => ({ value: p, label: t(`crm.platforms.${p}`) }))}
              name={`accounts.${index}.platform`}
            />
            <TextField
              label={t("crm.accounts.address")}
              value={account.address}
              onChange={setAccount(index, "address")}
              error={errors[`accounts.${index}.handle`] ?? errors[`accounts.${index}.url`]}
              name={`accounts.${index}.address`}
            />
            <TextField label={t("crm.accounts.audience")} inputMode="numeric" value={account.audience} onChange={setAccount(index, "audience")} error={errors[`accounts.${index}.audience`]} name={`accounts.${index}.audience`} />
            <TextField label={t("crm.accounts.engagement")} inputMode="decimal" value={account.engagement} onChange={setAccount(index, "engagement")} error={errors[`accounts.${index}.engagementBp`]} name={`accounts.${index}.engagement`} />
            <button type="button" onClick={() => removeAccount(index)} aria-label={t("crm.accounts.remove")} title={t("crm.accounts.remove")} className="mt-6 rounded-lg p-2 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <Trash2 aria-hidden size={14} />
            </button>
          </div>
        ))}
        <button type="button" onClick={addAccount} className="inline-flex items-center gap-1 rounded-lg border border-dashed border-zinc-300 px-3 py-1.5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-300">
          <Plus aria-hidden size={14} />
          {t("crm.accounts.add")}
        </button>
      </fieldset>
      <fieldset className={section}>
        <legend className="sr-only">{t("crm.sections.notes")}</legend>
        <TextAreaField label={t("crm.fields.notes")} value={draft.notes} onChange={set("notes")} error={errors.notes} rows={4} name="notes" />
      </fieldset>
      {generalError ? <p role="alert" className="text-sm text-red-600">{generalError}</p> : null}
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" onClick={() => onDone(artistId)} className="rounded-lg border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">
          {t("crm.cancel")}
        </button>
        <button type="submit" disabled={mutation.isPending} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("crm.save")}
        </button>
      </div>
    </form>
  );
}
