// Links a record (a task, later a campaign or a deliverable) to an artist:
// found by typing part of the name, accents optional, as in the CRM.
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { artistListQuery, useArtist } from "./queries";

export function ArtistPicker({ value, onChange, disabled }: { value: string | null; onChange: (id: string | null) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const chosen = useArtist(value ?? undefined);
  const found = useQuery({ ...artistListQuery({ search, sort: "name", direction: "asc", offset: 0, limit: 6 }), enabled: !value && search.trim().length > 0 });
  if (value) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <span className="text-zinc-500">{t("picker.artist")}</span>
        <Link href={`/crm/artists/${value}`} className="font-medium text-brand-700 underline dark:text-brand-100">
          {chosen.data?.fields.name ?? "…"}
        </Link>
        {disabled ? null : (
          <button type="button" aria-label={t("picker.unlinkArtist")} onClick={() => onChange(null)} className="rounded p-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
            <X aria-hidden size={14} />
          </button>
        )}
      </div>
    );
  }
  if (disabled) return null;
  return (
    <div className="space-y-1">
      <label htmlFor="artist-picker" className="block text-sm font-medium">
        {t("picker.artist")}
      </label>
      <input
        id="artist-picker"
        type="search"
        value={search}
        placeholder={t("picker.findArtist")}
        onChange={(e) => setSearch(e.target.value)}
        className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      {found.data && found.data.rows.length > 0 ? (
        <ul aria-label={t("picker.results")} className="rounded-lg border border-zinc-200 dark:border-zinc-700">
          {found.data.rows.map((artist) => (
            <li key={artist.id}>
              <button
                type="button"
                onClick={() => {
                  onChange(artist.id);
                  setSearch("");
                }}
                className="w-full px-3 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                {artist.name}
                {artist.city ? <span className="text-zinc-500"> · {artist.city}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
