// The prospecting pipeline: the cards by stage on the shared Kanban board (or as a list),
// with what needs a look highlighted, and how each stage converts.
import { KanbanSquare, List } from "lucide-react";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "wouter";
import type { PipelineReport_Serialize as PipelineReport, Prospect_Serialize as Prospect } from "../bindings";
import { DataTable, type Column } from "../components/DataTable";
import { SelectField } from "../components/Field";
import { KanbanBoard, type KanbanColumn, type KanbanMove } from "../components/KanbanBoard";
import { usePagedRows } from "../components/usePagedRows";
import { formatDate, formatNumber, type Language } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { CrmTabs } from "./CrmTabs";
import { AttentionBadges, PipelineCard } from "./PipelineCard";
import { useStageMove } from "./useStageMove";
import { pipelineKeys, stageName, stageTone, usePipelineBoard, usePipelineReport, useStageLookup, useStages } from "./pipeline";

type View = "board" | "list";

export function PipelinePage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>("board");
  const [listStage, setListStage] = useState<string | null>(null);
  const toggle = (value: View, Icon: typeof List, label: string) => (
    <button
      type="button"
      aria-pressed={view === value}
      onClick={() => setView(value)}
      className={`inline-flex items-center gap-1 rounded-lg px-3 py-1.5 text-sm ${view === value ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
    >
      <Icon aria-hidden size={14} />
      {label}
    </button>
  );
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="px-6 pt-6">
        <CrmTabs />
      </div>
      <header className="flex flex-wrap items-center gap-4 px-6">
        <h1 className="text-2xl font-bold">{t("pipeline.title")}</h1>
        <div role="group" aria-label={t("pipeline.view")} className="ml-auto flex gap-1">
          {toggle("board", KanbanSquare, t("pipeline.boardView"))}
          {toggle("list", List, t("pipeline.listView"))}
        </div>
      </header>
      <Report />
      {view === "board" ? (
        <PipelineBoard
          onShowAll={(stageId) => {
            setListStage(stageId);
            setView("list");
          }}
        />
      ) : (
        <ProspectList stageId={listStage} onStageChange={setListStage} />
      )}
    </div>
  );
}

function PipelineBoard({ onShowAll }: { onShowAll: (stageId: string) => void }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const board = usePipelineBoard();
  const stageMove = useStageMove();
  const columns: KanbanColumn<Prospect>[] = useMemo(
    () => (board.data ?? []).map((c) => ({ id: c.stage.id, title: stageName(t, c.stage), cards: c.cards, total: c.total })),
    [board.data, t],
  );
  const prospects = useMemo(() => new Map(columns.flatMap((c) => c.cards.map((p) => [p.artistId, p] as const))), [columns]);
  const cardId = useCallback((p: Prospect) => p.artistId, []);

  function onMove({ cardId: id, columnId }: KanbanMove) {
    const prospect = prospects.get(id);
    // Within a stage the order is the score's: only a change of stage is a move.
    if (!prospect || prospect.stageId === columnId) return;
    stageMove.request(prospect, columnId);
  }

  if (board.isPending) return <p className="p-6 text-sm text-zinc-500">{t("app.loading")}</p>;
  if (board.isError) return <p role="alert" className="p-6 text-red-600">{describeError(t, board.error)}</p>;
  return (
    <>
      <KanbanBoard
        label={t("pipeline.boardLabel")}
        columns={columns}
        cardId={cardId}
        cardLabel={(p) => p.name}
        renderCard={(p) => <PipelineCard prospect={p} />}
        onMove={onMove}
        onOpen={(p) => navigate(`/crm/artists/${p.artistId}`)}
        renderColumnFooter={(column) =>
          column.total !== undefined && column.total > column.cards.length ? (
            <button type="button" onClick={() => onShowAll(column.id)} className="mx-3 mb-3 rounded-lg px-2 py-1 text-left text-xs text-brand-700 hover:bg-zinc-200 dark:text-brand-100 dark:hover:bg-zinc-800">
              {t("pipeline.showAll", { count: column.total })}
            </button>
          ) : null
        }
      />
      {stageMove.dialog}
    </>
  );
}

function ProspectList({ stageId, onStageChange }: { stageId: string | null; onStageChange: (stageId: string | null) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [, navigate] = useLocation();
  const stages = useStages().data ?? [];
  const stageOf = useStageLookup();
  const key = useMemo(() => [...pipelineKeys.all, "list", stageId] as const, [stageId]);
  const fetchPage = useCallback((offset: number, limit: number) => call(commands.pipelineProspects({ stageId, offset, limit })), [stageId]);
  const rows = usePagedRows<Prospect>(key, fetchPage);
  const columns: Column<Prospect, never>[] = [
    { id: "name", header: t("crm.columns.name"), width: "minmax(150px,2fr)", cell: (p) => <span className="font-medium">{p.name}</span> },
    {
      id: "stage",
      header: t("crm.columns.stage"),
      width: "140px",
      cell: (p) => {
        const stage = stageOf(p.stageId);
        return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${stage ? stageTone[stage.kind] : ""}`}>{stageName(t, stage)}</span>;
      },
    },
    { id: "days", header: t("pipeline.columns.days"), width: "90px", align: "end", cell: (p) => formatNumber(language, p.daysInStage) },
    {
      id: "next",
      header: t("pipeline.nextAction"),
      width: "minmax(140px,2fr)",
      cell: (p) => (p.nextAction ? `${p.nextAction.title}${p.nextAction.dueAt ? ` · ${formatDate(language, p.nextAction.dueAt)}` : ""}` : t("crm.none")),
    },
    { id: "attention", header: t("pipeline.attention.label"), width: "minmax(120px,1.5fr)", cell: (p) => <AttentionBadges prospect={p} /> },
    { id: "score", header: t("crm.columns.score"), width: "70px", align: "end", cell: (p) => p.score },
  ];
  return (
    <div className="flex min-h-0 flex-1 flex-col p-6 pt-2">
      <div className="mb-3 w-64">
        <SelectField
          label={t("pipeline.stage")}
          name="list-stage"
          value={stageId ?? ""}
          onChange={(e) => onStageChange(e.target.value === "" ? null : e.target.value)}
          options={[{ value: "", label: t("pipeline.allStages") }, ...stages.map((s) => ({ value: s.id, label: stageName(t, s) }))]}
        />
      </div>
      {rows.error ? (
        <p role="alert" className="text-red-600">
          {describeError(t, rows.error)}
        </p>
      ) : (
        <div className="min-h-0 flex-1">
          <DataTable
            label={t("pipeline.listLabel")}
            columns={columns}
            rowCount={rows.total ?? 0}
            rowAt={rows.rowAt}
            rowId={(p) => p.artistId}
            onRangeChange={rows.showRange}
            sort={{ key: undefined as never, direction: "asc" }}
            onSortChange={() => undefined}
            sortLabel={(column) => t("crm.sortBy", { column })}
            onActivate={(p) => navigate(`/crm/artists/${p.artistId}`)}
          />
        </div>
      )}
    </div>
  );
}

/** How each stage converts and how long cards stay, from every card's history (read when opened). */
function Report() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const report = usePipelineReport(open);
  const stageOf = useStageLookup();
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} className="mx-6 mt-3 rounded-xl border border-zinc-200 px-4 py-2 dark:border-zinc-800">
      <summary className="cursor-pointer text-sm font-medium">{t("pipeline.report.title")}</summary>
      {report.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {describeError(t, report.error)}
        </p>
      ) : null}
      {report.data ? <ReportTable report={report.data} language={language} stageName={(id) => stageName(t, stageOf(id))} /> : null}
    </details>
  );
}

function ReportTable({ report, language, stageName: nameOf }: { report: PipelineReport; language: Language; stageName: (stageId: string) => string }) {
  const { t } = useTranslation();
  const { entered, won } = report;
  return (
    <>
      <p className="mt-2 text-sm">{t("pipeline.report.summary", { won, count: entered, rate: entered === 0 ? "—" : formatNumber(language, Math.round((100 * won) / entered)) })}</p>
      <table className="mt-2 w-full text-sm">
        <caption className="sr-only">{t("pipeline.report.caption")}</caption>
        <thead>
          <tr className="text-left text-zinc-500">
            <th className="py-1 font-medium">{t("pipeline.stage")}</th>
            <th className="py-1 text-right font-medium">{t("pipeline.report.entered")}</th>
            <th className="py-1 text-right font-medium">{t("pipeline.report.conversion")}</th>
            <th className="py-1 text-right font-medium">{t("pipeline.report.medianDays")}</th>
          </tr>
        </thead>
        <tbody>
          {report.stages.map((row) => (
            <tr key={row.stageId} className="border-t border-zinc-100 dark:border-zinc-900">
              <th scope="row" className="py-1 text-left font-normal">
                {nameOf(row.stageId)}
              </th>
              <td className="py-1 text-right tabular-nums">{formatNumber(language, row.entered)}</td>
              <td className="py-1 text-right tabular-nums">{row.conversionPercent === null ? "—" : `${formatNumber(language, row.conversionPercent)} %`}</td>
              <td className="py-1 text-right tabular-nums">{row.medianDays === null ? "—" : t("pipeline.report.days", { count: row.medianDays, formatted: formatNumber(language, row.medianDays) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
