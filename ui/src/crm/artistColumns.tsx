// The artist list's columns: every column it can show, the ones this
// device chose (kept in its settings), and the menu that chooses them. The
// CSV export takes the same columns, so the file is the list as shown.
import { Columns3 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { ArtistColumn, ArtistRow_Serialize as ArtistRow, ArtistSortField, SearchHint } from "../bindings";
import type { Column } from "../components/DataTable";
import { formatInstantDay, formatNumber } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage, useSettings, useUpdateSettings } from "../shared/preferences";
import { useMembers } from "../shared/team";
import { stageName, stageTone, useStageLookup } from "./pipeline";

/** Every column, in the order the list shows them. */
const allColumns: ArtistColumn[] = ["name", "city", "country", "stage", "genres", "tags", "owner", "audience", "last_contact", "score", "updated_at"];
/** What a list shows before anyone chooses. */
const defaultColumns: ArtistColumn[] = ["name", "city", "stage", "genres", "audience", "score"];

/** The columns this device shows, and how to change them. */
export function useArtistColumns(): { columns: Column<ArtistRow, ArtistSortField>[]; chooser: React.ReactNode } {
  const { t } = useTranslation();
  const language = useLanguage();
  const stageOf = useStageLookup();
  const members = useMembers().data ?? [];
  const settings = useSettings().data;
  const update = useUpdateSettings();
  const chosen = settings?.artistColumns ?? defaultColumns;
  // The menu's boxes exist only while it is open (their names repeat the filters').
  const [choosing, setChoosing] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (!choosing) return;
    // Like any menu: a click elsewhere or Escape closes it.
    const close = (event: Event) => {
      const details = menu.current;
      if (!details) return;
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !details.contains(event.target as Node)) {
        details.open = false;
        if (event instanceof KeyboardEvent) details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [choosing]);
  const none = t("crm.none");
  // Why a searched card is on the list when its name does not say it.
  const foundIn = (hint: SearchHint) =>
    hint.place === "handle"
      ? t("crm.foundIn.handle", { handle: hint.handle })
      : hint.place === "notes"
        ? t("crm.foundIn.notes", { excerpt: hint.excerpt })
        : t("crm.foundIn.exchange", { excerpt: hint.excerpt, day: formatInstantDay(language, hint.occurredAt) });

  const definitions: Record<ArtistColumn, Omit<Column<ArtistRow, ArtistSortField>, "id" | "header">> = {
    name: {
      width: "minmax(150px,2fr)",
      sortKey: "name",
      cell: (a) => (
        <span className="flex min-w-0 flex-col">
          <span className="truncate font-medium">{a.name}</span>
          {a.foundIn && (
            // Cut to the column's width; the whole passage on hover.
            <span className="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="found-in" title={foundIn(a.foundIn)}>
              {foundIn(a.foundIn)}
            </span>
          )}
        </span>
      ),
    },
    city: { width: "minmax(90px,1fr)", sortKey: "city", cell: (a) => a.city ?? none },
    country: { width: "60px", cell: (a) => a.country ?? none },
    stage: {
      width: "124px",
      sortKey: "stage",
      cell: (a) => {
        const stage = stageOf(a.stageId);
        return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${stage ? stageTone[stage.kind] : ""}`}>{stageName(t, stage)}</span>;
      },
    },
    genres: { width: "minmax(80px,1fr)", cell: (a) => a.genres.join(", ") || none },
    tags: {
      width: "minmax(90px,1fr)",
      cell: (a) =>
        a.tags.length === 0 ? (
          none
        ) : (
          <span className="flex gap-1 overflow-hidden">
            {a.tags.map((tag) => (
              <span key={tag} className="truncate rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
                {tag}
              </span>
            ))}
          </span>
        ),
    },
    owner: { width: "minmax(90px,1fr)", cell: (a) => members.find((m) => m.id === a.ownerId)?.name ?? none },
    audience: { width: "100px", sortKey: "audience", align: "end", cell: (a) => (a.audience === null ? none : formatNumber(language, a.audience)) },
    last_contact: {
      width: "110px",
      sortKey: "last_contact",
      cell: (a) => (a.lastContactAt === null ? t("crm.never") : formatInstantDay(language, a.lastContactAt)),
    },
    score: { width: "70px", sortKey: "score", align: "end", cell: (a) => a.score },
    updated_at: { width: "110px", sortKey: "updated_at", cell: (a) => formatInstantDay(language, a.updatedAt) },
  };
  const columns = allColumns
    .filter((id) => id === "name" || chosen.includes(id))
    .map((id) => ({ id, header: t(`crm.columns.${id}`), ...definitions[id] }));

  function toggle(id: ArtistColumn, shown: boolean) {
    const next = allColumns.filter((c) => c === "name" || (c === id ? shown : chosen.includes(c)));
    update.mutate({ language: null, theme: null, onboarded: null, artistColumns: next }, { onError: (error) => toast.error(describeError(t, error)) });
  }

  const chooser = (
    <details ref={menu} className="relative" onToggle={(e) => setChoosing(e.currentTarget.open)}>
      <summary className="inline-flex cursor-pointer list-none items-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">
        <Columns3 aria-hidden size={16} />
        {t("crm.columnsChoice")}
      </summary>
      {choosing ? (
      <fieldset className="absolute right-0 z-20 mt-1 w-56 space-y-1 rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <legend className="sr-only">{t("crm.columnsChoice")}</legend>
        {allColumns
          .filter((id) => id !== "name")
          .map((id) => (
            <label key={id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={chosen.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
              {t(`crm.columns.${id}`)}
            </label>
          ))}
      </fieldset>
      ) : null}
    </details>
  );
  return { columns, chooser };
}
