// A spreadsheet of artists imported in four steps: which column fills what
// (suggested from the headers), what would happen (new cards, duplicates
// with a choice each, cells to fix), the import itself with its progress and
// a stop button, then the report row by row. The core reads the file, finds
// duplicates and writes everything in one transaction.
import * as Dialog from "@radix-ui/react-dialog";
import type { TFunction } from "i18next";
import { Channel } from "@tauri-apps/api/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { CellProblem, CsvSheet, DuplicateChoice, ImportField, ImportPreview, ImportProgress, ImportReport, Platform } from "../bindings";
import { FileButton } from "../components/FileButton";
import { appErrorOf, base64Of, call, commands } from "../shared/bridge";
import { describeCsvProblem, describeError, describeFieldError } from "../shared/errors";
import { useMay } from "../shared/team";
import { artistKeys } from "./queries";

const PLATFORMS: Platform[] = ["instagram", "tiktok", "youtube", "twitch", "spotify", "soundcloud", "facebook", "x"];
const SIMPLE: ImportField["field"][] = ["name", "legal_name", "email", "phone", "city", "country", "genres", "languages", "notes", "stage", "contact_every_days", "figures_date"];

/** Every field a column can fill, as a stable key and the field itself. */
const FIELDS: [string, ImportField][] = [
  ...SIMPLE.map((field): [string, ImportField] => [field, { field } as ImportField]),
  ...PLATFORMS.flatMap((platform): [string, ImportField][] => [
    [`handle:${platform}`, { field: "handle", platform }],
    [`followers:${platform}`, { field: "followers", platform }],
  ]),
];

function keyOf(field: ImportField | null): string {
  if (field === null) return "";
  return field.field === "handle" || field.field === "followers" ? `${field.field}:${field.platform}` : field.field;
}

function fieldOf(key: string): ImportField | null {
  return FIELDS.find(([k]) => k === key)?.[1] ?? null;
}

type Step =
  | { step: "mapping"; sheet: CsvSheet; mapping: (ImportField | null)[] }
  | { step: "preview"; sheet: CsvSheet; mapping: (ImportField | null)[]; preview: ImportPreview }
  | { step: "importing"; sheet: CsvSheet; progress: ImportProgress | null }
  | { step: "done"; sheet: CsvSheet; report: ImportReport };

export function ArtistImport() {
  const { t } = useTranslation();
  const mayImport = useMay("import");
  const mayEdit = useMay("edit_records");
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [reading, setReading] = useState(false);
  if (!mayImport || !mayEdit) return null;

  async function chosen(picked: File) {
    setReading(true);
    try {
      const data = await base64Of(picked);
      const sheet = await call(commands.readArtistSpreadsheet(data));
      setFile({ name: picked.name, data });
      setStep({ step: "mapping", sheet, mapping: sheet.mapping });
    } catch (error) {
      toast.error(describeError(t, error), { duration: 15_000 });
    } finally {
      setReading(false);
    }
  }

  return (
    <>
      <FileButton label={t("crm.import.button")} accept=".csv,.tsv,.txt,text/csv" disabled={reading} testId="artist-spreadsheet" onFile={(file) => void chosen(file)} />
      {step && file ? <ImportDialog fileName={file.name} data={file.data} step={step} setStep={setStep} onClose={() => setStep(null)} /> : null}
    </>
  );
}

function ImportDialog({ fileName, data, step, setStep, onClose }: { fileName: string; data: string; step: Step; setStep: (step: Step) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [choice, setChoice] = useState<DuplicateChoice>("merge");
  const [byLine, setByLine] = useState<Map<number, DuplicateChoice>>(new Map());
  const importing = step.step === "importing";

  async function previewIt(sheet: CsvSheet, mapping: (ImportField | null)[]) {
    setBusy(true);
    setError(null);
    try {
      const preview = await call(commands.previewArtistImport(data, mapping));
      setStep({ step: "preview", sheet, mapping, preview });
    } catch (e) {
      setError(describeImportError(t, e, sheet));
    } finally {
      setBusy(false);
    }
  }

  async function importIt(sheet: CsvSheet, mapping: (ImportField | null)[]) {
    setError(null);
    setStep({ step: "importing", sheet, progress: null });
    const progress = new Channel<ImportProgress>();
    progress.onmessage = (p) => setStep({ step: "importing", sheet, progress: p });
    try {
      const report = await call(commands.importArtists(data, mapping, { duplicates: choice, byLine: [...byLine.entries()] }, progress));
      void client.invalidateQueries({ queryKey: artistKeys.all });
      setStep({ step: "done", sheet, report });
    } catch (e) {
      if (appErrorOf(e).code === "cancelled") {
        toast.info(t("crm.import.stopped"));
        onClose();
      } else {
        setError(describeImportError(t, e, sheet));
        setStep({ step: "mapping", sheet, mapping });
      }
    }
  }

  return (
    <Dialog.Root open onOpenChange={(open) => (open || importing ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content aria-describedby={undefined} className="fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-full max-w-3xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900">
          <Dialog.Title className="text-lg font-semibold">{t("crm.import.title", { file: fileName })}</Dialog.Title>
          <p className="mb-3 text-xs text-zinc-500">
            {t("crm.import.read", { count: step.sheet.rows, encoding: t(`crm.import.encodings.${step.sheet.encoding}`), separator: t(`crm.import.separators.${step.sheet.separator}`) })}
          </p>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {step.step === "mapping" ? <MappingStep sheet={step.sheet} mapping={step.mapping} onChange={(mapping) => setStep({ ...step, mapping })} /> : null}
            {step.step === "preview" ? <PreviewStep sheet={step.sheet} preview={step.preview} choice={choice} setChoice={setChoice} byLine={byLine} setByLine={setByLine} /> : null}
            {step.step === "importing" ? <Progress progress={step.progress} /> : null}
            {step.step === "done" ? <ReportStep sheet={step.sheet} report={step.report} /> : null}
          </div>
          {error ? (
            <p role="alert" className="mt-3 text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="mt-4 flex justify-end gap-2">
            {step.step === "importing" ? (
              <button type="button" onClick={() => void commands.stopArtistImport()} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
                {t("crm.import.stop")}
              </button>
            ) : step.step === "done" ? (
              <button type="button" onClick={onClose} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
                {t("crm.import.close")}
              </button>
            ) : (
              <>
                <button type="button" onClick={step.step === "preview" ? () => setStep({ step: "mapping", sheet: step.sheet, mapping: step.mapping }) : onClose} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
                  {step.step === "preview" ? t("crm.import.back") : t("crm.cancel")}
                </button>
                {step.step === "mapping" ? (
                  <button type="button" disabled={busy} onClick={() => void previewIt(step.sheet, step.mapping)} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
                    {t("crm.import.next")}
                  </button>
                ) : (
                  <button type="button" onClick={() => void importIt(step.sheet, step.mapping)} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
                    {t("crm.import.run", { count: step.preview.rows - step.preview.problemRows })}
                  </button>
                )}
              </>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function describeImportError(t: TFunction, error: unknown, sheet: CsvSheet): string {
  const appError = appErrorOf(error);
  if (appError.code !== "spreadsheet_file") return describeError(t, error);
  return describeCsvProblem(t, appError.problem, sheet.headers);
}

function fieldLabel(t: TFunction, field: ImportField): string {
  if (field.field === "handle" || field.field === "followers") {
    const platform: string = t(`crm.platforms.${field.platform}`);
    return field.field === "handle" ? t("crm.import.fields.handle", { platform }) : t("crm.import.fields.followers", { platform });
  }
  return t(`crm.import.fields.${field.field}`);
}

function MappingStep({ sheet, mapping, onChange }: { sheet: CsvSheet; mapping: (ImportField | null)[]; onChange: (mapping: (ImportField | null)[]) => void }) {
  const { t } = useTranslation();
  return (
    <table className="w-full text-sm">
      <caption className="mb-2 text-left text-sm">{t("crm.import.mappingHint")}</caption>
      <thead>
        <tr className="text-left text-xs text-zinc-500">
          <th className="py-1 pr-2 font-medium">{t("crm.import.column")}</th>
          <th className="py-1 pr-2 font-medium">{t("crm.import.examples")}</th>
          <th className="py-1 font-medium">{t("crm.import.fillsField")}</th>
        </tr>
      </thead>
      <tbody>
        {sheet.headers.map((header, column) => (
          <tr key={`${column}-${header}`} className="border-t border-zinc-100 dark:border-zinc-800">
            <th scope="row" className="py-1 pr-2 text-left font-medium">
              {header}
            </th>
            <td className="max-w-[16rem] truncate py-1 pr-2 text-zinc-500">
              {sheet.sample
                .map((row) => row[column] ?? "")
                .filter((v) => v !== "")
                .slice(0, 3)
                .join(" · ")}
            </td>
            <td className="py-1">
              <select
                aria-label={t("crm.import.fieldFor", { column: header })}
                value={keyOf(mapping[column] ?? null)}
                onChange={(e) => onChange(sheet.headers.map((_, i) => (i === column ? fieldOf(e.target.value) : (mapping[i] ?? null))))}
                className="w-full rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
              >
                <option value="">{t("crm.import.ignore")}</option>
                {FIELDS.map(([key, field]) => (
                  <option key={key} value={key}>
                    {fieldLabel(t, field)}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PreviewStep({
  sheet,
  preview,
  choice,
  setChoice,
  byLine,
  setByLine,
}: {
  sheet: CsvSheet;
  preview: ImportPreview;
  choice: DuplicateChoice;
  setChoice: (choice: DuplicateChoice) => void;
  byLine: Map<number, DuplicateChoice>;
  setByLine: (byLine: Map<number, DuplicateChoice>) => void;
}) {
  const { t } = useTranslation();
  const choices: DuplicateChoice[] = ["merge", "skip", "create"];
  return (
    <div className="space-y-4 text-sm">
      <p role="status">{t("crm.import.summary", { rows: preview.rows, created: preview.newCards, duplicates: preview.duplicateRows, problems: preview.problemRows })}</p>
      {preview.duplicateRows > 0 ? (
        <section aria-labelledby="import-duplicates">
          <div className="mb-1 flex items-center gap-2">
            <h3 id="import-duplicates" className="font-semibold">
              {t("crm.import.duplicates", { count: preview.duplicateRows })}
            </h3>
            <label className="ml-auto text-xs">
              {t("crm.import.forAll")}{" "}
              <select value={choice} onChange={(e) => setChoice(e.target.value as DuplicateChoice)} className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-950">
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {t(`crm.import.choices.${c}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {preview.duplicates.map((d) => (
              <li key={d.line} className="flex items-center gap-2 py-1">
                <span className="flex-1">
                  {t("crm.import.duplicateLine", {
                    line: d.line,
                    name: d.name,
                    existing: d.existingName,
                    by: d.earlierLine === null ? t(`crm.import.by.${d.by.by}`, { platform: d.by.by === "handle" ? t(`crm.platforms.${d.by.platform}`) : "" }) : t("crm.import.by.earlier", { line: d.earlierLine }),
                  })}
                </span>
                <select
                  aria-label={t("crm.import.choiceFor", { line: d.line })}
                  value={byLine.get(d.line) ?? choice}
                  onChange={(e) => setByLine(new Map(byLine).set(d.line, e.target.value as DuplicateChoice))}
                  className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs dark:border-zinc-700 dark:bg-zinc-950"
                >
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {t(`crm.import.choices.${c}`)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {preview.problemRows > 0 ? (
        <section aria-labelledby="import-problems">
          <h3 id="import-problems" className="mb-1 font-semibold">
            {t("crm.import.problems", { count: preview.problemRows })}
          </h3>
          <ProblemList sheet={sheet} rows={preview.problems} />
        </section>
      ) : null}
    </div>
  );
}

function ProblemList({ sheet, rows }: { sheet: CsvSheet; rows: { line: number; name: string; problems: CellProblem[] }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
      {rows.map((row) => (
        <li key={row.line} className="py-1">
          <span className="font-medium">{t("crm.import.line", { line: row.line, name: row.name || t("crm.none") })}</span>{" "}
          {row.problems.map((p) => `${sheet.headers[p.column] ?? ""} : ${describeFieldError(t, { field: sheet.headers[p.column] ?? "", problem: p.problem })}`).join(" · ")}
        </li>
      ))}
    </ul>
  );
}

function Progress({ progress }: { progress: ImportProgress | null }) {
  const { t } = useTranslation();
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div className="py-6">
      <p className="mb-2 text-sm">{t("crm.import.progress", { done, total })}</p>
      <div role="progressbar" aria-label={t("crm.import.progressLabel")} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: total > 0 ? `${(100 * done) / total}%` : "0%" }} />
      </div>
    </div>
  );
}

function ReportStep({ sheet, report }: { sheet: CsvSheet; report: ImportReport }) {
  const { t } = useTranslation();
  const failed = report.rows.filter((r) => r.outcome === "failed");
  return (
    <div className="space-y-3 text-sm">
      <p role="status">{t("crm.import.done", { created: report.created, merged: report.merged, skipped: report.skipped, failed: report.failed })}</p>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {report.rows
          .filter((r) => r.outcome !== "failed")
          .map((r) => (
            <li key={r.line} className="py-1">
              {r.outcome === "merged" ? t("crm.import.merged", { line: r.line, name: r.name, into: r.into }) : r.outcome === "skipped" ? t("crm.import.skipped", { line: r.line, name: r.name, existing: r.duplicate_of }) : null}
            </li>
          ))}
      </ul>
      {failed.length > 0 ? (
        <section aria-labelledby="import-failed">
          <h3 id="import-failed" className="mb-1 font-semibold">
            {t("crm.import.notImported", { count: failed.length })}
          </h3>
          <ProblemList sheet={sheet} rows={failed.map((r) => ({ line: r.line, name: r.name, problems: r.outcome === "failed" ? r.problems : [] }))} />
        </section>
      ) : null}
    </div>
  );
}
