import { Mail, Pencil, Phone, Star, Trash2, X } from "lucide-react";
import { useCallback, useMemo } from "react";
import { toast } from "sonner";
import { useTranslation } from "react-i18next";
import type { Measure, ScoreLine } from "../bindings";
import { LineChart } from "../components/LineChart";
import { Responsibilities } from "../components/Responsibilities";
import { dateTimeFormat, formatCalendarDay, formatDate, formatNumber, intlLocale } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMembers, useTags } from "../shared/team";
import { ArtistAgenda } from "./ArtistAgenda";
import { ArtistCampaigns } from "./ArtistCampaigns";
import { ArtistFiles } from "./ArtistFiles";
import { ArtistPipeline } from "./ArtistPipeline";
import { InteractionHistory } from "./InteractionHistory";
import { stageName, useStageLookup } from "./pipeline";
import { useArtist, useRateArtist, useScoreHistory } from "./queries";

/** A language's name in the reader's language ("anglais" for "en"). */
function languageName(reader: string, code: string): string {
  try {
    return new Intl.DisplayNames([intlLocale(reader === "en" ? "en" : "fr")], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The detail view of one artist: identity, contact, audience, notes and the score explained. */
export function ArtistCard({
  artistId,
  logNow = false,
  onEdit,
  onDelete,
  onClose,
}: {
  artistId: string;
  /** Put the focus in the quick log (opened from the palette to log an exchange). */
  logNow?: boolean;
  onEdit: () => void;
  onDelete: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const artist = useArtist(artistId);
  const stageOf = useStageLookup();
  const members = useMembers().data ?? [];
  const tags = useTags().data ?? [];
  if (artist.isPending) return <p className="p-6 text-sm text-zinc-500">{t("app.loading")}</p>;
  if (artist.isError) return <p role="alert" className="p-6 text-red-600">{describeError(t, artist.error)}</p>;
  const { fields, score } = artist.data;
  /** What a line of the score measured, in words ("52 000 abonnés", "1 réponse sur 2"). */
  const measured = (measure: Measure): string => {
    switch (measure.type) {
      case "unknown":
        return t("crm.score.measure.unknown");
      case "audience":
        return t("crm.score.measure.audience", { count: measure.total, formatted: formatNumber(language, measure.total) });
      case "engagement":
        return t("crm.score.measure.engagement", { rate: formatNumber(language, measure.bp / 100) });
      case "growth":
        return t("crm.score.measure.growth", { sign: measure.permille >= 0 ? "+" : "−", rate: formatNumber(language, Math.abs(measure.permille) / 10) });
      case "genreFit":
        return measure.matched ? t("crm.score.measure.genre", { genre: measure.matched }) : t("crm.score.measure.noGenre");
      case "responsiveness":
        return t("crm.score.measure.answers", { answered: measure.answered, count: measure.asked });
      case "reliability":
        return t("crm.score.measure.campaigns", { completed: measure.completed, cancelled: measure.cancelled });
      case "rating":
        return t("crm.score.measure.rating", { stars: measure.stars });
    }
  };
  const lineName = (line: ScoreLine) => (line.kind === "manual" ? (line.label ?? "") : t(`crm.score.kinds.${line.kind}`));
  const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : "0");
  const row = (label: string, value: React.ReactNode, key?: string) => (
    <div key={key} className="flex justify-between gap-4 py-1 text-sm">
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
            {[stageName(t, stageOf(fields.stageId)), fields.city, fields.genres.join(", ")].filter(Boolean).join(" · ")}
          </p>
          {fields.tags.length > 0 ? (
            <ul aria-label={t("tags.title")} className="mt-1 flex flex-wrap gap-1">
              {fields.tags.map((id) => (
                <li key={id} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
                  {tags.find((tag) => tag.id === id)?.name ?? "…"}
                </li>
              ))}
            </ul>
          ) : null}
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

      <ArtistPipeline prospect={artist.data.prospect} />
      <ArtistCampaigns artistId={artistId} artistName={fields.name} />
      <ArtistAgenda artistId={artistId} />

      <section aria-label={t("crm.score.explain")} className="rounded-xl bg-zinc-50 p-4 dark:bg-zinc-900">
        <h3 className="mb-3 font-semibold">{t("crm.score.title", { total: score.total })}</h3>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-300">
          {t("crm.score.summary", {
            total: score.total,
            lines: score.lines.filter((l) => l.points !== 0).map((l) => `${lineName(l)} ${signed(l.points)}`).join(", ") || t("crm.score.nothingYet"),
          })}
        </p>
        <ul className="space-y-2">
          {score.lines.map((line) => (
            <li key={line.criterionId} className="text-sm">
              <div className="flex justify-between gap-2">
                <span>{lineName(line)}</span>
                <span className={`tabular-nums ${line.points < 0 ? "text-red-600" : "text-zinc-500"}`}>{t("crm.score.points", { points: signed(line.points), max: line.max })}</span>
              </div>
              <p className="text-xs text-zinc-500">{measured(line.measure)}</p>
              {line.kind === "manual" ? <Stars artistId={artistId} line={line} name={lineName(line)} /> : null}
              <div className="mt-1 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
                <div className={`h-1.5 rounded-full ${line.points < 0 ? "bg-red-500" : "bg-brand-500"}`} style={{ width: `${line.max === 0 ? 0 : (100 * Math.abs(line.points)) / line.max}%` }} />
              </div>
            </li>
          ))}
        </ul>
        {score.capped !== 0 ? <p className="mt-2 text-xs text-zinc-500">{t("crm.score.capped", { points: signed(score.capped) })}</p> : null}
        <ScoreHistory artistId={artistId} />
      </section>

      <dl>
        {row(t("crm.fields.legalName"), fields.legalName)}
        {row(t("crm.fields.email"), fields.email ? <a className="inline-flex items-center gap-1 text-brand-600 underline" href={`mailto:${fields.email}`}><Mail aria-hidden size={12} />{fields.email}</a> : null)}
        {row(t("crm.fields.phone"), fields.phone ? <span className="inline-flex items-center gap-1"><Phone aria-hidden size={12} />{fields.phone}</span> : null)}
        {row(t("crm.fields.country"), fields.country)}
        {fields.languages.length > 0 ? row(t("crm.fields.languages"), fields.languages.map((l) => languageName(language, l)).join(", ")) : null}
        {row(t("crm.fields.ownerId"), members.find((m) => m.id === fields.ownerId)?.name ?? null)}
        {fields.contacts.map((c, index) =>
          row(
            t(`crm.contacts.roles.${c.role}`),
            <span>
              {c.name}
              {c.company ? <span className="text-zinc-500"> · {c.company}</span> : null}
              {c.email ? (
                <a className="ml-2 text-brand-600 underline" href={`mailto:${c.email}`}>
                  {c.email}
                </a>
              ) : null}
              {c.phone ? <span className="ml-2">{c.phone}</span> : null}
            </span>,
            `contact-${index}`,
          ),
        )}
        {artist.data.nextContact
          ? row(
              t("crm.fields.contactEveryDays"),
              <span className={artist.data.nextContact.overdue ? "font-medium text-red-600" : ""}>
                {t(artist.data.nextContact.overdue ? "crm.cadence.overdue" : "crm.cadence.next", {
                  day: formatCalendarDay(language, artist.data.nextContact.dueOn),
                  count: fields.contactEveryDays ?? 0,
                })}
              </span>,
            )
          : null}
      </dl>
      <section aria-label={t("crm.sections.audience")}>
        <h3 className="mb-1 text-sm font-semibold text-zinc-500">{t("crm.sections.audience")}</h3>
        {fields.accounts.length === 0 ? <p className="text-sm text-zinc-500">{t("crm.accounts.none")}</p> : null}
        <dl>
          {fields.accounts.map((account) =>
            row(
              t(`crm.platforms.${account.platform}`),
              <span>
                {account.url ?? (account.handle ? `@${account.handle}` : "")}
                {account.audience !== null ? (
                  <span className="ml-2 text-zinc-500">
                    {account.measuredOn
                      ? t("crm.accounts.figure", { count: account.audience, formatted: formatNumber(language, account.audience), date: formatCalendarDay(language, account.measuredOn) })
                      : t("crm.accounts.followers", { count: account.audience, formatted: formatNumber(language, account.audience) })}
                  </span>
                ) : null}
              </span>,
              account.id ?? account.platform,
            ),
          )}
        </dl>
      </section>
      {fields.notes ? (
        <section>
          <h3 className="mb-1 text-sm font-semibold text-zinc-500">{t("crm.fields.notes")}</h3>
          <p className="whitespace-pre-wrap text-sm">{fields.notes}</p>
        </section>
      ) : null}
      <ArtistFiles artistId={artistId} />
      <Responsibilities subject="artist" id={artistId} />
      <InteractionHistory party={{ kind: "artist", id: artistId }} focusLog={logNow} />
      <footer className="text-xs text-zinc-500">
        <p>{t("crm.since", { date: formatDate(language, artist.data.createdAt) })}</p>
        <p>{t("crm.updated", { date: formatDate(language, artist.data.updatedAt) })}</p>
      </footer>
    </article>
  );
}

const SCORE_RANGE: [number, number] = [0, 100];
const HISTORY_WEEKS = 26;

/** The score week by week over six months, recomputed from the dated facts. */
function ScoreHistory({ artistId }: { artistId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const history = useScoreHistory(artistId, HISTORY_WEEKS);
  const points = useMemo(
    () => (history.data ?? []).map((p) => ({ at: Date.parse(`${p.day}T12:00:00Z`) / 1000, value: p.total })),
    [history.data],
  );
  const formatAt = useCallback(
    (seconds: number) => dateTimeFormat(language, { day: "numeric", month: "short" }).format(new Date(seconds * 1000)),
    [language],
  );
  if (points.length === 0) return null;
  return (
    <div className="mt-4">
      <LineChart points={points} label={t("crm.score.history", { weeks: HISTORY_WEEKS })} formatAt={formatAt} range={SCORE_RANGE} height={120} />
    </div>
  );
}

/** A manual criterion rated on the card: five stars, the current one pressed; pressing it again clears the rating. */
function Stars({ artistId, line, name }: { artistId: string; line: ScoreLine; name: string }) {
  const { t } = useTranslation();
  const rate = useRateArtist(artistId);
  const current = line.measure.type === "rating" ? line.measure.stars : 0;
  return (
    <div role="group" aria-label={name} className="mt-1 flex gap-0.5">
      {[1, 2, 3, 4, 5].map((stars) => (
        <button
          key={stars}
          type="button"
          aria-pressed={stars === current}
          aria-label={t("crm.score.rate", { name, stars })}
          onClick={() =>
            rate.mutate(
              { criterionId: line.criterionId, stars: stars === current ? null : stars },
              { onSuccess: () => toast.success(t("crm.score.rated", { name })), onError: (error) => toast.error(describeError(t, error)) },
            )
          }
          className="rounded p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-800"
        >
          <Star aria-hidden size={14} className={stars <= current ? "fill-amber-400 text-amber-500" : "text-zinc-400"} />
        </button>
      ))}
    </div>
  );
}
