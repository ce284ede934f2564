import { Mail, Pencil, Phone, Trash2, X } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Responsibilities } from "../components/Responsibilities";
import { formatDate, formatNumber } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useArtist } from "./queries";

/** The detail view of one artist: identity, contact, audience, notes and the score explained. */
export function ArtistCard({
  artistId,
  onEdit,
  onDelete,
  onClose,
}: {
  artistId: string;
  onEdit: () => void;
  onDelete: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const artist = useArtist(artistId);
  if (artist.isPending) return <p className="p-6 text-sm text-zinc-500">{t("app.loading")}</p>;
  if (artist.isError) return <p role="alert" className="p-6 text-red-600">{describeError(t, artist.error)}</p>;
  const { fields, score } = artist.data;
  const count = (value: number | null) => (value === null ? t("crm.none") : formatNumber(language, value));
  const row = (label: string, value: React.ReactNode) => (
    <div className="flex justify-between gap-4 py-1 text-sm">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="text-right">{value ?? t("crm.none")}</dd>
    </div>
  );
  return (
    <article aria-labelledby="artist-name" className="space-y-5 p-6">
      <header className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 id="artist-name" className="truncate text-xl font-semibold">
            {fields.name}
          </h2>
          <p className="text-sm text-zinc-500">
            {[t(`crm.stages.${fields.stage}`), fields.city, fields.genres.join(", ")].filter(Boolean).join(" · ")}
          </p>
        </div>
        <button type="button" onClick={onEdit} aria-label={t("crm.edit")} title={t("crm.edit")} className="rounded-lg p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <Pencil aria-hidden size={16} />
        </button>
        <button type="button" onClick={() => onDelete(fields.name)} aria-label={t("crm.delete")} title={t("crm.delete")} className="rounded-lg p-2 text-red-600 hover:bg-red-50 dark:hover:bg-red-950">
          <Trash2 aria-hidden size={16} />
        </button>
        <button type="button" onClick={onClose} aria-label={t("crm.close")} title={t("crm.close")} className="rounded-lg p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <X aria-hidden size={16} />
        </button>
      </header>

      <section aria-label={t("crm.score.explain")} className="rounded-xl bg-zinc-50 p-4 dark:bg-zinc-900">
        <h3 className="mb-3 font-semibold">{t("crm.score.title", { total: score.total })}</h3>
        <ul className="space-y-2">
          {score.factors.map((factor) => (
            <li key={factor.kind} className="text-sm">
              <div className="flex justify-between">
                <span>{t(`crm.score.${factor.kind}`)}</span>
                <span className="tabular-nums text-zinc-500">{t("crm.score.points", { points: factor.points, max: factor.max })}</span>
              </div>
              <div className="mt-1 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
                <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${(100 * factor.points) / factor.max}%` }} />
              </div>
            </li>
          ))}
        </ul>
      </section>

      <dl>
        {row(t("crm.fields.legalName"), fields.legalName)}
        {row(t("crm.fields.email"), fields.email ? <a className="inline-flex items-center gap-1 text-brand-600 underline" href={`mailto:${fields.email}`}><Mail aria-hidden size={12} />{fields.email}</a> : null)}
        {row(t("crm.fields.phone"), fields.phone ? <span className="inline-flex items-center gap-1"><Phone aria-hidden size={12} />{fields.phone}</span> : null)}
        {row(t("crm.fields.country"), fields.country)}
        {row(t("crm.fields.followers"), count(fields.followers))}
        {row(t("crm.fields.monthlyListeners"), count(fields.monthlyListeners))}
        {row(t("crm.fields.instagramHandle"), fields.instagramHandle && `@${fields.instagramHandle}`)}
        {row(t("crm.fields.tiktokHandle"), fields.tiktokHandle && `@${fields.tiktokHandle}`)}
        {row(t("crm.fields.twitchLogin"), fields.twitchLogin)}
        {row(t("crm.fields.spotifyUrl"), fields.spotifyUrl)}
      </dl>
      {fields.notes ? (
        <section>
          <h3 className="mb-1 text-sm font-semibold text-zinc-500">{t("crm.fields.notes")}</h3>
          <p className="whitespace-pre-wrap text-sm">{fields.notes}</p>
        </section>
      ) : null}
      <Responsibilities subject="artist" id={artistId} />
      <footer className="text-xs text-zinc-500">
        <p>{t("crm.since", { date: formatDate(language, artist.data.createdAt) })}</p>
        <p>{t("crm.updated", { date: formatDate(language, artist.data.updatedAt) })}</p>
      </footer>
    </article>
  );
}
