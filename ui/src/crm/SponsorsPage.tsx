// SPARK's sponsors: the list (what is open with each, what is due) beside the selected
// sponsor: its people, its deals weighted by their chance, its promises and their proof,
// and the history of every exchange with it.
import { Plus, Search } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useRoute } from "wouter";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { formatDate, formatMoney } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useRemoveWithUndo } from "../shared/undo";
import { CrmTabs } from "./CrmTabs";
import { SponsorCard } from "./SponsorCard";
import { SponsorForm } from "./SponsorForm";
import { useDealPipeline, useDeleteSponsor, useRestoreSponsor, useSponsorList } from "./sponsors";

export function SponsorsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [location, navigate] = useLocation();
  const [, editRoute] = useRoute("/crm/sponsors/:sponsorId/edit");
  const [, cardRoute] = useRoute("/crm/sponsors/:sponsorId");
  const creating = location === "/crm/sponsors/new";
  const sponsorId = editRoute?.sponsorId ?? (creating ? undefined : cardRoute?.sponsorId);
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const list = useSponsorList(deferred);
  const deals = useDealPipeline();
  const removeWithUndo = useRemoveWithUndo(useDeleteSponsor(), useRestoreSponsor());
  const [toDelete, setToDelete] = useState<{ id: string; name: string } | null>(null);
  const weighted = (deals.data ?? []).filter((d) => d.stage !== "won" && d.stage !== "lost").reduce((sum, d) => sum + d.weightedMinor, 0);

  function confirmDelete() {
    if (!toDelete) return;
    const { id, name } = toDelete;
    removeWithUndo(id, { removed: t("sponsors.deleted", { name }), then: () => navigate("/crm/sponsors") });
  }

  const side = creating ? (
    <SponsorForm key="new" onDone={(id) => navigate(id ? `/crm/sponsors/${id}` : "/crm/sponsors")} />
  ) : editRoute && sponsorId ? (
    <SponsorForm key={`edit-${sponsorId}`} sponsorId={sponsorId} onDone={() => navigate(`/crm/sponsors/${sponsorId}`)} />
  ) : sponsorId ? (
    <SponsorCard key={sponsorId} sponsorId={sponsorId} onEdit={() => navigate(`/crm/sponsors/${sponsorId}/edit`)} onDelete={(name) => setToDelete({ id: sponsorId, name })} onClose={() => navigate("/crm/sponsors")} />
  ) : (
    <p className="p-8 text-sm text-zinc-500">{t("sponsors.selectHint")}</p>
  );

  return (
    <div className="flex h-full">
      <section aria-labelledby="sponsors-title" className="flex min-w-0 flex-1 flex-col p-6">
        <CrmTabs />
        <header className="mb-4 flex flex-wrap items-center gap-4">
          <h1 id="sponsors-title" className="text-2xl font-bold">
            {t("sponsors.title")}
          </h1>
          <button type="button" onClick={() => navigate("/crm/sponsors/new")} className="ml-auto inline-flex items-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            <Plus aria-hidden size={16} />
            {t("sponsors.new")}
          </button>
        </header>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-300" role="status">
          {t("sponsors.pipeline", { weighted: formatMoney(language, weighted) })}
        </p>
        <label className="relative mb-4 block">
          <span className="sr-only">{t("sponsors.search")}</span>
          <Search aria-hidden size={16} className="absolute top-1/2 left-3 -translate-y-1/2 text-zinc-400" />
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("sponsors.searchPlaceholder")}
            className="w-full rounded-lg border border-zinc-300 bg-white py-2 pr-3 pl-9 text-sm outline-none focus:border-brand-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        {list.isError ? (
          <p role="alert" className="text-red-600">
            {describeError(t, list.error)}
          </p>
        ) : list.data?.length === 0 ? (
          <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
            <p>{deferred ? t("sponsors.noMatch", { search: deferred }) : t("sponsors.none")}</p>
          </div>
        ) : (
          <ul aria-label={t("sponsors.title")} className="min-h-0 flex-1 divide-y divide-zinc-100 overflow-y-auto rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {(list.data ?? []).map((row) => (
              <li key={row.id}>
                <button
                  type="button"
                  aria-current={row.id === sponsorId ? "true" : undefined}
                  onClick={() => navigate(`/crm/sponsors/${row.id}`)}
                  className={`flex w-full items-center gap-3 px-3 py-2 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900 ${row.id === sponsorId ? "bg-brand-50 dark:bg-zinc-800" : ""}`}
                >
                  <span className="min-w-0 flex-1 truncate font-medium">{row.name}</span>
                  <span className="w-20 text-zinc-500">{t(`sponsors.statuses.${row.status}`)}</span>
                  <span className="w-20 text-zinc-500">{t("sponsors.openDeals", { count: row.openDeals })}</span>
                  <span className="w-24 text-right tabular-nums">{formatMoney(language, row.weightedMinor)}</span>
                  <span className="w-36 text-right text-xs">
                    {row.overdueDeliverables > 0 ? (
                      <span className="rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-700 dark:bg-red-900/40 dark:text-red-200">{t("sponsors.overdue", { count: row.overdueDeliverables })}</span>
                    ) : row.nextDueAt ? (
                      <span className="text-zinc-500">{t("sponsors.nextDue", { when: formatDate(language, row.nextDueAt) })}</span>
                    ) : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <aside aria-label={t("sponsors.detail")} className="w-[30rem] shrink-0 overflow-y-auto border-l border-zinc-200 dark:border-zinc-800">
        {side}
      </aside>
      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(open) => (open ? null : setToDelete(null))}
        title={t("sponsors.confirmDelete", { name: toDelete?.name ?? "" })}
        body={t("crm.confirmDelete.body")}
        confirmLabel={t("crm.confirmDelete.confirm")}
        cancelLabel={t("crm.confirmDelete.cancel")}
        onConfirm={confirmDelete}
      />
    </div>
  );
}
