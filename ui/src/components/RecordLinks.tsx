// The records a record is linked to (a task to its artist, sponsor, live and
// post), shown as chips, and one search box that finds any of them by name.
// At most one record of each kind: choosing another replaces it.
import { Command } from "cmdk";
import { X } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { formatDate } from "../i18n";
import { type RecordKind, type RecordRef, recordKind, useFoundRecords } from "../shared/records";
import { useLanguage } from "../shared/preferences";

const option =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm data-[selected=true]:bg-brand-100 data-[selected=true]:text-brand-700 dark:data-[selected=true]:bg-brand-700/30 dark:data-[selected=true]:text-brand-100";

export function RecordLinks({
  kinds,
  chosen,
  onChange,
  disabled,
}: {
  kinds: RecordKind[];
  chosen: RecordRef[];
  onChange: (chosen: RecordRef[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const found = useFoundRecords(typed, kinds);
  const results = typed.trim() ? (found.data ?? []).filter((r) => !chosen.some((c) => c.id === r.id)) : [];

  function choose(record: RecordRef) {
    onChange([...chosen.filter((c) => c.kind !== record.kind), record].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind)));
    setTyped("");
  }

  return (
    <div className="space-y-1.5">
      <span id="record-links" className="block text-sm font-medium">
        {t("links.title")}
      </span>
      {chosen.length > 0 ? (
        <ul aria-labelledby="record-links" className="flex flex-wrap gap-1.5">
          {chosen.map((record) => (
            <li key={record.id}>
              <Chip record={record} onRemove={disabled ? undefined : () => onChange(chosen.filter((c) => c.id !== record.id))} />
            </li>
          ))}
        </ul>
      ) : disabled ? (
        <p className="text-sm text-zinc-500">{t("links.none")}</p>
      ) : null}
      {disabled ? null : (
        <Command shouldFilter={false} label={t("links.find")} className="relative">
          <Command.Input
            value={typed}
            onValueChange={setTyped}
            aria-label={t("links.find")}
            placeholder={t("links.find")}
            className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          {typed.trim() ? (
            <Command.List className="mt-1 max-h-64 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
              {found.isSuccess && results.length === 0 ? <p className="px-2 py-1.5 text-sm text-zinc-500">{t("links.nothingFound", { typed: typed.trim() })}</p> : null}
              {kinds.map((kind) => {
                const ofKind = results.filter((r) => r.kind === kind);
                if (ofKind.length === 0) return null;
                const Icon = recordKind[kind].icon;
                return (
                  <Command.Group key={kind} heading={t(`links.kinds.${kind}`)} className="text-xs font-semibold text-zinc-500 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1">
                    {ofKind.map((record) => (
                      <Command.Item key={record.id} value={`${kind}-${record.id}`} onSelect={() => choose(record)} className={option}>
                        <Icon aria-hidden size={14} className="shrink-0 text-zinc-500" />
                        <span className="font-normal text-zinc-900 dark:text-zinc-100">{record.name}</span>
                        <Details record={record} />
                      </Command.Item>
                    ))}
                  </Command.Group>
                );
              })}
            </Command.List>
          ) : null}
        </Command>
      )}
    </div>
  );
}

/** What tells two namesakes apart: the city or website, the date. */
function Details({ record }: { record: RecordRef }) {
  const language = useLanguage();
  const parts = [record.hint, record.at ? formatDate(language, record.at) : null].filter(Boolean);
  return parts.length > 0 ? <span className="truncate font-normal text-zinc-500">· {parts.join(" · ")}</span> : null;
}

function Chip({ record, onRemove }: { record: RecordRef; onRemove?: () => void }) {
  const { t } = useTranslation();
  const { icon: Icon, path } = recordKind[record.kind];
  const kind = t(`links.kinds.${record.kind}`);
  return (
    <span className="flex items-center gap-1.5 rounded-full border border-zinc-200 bg-zinc-50 py-0.5 pl-2 pr-1 text-sm dark:border-zinc-700 dark:bg-zinc-800">
      <Icon aria-hidden size={14} className="text-zinc-500" />
      <span className="text-zinc-500">{kind}</span>
      {path ? (
        <Link href={path(record.id)} className="font-medium text-brand-700 underline dark:text-brand-100">
          {record.name}
        </Link>
      ) : (
        <span className="font-medium">{record.name}</span>
      )}
      {onRemove ? (
        <button type="button" aria-label={t("links.unlink", { name: record.name })} onClick={onRemove} className="rounded-full p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-700">
          <X aria-hidden size={12} />
        </button>
      ) : null}
    </span>
  );
}
