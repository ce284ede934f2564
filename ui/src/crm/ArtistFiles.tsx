// The files kept with an artist's card: the signed contract, the press kit,
// photos. Added from the system's file chooser, opened with the system's own
// program, taken off with an undo. A teammate's file whose bytes stayed on
// their computer is listed as such.
import type { TFunction } from "i18next";
import { FileText, Image as ImageIcon, Music, Paperclip, Trash2, Video } from "lucide-react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { FileKind, KeptFile } from "../bindings";
import { FileButton } from "../components/FileButton";
import { formatDate, formatFileSize } from "../i18n";
import { appErrorOf } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useRemoveWithUndo } from "../shared/undo";
import { useArtistFiles, useAttachArtistFile, useOpenKeptFile, useRemoveKeptFile, useRestoreKeptFile } from "./queries";

const ICONS: Record<FileKind, typeof FileText> = { image: ImageIcon, video: Video, audio: Music, document: FileText, other: Paperclip };

export function ArtistFiles({ artistId }: { artistId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const files = useArtistFiles(artistId);
  const attach = useAttachArtistFile(artistId);
  const open = useOpenKeptFile();
  const removeWithUndo = useRemoveWithUndo(useRemoveKeptFile(), useRestoreKeptFile());
  const failed = (error: unknown) => toast.error(describeError(t, error));

  function keep(file: File) {
    attach.mutate(file, {
      onSuccess: (kept) => toast.success(t("crm.files.added", { name: kept.name })),
      onError: (error) => toast.error(whyNotKept(t, error)),
    });
  }

  function takeOff(file: KeptFile) {
    removeWithUndo(file.id, { removed: t("crm.files.removed", { name: file.name }) });
  }

  return (
    <section aria-label={t("crm.files.title")} className="space-y-2">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-zinc-500">{t("crm.files.title")}</h3>
        <FileButton label={attach.isPending ? t("crm.files.adding") : t("crm.files.add")} disabled={attach.isPending} testId="artist-file" onFile={keep} />
      </div>
      {files.data?.length === 0 ? <p className="text-sm text-zinc-500">{t("crm.files.none")}</p> : null}
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {(files.data ?? []).map((file) => {
          const Icon = ICONS[file.kind];
          return (
            <li key={file.id} className="flex items-center gap-3 py-2">
              <Icon aria-hidden size={16} className="shrink-0 text-zinc-500" />
              <div className="min-w-0 flex-1">
                {file.onThisDevice ? (
                  <button type="button" onClick={() => open.mutate(file.id, { onError: failed })} className="block max-w-full truncate text-left text-sm font-medium hover:underline" aria-label={t("crm.files.open", { name: file.name })}>
                    {file.name}
                  </button>
                ) : (
                  <p className="truncate text-sm font-medium">{file.name}</p>
                )}
                <p className="text-xs text-zinc-500">
                  {formatFileSize(language, file.byteSize)} · {formatDate(language, file.addedAt)}
                  {file.onThisDevice ? null : ` · ${t("crm.files.elsewhere")}`}
                </p>
              </div>
              <button type="button" onClick={() => takeOff(file)} className="rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-red-600 dark:hover:bg-zinc-800" aria-label={t("crm.files.remove", { name: file.name })}>
                <Trash2 aria-hidden size={14} />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Why a chosen file was not kept, said about the file. */
function whyNotKept(t: TFunction, error: unknown): string {
  const appError = appErrorOf(error);
  const problem = appError.code === "invalid" ? appError.fields.find((f) => f.field === "file")?.problem : undefined;
  if (problem?.code === "too_large") return t("crm.files.tooLarge", { max: problem.max });
  if (problem?.code === "too_long") return t("crm.files.nameTooLong", { max: problem.max });
  return describeError(t, error);
}
