// Create a sponsor, or edit one: the company and the people there. Errors from the core
// appear under their fields; nothing typed is lost.
import { Plus, Trash2 } from "lucide-react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { SponsorContact_Serialize as SponsorContact, SponsorFields_Serialize as SponsorFields, SponsorStatus } from "../bindings";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useCreateSponsor, useSponsor, useUpdateSponsor } from "./sponsors";

const statuses: SponsorStatus[] = ["prospect", "active", "paused", "former"];
const blank: SponsorFields = { name: "", website: null, status: "prospect", notes: "", ownerId: null, contacts: [] };

export function SponsorForm({ sponsorId, onDone }: { sponsorId?: string; onDone: (id?: string) => void }) {
  const { t } = useTranslation();
  const existing = useSponsor(sponsorId);
  if (sponsorId && existing.isPending) return <p className="p-6 text-sm text-zinc-500">{t("app.loading")}</p>;
  if (sponsorId && existing.isError) return <p role="alert" className="p-6 text-red-600">{describeError(t, existing.error)}</p>;
  const title = existing.data ? t("sponsors.editTitle", { name: existing.data.fields.name }) : t("sponsors.createTitle");
  return <SponsorFormBody sponsorId={sponsorId} initial={existing.data?.fields ?? blank} title={title} onDone={onDone} />;
}

function SponsorFormBody({ sponsorId, initial, title, onDone }: { sponsorId?: string; initial: SponsorFields; title: string; onDone: (id?: string) => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<SponsorFields>(initial);
  const create = useCreateSponsor();
  const update = useUpdateSponsor();
  const mutation = sponsorId ? update : create;
  const errors = fieldErrorsOf(t, mutation.error);
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);
  const setContact = (index: number, key: keyof SponsorContact, value: string) =>
    setFields((current) => ({ ...current, contacts: current.contacts.map((c, i) => (i === index ? { ...c, [key]: value === "" && key !== "name" ? null : value } : c)) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const onError = (error: unknown) => (Object.keys(fieldErrorsOf(t, error)).length === 0 ? toast.error(describeError(t, error)) : undefined);
    if (sponsorId) {
      update.mutate({ id: sponsorId, fields }, { onSuccess: () => { toast.success(t("crm.saved")); onDone(sponsorId); }, onError });
    } else {
      create.mutate(fields, { onSuccess: (sponsor) => { toast.success(t("sponsors.created", { name: sponsor.fields.name })); onDone(sponsor.id); }, onError });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={title} className="space-y-4 p-6" onKeyDown={(e) => e.key === "Escape" && onDone(sponsorId)}>
      <h2 className="text-xl font-semibold">{title}</h2>
      <TextField ref={nameInput} required label={t("sponsors.fields.name")} name="name" value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} error={errors.name} />
      <TextField label={t("sponsors.fields.website")} name="website" type="url" placeholder="https://" value={fields.website ?? ""} onChange={(e) => setFields({ ...fields, website: e.target.value || null })} error={errors.website} />
      <SelectField label={t("sponsors.fields.status")} name="status" value={fields.status} onChange={(e) => setFields({ ...fields, status: e.target.value as SponsorStatus })} options={statuses.map((s) => ({ value: s, label: t(`sponsors.statuses.${s}`) }))} />
      <fieldset className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <legend className="text-sm font-semibold text-zinc-500">{t("sponsors.contacts")}</legend>
        {fields.contacts.map((contact, index) => (
          <div key={contact.id ?? `new-${index}`} role="group" aria-label={t("sponsors.contact", { number: index + 1 })} className="grid grid-cols-2 gap-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-800">
            <TextField label={t("sponsors.fields.contactName")} name={`contacts.${index}.name`} value={contact.name} onChange={(e) => setContact(index, "name", e.target.value)} error={errors[`contacts.${index}.name`]} />
            <TextField label={t("sponsors.fields.role")} name={`contacts.${index}.role`} value={contact.role ?? ""} onChange={(e) => setContact(index, "role", e.target.value)} error={errors[`contacts.${index}.role`]} />
            <TextField label={t("crm.fields.email")} type="email" name={`contacts.${index}.email`} value={contact.email ?? ""} onChange={(e) => setContact(index, "email", e.target.value)} error={errors[`contacts.${index}.email`]} />
            <div className="flex items-end gap-1">
              <div className="flex-1">
                <TextField label={t("crm.fields.phone")} type="tel" name={`contacts.${index}.phone`} value={contact.phone ?? ""} onChange={(e) => setContact(index, "phone", e.target.value)} error={errors[`contacts.${index}.phone`]} />
              </div>
              <button type="button" aria-label={t("sponsors.removeContact", { number: index + 1 })} title={t("sponsors.removeContact", { number: index + 1 })} onClick={() => setFields({ ...fields, contacts: fields.contacts.filter((_, i) => i !== index) })} className="mb-0.5 rounded-lg p-2 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                <Trash2 aria-hidden size={14} />
              </button>
            </div>
          </div>
        ))}
        <button type="button" onClick={() => setFields({ ...fields, contacts: [...fields.contacts, { id: null, name: "", role: null, email: null, phone: null }] })} className="inline-flex items-center gap-1 rounded-lg border border-dashed border-zinc-300 px-3 py-1.5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-300">
          <Plus aria-hidden size={14} />
          {t("sponsors.addContact")}
        </button>
      </fieldset>
      <TextAreaField label={t("crm.fields.notes")} name="notes" rows={4} value={fields.notes} onChange={(e) => setFields({ ...fields, notes: e.target.value })} error={errors.notes} />
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" onClick={() => onDone(sponsorId)} className="rounded-lg border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">
          {t("crm.cancel")}
        </button>
        <button type="submit" disabled={mutation.isPending} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("crm.save")}
        </button>
      </div>
    </form>
  );
}
