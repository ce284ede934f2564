import { useMutation } from "@tanstack/react-query";
import { Download, Plus, Search } from "lucide-react";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useRoute } from "wouter";
import { toast } from "sonner";
import type { ArtistColumn, ArtistFilters_Serialize as ArtistFilters, ArtistRow_Serialize as ArtistRow, ArtistSortField, LastContact } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { DataTable } from "../components/DataTable";
import { usePagedRows } from "../components/usePagedRows";
import { formatNumber, readerTimeZone } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMembers, useTags } from "../shared/team";
import { useRemoveWithUndo } from "../shared/undo";
import { ArtistCard } from "./ArtistCard";
import { ArtistImport } from "./ArtistImport";
import { useArtistColumns } from "./artistColumns";
import { ArtistForm } from "./ArtistForm";
import { CrmTabs } from "./CrmTabs";
import { stageName, useStages } from "./pipeline";
import { artistKeys, useArtistGenres, useArtistViews, useDeleteArtist, useRemoveArtistView, useRestoreArtist, useSaveArtistView } from "./queries";

/** Rows asked at a time while browsing the list. */
const LIST_PAGE_ROWS = 100;
/**
 * Rows asked at a time for a search: two screens. Each row found outside its
 * name carries the passage that matched, read from its exchanges, and that
 * reading was half of a broad search's time for 100 rows (docs/PERFORMANCE.md,
 * "Search pages"); the next page comes as the list scrolls.
 */
const SEARCH_PAGE_ROWS = 40;

const noFilters: ArtistFilters = { stageIds: [], ownerId: null, minScore: null, maxScore: null, genre: null, tagId: null, lastContact: null };

/** The last-contact filter's choices: who was reached lately, who to call back. */
const contactChoices = ["any", "within_7", "within_30", "not_for_30", "not_for_90", "never"] as const;
type ContactChoice = (typeof contactChoices)[number];

function lastContactOf(choice: string): LastContact | null {
  const [kind, days] = choice.split(/_(?=\d)/);
  if (kind === "never") return { kind: "never" };
  if (kind === "within" || kind === "not_for") return { kind, days: Number(days) };
  return null;
}

function contactChoiceOf(filter: LastContact | null): ContactChoice {
  if (!filter) return "any";
  const choice = filter.kind === "never" ? "never" : `${filter.kind}_${filter.days}`;
  return contactChoices.find((c) => c === choice) ?? "any";
}

/** The CRM's artist list with the selected card (or the form) beside it. */
export function ArtistsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [location, navigate] = useLocation();
  const [editing, editRoute] = useRoute("/crm/artists/:artistId/edit");
  const [, cardRoute] = useRoute("/crm/artists/:artistId");
  // From the palette's "log an exchange with…": the card, ready to type.
  const [logging, logRoute] = useRoute("/crm/artists/:artistId/log");
  const creating = location === "/crm/artists/new";
  const artistId = editRoute?.artistId ?? logRoute?.artistId ?? (creating ? undefined : cardRoute?.artistId);

  const stages = useStages().data ?? [];
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState<{ key: ArtistSortField; direction: "asc" | "desc" }>({ key: "name", direction: "asc" });
  const members = useMembers().data ?? [];
  const tags = useTags().data ?? [];
  const genres = useArtistGenres().data ?? [];
  const [filters, setFilters] = useState<ArtistFilters>(noFilters);
  // Any filter set: a stage chosen, or any other filter not empty.
  const filtered = filters.stageIds.length > 0 || Object.entries(filters).some(([key, value]) => key !== "stageIds" && value !== null);
  const listKey = useMemo(
    () => artistKeys.list({ search: deferredSearch || null, sort: sort.key, direction: sort.direction, filters }),
    [deferredSearch, sort, filters],
  );
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call(commands.listArtists({ search: deferredSearch || null, sort: sort.key, direction: sort.direction, offset, limit, filters })),
    [deferredSearch, sort, filters],
  );
  const views = useArtistViews().data ?? [];
  const saveView = useSaveArtistView();
  const removeView = useRemoveArtistView();
  const [viewId, setViewId] = useState("");
  const [viewName, setViewName] = useState("");
  function applyView(id: string) {
    setViewId(id);
    const view = views.find((v) => v.id === id);
    if (!view) return;
    setSearch(view.query.search ?? "");
    setSort({ key: view.query.sort, direction: view.query.direction });
    setFilters(view.query.filters);
  }
  function saveCurrentView() {
    saveView.mutate(
      { name: viewName, query: { search: deferredSearch || null, sort: sort.key, direction: sort.direction, offset: 0, limit: 0, filters } },
      {
        onSuccess: (saved) => {
          toast.success(t("crm.savedViews.saved", { name: viewName.trim() }));
          setViewId(saved.find((v) => v.name.toLowerCase() === viewName.trim().toLowerCase())?.id ?? "");
          setViewName("");
        },
        onError: (error) => toast.error(describeError(t, error)),
      },
    );
  }
  /** A typed score bound: empty is no bound; anything else is clamped to 0–100. */
  const bound = (text: string) => (text.trim() === "" || Number.isNaN(Number(text)) ? null : Math.min(100, Math.max(0, Math.round(Number(text)))));
  const rows = usePagedRows<ArtistRow>(listKey, fetchPage, deferredSearch ? SEARCH_PAGE_ROWS : LIST_PAGE_ROWS);

  const [toDelete, setToDelete] = useState<{ id: string; name: string } | null>(null);
  const removeWithUndo = useRemoveWithUndo(useDeleteArtist(), useRestoreArtist());

  function confirmDelete() {
    if (!toDelete) return;
    const { id, name } = toDelete;
    removeWithUndo(id, {
      removed: t("crm.deleted", { name }),
      restored: t("crm.restored", { name }),
      then: () => {
        if (artistId === id) navigate("/crm");
      },
    });
  }

  const { columns, chooser } = useArtistColumns();

  // The list as shown goes to a spreadsheet: same search, order and columns,
  // with the separator a spreadsheet in the reader's language expects.
  const exportList = useMutation({
    mutationFn: () =>
      call(
        commands.exportArtists(
          { search: deferredSearch || null, sort: sort.key, direction: sort.direction, offset: 0, limit: 0, filters },
          {
            columns: columns.map((c) => [c.id as ArtistColumn, c.header]),
            separator: language === "fr" ? "semicolon" : "comma",
            stageNames: stages.map((s) => [s.id, stageName(t, s)]),
            timeZone: readerTimeZone(),
          },
        ),
      ),
  });

  const total = rows.total;
  const side = creating ? (
    <ArtistForm key="new" onDone={(id) => navigate(id ? `/crm/artists/${id}` : "/crm")} />
  ) : editing && artistId ? (
    <ArtistForm key={`edit-${artistId}`} artistId={artistId} onDone={() => navigate(`/crm/artists/${artistId}`)} />
  ) : artistId ? (
    <ArtistCard
      key={`${artistId}-${logging ? "log" : "card"}`}
      artistId={artistId}
      logNow={logging}
      onEdit={() => navigate(`/crm/artists/${artistId}/edit`)}
      onDelete={(name) => setToDelete({ id: artistId, name })}
      onClose={() => navigate("/crm")}
    />
  ) : (
    <p className="p-8 text-sm text-zinc-500">{t("crm.selectHint")}</p>
  );

  return (
    <div className="flex h-full">
      <section aria-labelledby="artists-title" className="flex min-w-0 flex-1 flex-col p-6">
        <CrmTabs />
        <header className="mb-4 flex items-center gap-4">
          <h1 id="artists-title" className="text-2xl font-bold">
            {t("crm.title")}
          </h1>
          {total !== undefined ? (
            <span className="text-sm text-zinc-500" role="status">
              {t("crm.count", { count: total, formattedCount: formatNumber(language, total) })}
            </span>
          ) : null}
          <div className="ml-auto">{chooser}</div>
          <button
            type="button"
            disabled={exportList.isPending || total === 0}
            onClick={() =>
              exportList.mutate(undefined, {
                onSuccess: (path) => toast.success(t("crm.exported", { path }), { duration: 10_000 }),
                onError: (error) => toast.error(describeError(t, error)),
              })
            }
            className="inline-flex items-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-sm disabled:opacity-50 dark:border-zinc-700"
          >
            <Download aria-hidden size={16} />
            {t("crm.export")}
          </button>
          <ArtistImport />
          <button
            type="button"
            onClick={() => navigate("/crm/artists/new")}
            className="inline-flex items-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            <Plus aria-hidden size={16} />
            {t("crm.new")}
          </button>
        </header>
        <label className="relative mb-4 block">
          <span className="sr-only">{t("crm.search")}</span>
          <Search aria-hidden size={16} className="absolute left-3 top-1/2 -translate-y-1/2 text-zinc-400" />
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t("crm.searchPlaceholder")}
            className="w-full rounded-lg border border-zinc-300 bg-white py-2 pl-9 pr-3 text-sm outline-none focus:border-brand-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <div role="group" aria-label={t("crm.savedViews.label")} className="mb-2 flex flex-wrap items-end gap-2">
          <div className="w-56">
            <SelectField
              label={t("crm.savedViews.choose")}
              name="saved-view"
              value={viewId}
              onChange={(e) => applyView(e.target.value)}
              options={[{ value: "", label: t("crm.savedViews.none") }, ...views.map((v) => ({ value: v.id, label: v.name }))]}
            />
          </div>
          {viewId ? (
            <button
              type="button"
              onClick={() => removeView.mutate(viewId, { onSuccess: () => setViewId(""), onError: (error) => toast.error(describeError(t, error)) })}
              className="mb-0.5 rounded-lg px-3 py-2 text-sm text-red-600 hover:bg-red-50 dark:hover:bg-red-950"
            >
              {t("crm.savedViews.remove")}
            </button>
          ) : null}
          <form
            className="ml-auto flex items-end gap-2"
            aria-label={t("crm.savedViews.save")}
            onSubmit={(e) => {
              e.preventDefault();
              saveCurrentView();
            }}
          >
            <TextField label={t("crm.savedViews.name")} name="view-name" value={viewName} onChange={(e) => setViewName(e.target.value)} placeholder={t("crm.savedViews.namePlaceholder")} />
            <button type="submit" disabled={viewName.trim() === "" || saveView.isPending} className="mb-0.5 rounded-lg border border-zinc-300 px-3 py-2 text-sm disabled:opacity-40 dark:border-zinc-700">
              {t("crm.savedViews.save")}
            </button>
          </form>
        </div>
        <div role="group" aria-label={t("crm.filters.label")} className="mb-4 grid grid-cols-[1fr_1fr_1fr_6rem_6rem] items-end gap-2">
          <SelectField
            label={t("crm.columns.stage")}
            name="filter-stage"
            value={filters.stageIds[0] ?? ""}
            onChange={(e) => setFilters({ ...filters, stageIds: e.target.value === "" ? [] : [e.target.value] })}
            options={[{ value: "", label: t("pipeline.allStages") }, ...stages.map((s) => ({ value: s.id, label: stageName(t, s) }))]}
          />
          <SelectField
            label={t("crm.fields.ownerId")}
            name="filter-owner"
            value={filters.ownerId ?? ""}
            onChange={(e) => setFilters({ ...filters, ownerId: e.target.value === "" ? null : e.target.value })}
            options={[{ value: "", label: t("crm.filters.anyone") }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
          />
          <SelectField
            label={t("crm.columns.genres")}
            name="filter-genre"
            value={filters.genre ?? ""}
            onChange={(e) => setFilters({ ...filters, genre: e.target.value === "" ? null : e.target.value })}
            options={[
              { value: "", label: t("crm.filters.anyGenre") },
              ...genres.map((g) => ({ value: g.name, label: t("crm.filters.genreCount", { genre: g.name, count: g.cards }) })),
            ]}
          />
          <TextField label={t("crm.filters.minScore")} name="filter-min-score" inputMode="numeric" value={filters.minScore?.toString() ?? ""} onChange={(e) => setFilters({ ...filters, minScore: bound(e.target.value) })} />
          <TextField label={t("crm.filters.maxScore")} name="filter-max-score" inputMode="numeric" value={filters.maxScore?.toString() ?? ""} onChange={(e) => setFilters({ ...filters, maxScore: bound(e.target.value) })} />
          <SelectField
            label={t("crm.columns.tags")}
            name="filter-tag"
            value={filters.tagId ?? ""}
            onChange={(e) => setFilters({ ...filters, tagId: e.target.value === "" ? null : e.target.value })}
            options={[{ value: "", label: t("crm.filters.anyTag") }, ...tags.map((tag) => ({ value: tag.id, label: tag.name }))]}
          />
          <SelectField
            label={t("crm.columns.last_contact")}
            name="filter-last-contact"
            value={contactChoiceOf(filters.lastContact)}
            onChange={(e) => setFilters({ ...filters, lastContact: lastContactOf(e.target.value) })}
            options={contactChoices.map((choice) => ({ value: choice, label: t(`crm.filters.lastContact.${choice}`) }))}
          />
          <button
            type="button"
            disabled={!filtered}
            onClick={() => setFilters(noFilters)}
            className="mb-0.5 rounded-lg px-3 py-2 text-sm text-zinc-600 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            {t("crm.filters.clear")}
          </button>
        </div>
        {rows.error ? (
          <p role="alert" className="text-red-600">
            {describeError(t, rows.error)}
          </p>
        ) : total === 0 ? (
          <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
            {deferredSearch ? (
              <p>{t("crm.noMatch", { search: deferredSearch })}</p>
            ) : filtered ? (
              <p>{t("crm.filters.none")}</p>
            ) : (
              <>
                <p className="font-medium">{t("crm.noArtists")}</p>
                <p className="text-sm text-zinc-500">{t("crm.noArtistsHint")}</p>
              </>
            )}
          </div>
        ) : (
          <div className="min-h-0 flex-1">
            <DataTable
              label={t("crm.title")}
              columns={columns}
              rowCount={total ?? 0}
              rowAt={rows.rowAt}
              rowId={(a) => a.id}
              onRangeChange={rows.showRange}
              sort={sort}
              onSortChange={(key) =>
                setSort((current) => ({
                  key,
                  direction: current.key === key && current.direction === "asc" ? "desc" : "asc",
                }))
              }
              sortLabel={(column) => t("crm.sortBy", { column })}
              selectedId={artistId}
              onActivate={(a) => navigate(`/crm/artists/${a.id}`)}
              onDelete={(a) => setToDelete({ id: a.id, name: a.name })}
            />
          </div>
        )}
      </section>
      <aside className="w-[360px] shrink-0 overflow-y-auto border-l border-zinc-200 dark:border-zinc-800">{side}</aside>
      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(open) => !open && setToDelete(null)}
        title={t("crm.confirmDelete.title", { name: toDelete?.name ?? "" })}
        body={t("crm.confirmDelete.body")}
        confirmLabel={t("crm.confirmDelete.confirm")}
        cancelLabel={t("crm.confirmDelete.cancel")}
        onConfirm={confirmDelete}
      />
    </div>
  );
}
