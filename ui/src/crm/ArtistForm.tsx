import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { ArtistFields_Deserialize as ArtistFields, ArtistFields_Serialize as StoredArtistFields, ArtistStage } from "../bindings";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useArtist, useCreateArtist, useUpdateArtist } from "./queries";

const stages: ArtistStage[] = ["prospect", "contacted", "negotiating", "signed", "alumni", "declined"];

type TextKey = Exclude<keyof ArtistFields, "genres" | "stage" | "followers" | "monthlyListeners">;
type Draft = Record<TextKey | "genres" | "followers" | "monthlyListeners", string> & { stage: ArtistStage };

const blank: Draft = {
  name: "", legalName: "", email: "", phone: "", city: "", country: "", genres: "", stage: "prospect",
  instagramHandle: "", tiktokHandle: "", twitchLogin: "", spotifyUrl: "", followers: "", monthlyListeners: "", notes: "",
};

function draftOf(fields: StoredArtistFields): Draft {
  return {
    ...blank,
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v ?? ""])),
    genres: fields.genres.join(", "),
    stage: fields.stage,
    followers: fields.followers?.toString() ?? "",
    monthlyListeners: fields.monthlyListeners?.toString() ?? "",
  } as Draft;
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

  function submit(event: FormEvent) {
    event.preventDefault();
    const followers = parseCount(draft.followers);
    const monthlyListeners = parseCount(draft.monthlyListeners);
    const typing: Record<string, string> = {};
    if (followers === "invalid") typing.followers = t("validation.not_a_whole_number");
    if (monthlyListeners === "invalid") typing.monthlyListeners = t("validation.not_a_whole_number");
    setLocalErrors(typing);
    if (followers === "invalid" || monthlyListeners === "invalid") return;
    const optional = (value: string) => (value.trim() === "" ? null : value);
    const fields: ArtistFields = {
      name: draft.name,
      legalName: optional(draft.legalName),
      email: optional(draft.email),
      phone: optional(draft.phone),
      city: optional(draft.city),
      country: optional(draft.country),
      genres: draft.genres.split(","),
      stage: draft.stage,
      instagramHandle: optional(draft.instagramHandle),
      tiktokHandle: optional(draft.tiktokHandle),
      twitchLogin: optional(draft.twitchLogin),
      spotifyUrl: optional(draft.spotifyUrl),
      followers,
      monthlyListeners,
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
          value={draft.stage}
          onChange={set("stage")}
          options={stages.map((s) => ({ value: s, label: t(`crm.stages.${s}`) }))}
        />
        <TextField label={t("crm.fields.genres")} hint={t("crm.fields.genresHint")} value={draft.genres} onChange={set("genres")} error={errors.genres} name="genres" />
        <div className="grid grid-cols-2 gap-3">
          <TextField {...text("city")} />
          <TextField {...text("country")} maxLength={2} />
        </div>
      </fieldset>
      <fieldset className={section}>
        <legend className="text-sm font-semibold text-zinc-500">{t("crm.sections.contact")}</legend>
        <TextField {...text("email", "email")} />
        <TextField {...text("phone", "tel")} />
      </fieldset>
      <fieldset className={section}>
        <legend className="text-sm font-semibold text-zinc-500">{t("crm.sections.audience")}</legend>
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t("crm.fields.followers")} inputMode="numeric" value={draft.followers} onChange={set("followers")} error={errors.followers} name="followers" />
          <TextField label={t("crm.fields.monthlyListeners")} inputMode="numeric" value={draft.monthlyListeners} onChange={set("monthlyListeners")} error={errors.monthlyListeners} name="monthlyListeners" />
          <TextField {...text("instagramHandle")} />
          <TextField {...text("tiktokHandle")} />
          <TextField {...text("twitchLogin")} />
          <TextField {...text("spotifyUrl", "url")} />
        </div>
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
