import { useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { CalendarPlus, Languages, MessageSquarePlus, SunMoon, UserPlus, UserRound } from "lucide-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "wouter";
import { toast } from "sonner";
import { artistListQuery } from "../crm/queries";
import { formatDate, formatDay, readerTimeZone } from "../i18n";
import { useCreateTask } from "../planning/queries";
import { parseQuickTask } from "../planning/quickAdd";
import { describeError } from "../shared/errors";
import { useDarkTheme, useLanguage, useUpdateSettings } from "../shared/preferences";
import { useCurrentMember, useMay } from "../shared/team";
import { modules } from "./modules";

const item =
  "flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-sm data-[selected=true]:bg-brand-100 data-[selected=true]:text-brand-700 dark:data-[selected=true]:bg-brand-700/30 dark:data-[selected=true]:text-brand-100";
const group = "px-2 pt-2 text-xs font-semibold text-zinc-500 [&_[cmdk-group-heading]]:px-1 [&_[cmdk-group-heading]]:pb-1";

/** Ctrl/Cmd+K: jump to a module, find an artist, or run a quick action. */
export function CommandPalette({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const language = useLanguage();
  const dark = useDarkTheme();
  const updateSettings = useUpdateSettings();
  const [search, setSearch] = useState("");
  const artists = useQuery({
    ...artistListQuery({ search, sort: "name", direction: "asc", offset: 0, limit: 8 }),
    enabled: open && search.trim().length > 0,
  });

  const mayAddTasks = useMay("edit_tasks");
  const me = useCurrentMember().data;
  const createTask = useCreateTask();
  const typed = search.trim();
  const quick = useMemo(() => (typed.length >= 2 ? parseQuickTask(typed, language) : null), [typed, language]);
  const quickDue = quick?.due ? (quick.allDay ? formatDay(language, quick.due) : formatDate(language, quick.due.toISOString())) : null;
  function addQuickTask() {
    if (!quick) return;
    createTask.mutate(
      {
        title: quick.title,
        dueAt: quick.due?.toISOString() ?? null,
        allDay: quick.allDay,
        timeZone: readerTimeZone(),
        assignees: me ? [me.id] : [],
      },
      {
        onSuccess: () =>
          toast.success(quickDue ? t("palette.taskAddedFor", { title: quick.title, due: quickDue }) : t("palette.taskAdded", { title: quick.title }), {
            action: { label: t("palette.seeTasks"), onClick: () => navigate("/planning") },
          }),
        onError: (error) => toast.error(describeError(t, error)),
      },
    );
  }

  const actions = [
    { id: "new-artist", icon: UserPlus, label: t("palette.newArtist"), perform: () => navigate("/crm/artists/new") },
    {
      id: "switch-language",
      icon: Languages,
      label: t("palette.switchLanguage"),
      perform: () => updateSettings.mutate({ language: language === "fr" ? "en" : "fr", theme: null, onboarded: null }),
    },
    {
      id: "toggle-theme",
      icon: SunMoon,
      label: t("palette.toggleTheme"),
      perform: () => updateSettings.mutate({ theme: dark ? "light" : "dark", language: null, onboarded: null }),
    },
  ];

  function run(action: () => void) {
    onOpenChange(false);
    setSearch("");
    action();
  }

  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label={t("palette.title")}
      shouldFilter={false}
      overlayClassName="fixed inset-0 bg-black/30"
      contentClassName="fixed left-1/2 top-24 w-[min(640px,90vw)] -translate-x-1/2 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-2xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      <Command.Input
        value={search}
        onValueChange={setSearch}
        placeholder={t("palette.placeholder")}
        className="w-full border-b border-zinc-200 bg-transparent px-4 py-3 outline-none dark:border-zinc-700"
      />
      <Command.List className="max-h-96 overflow-y-auto p-2">
        <Command.Empty className="p-4 text-sm text-zinc-500">{t("palette.empty")}</Command.Empty>
        {artists.data && artists.data.rows.length > 0 ? (
          <Command.Group heading={t("palette.artists")} className={group}>
            {artists.data.rows.map((artist) => (
              <Command.Item
                key={artist.id}
                value={`artist-${artist.id}`}
                className={item}
                onSelect={() => run(() => navigate(`/crm/artists/${artist.id}`))}
              >
                <UserRound aria-hidden size={16} />
                {artist.name}
                {artist.city ? <span className="text-zinc-500">· {artist.city}</span> : null}
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
        {search.trim() && artists.data && artists.data.rows.length > 0 ? (
          <Command.Group heading={t("palette.logExchange")} className={group}>
            {artists.data.rows.map((artist) => (
              <Command.Item
                key={artist.id}
                value={`log-${artist.id}`}
                className={item}
                onSelect={() => run(() => navigate(`/crm/artists/${artist.id}/log`))}
              >
                <MessageSquarePlus aria-hidden size={16} />
                {t("palette.logWith", { name: artist.name })}
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
        <Command.Group heading={t("palette.navigation")} className={group}>
          {modules
            .filter((m) => matches(t(`nav.${m.id}`), search))
            .map((module) => (
              <Command.Item
                key={module.id}
                value={`go-${module.id}`}
                className={item}
                onSelect={() => run(() => navigate(module.path))}
              >
                <module.icon aria-hidden size={16} />
                {t(`nav.${module.id}`)}
                <kbd className="ml-auto text-xs text-zinc-400">{t("nav.shortcut", { key: module.key })}</kbd>
              </Command.Item>
            ))}
        </Command.Group>
        <Command.Group heading={t("palette.actions")} className={group}>
          {actions
            .filter((action) => matches(action.label, search))
            .map((action) => (
              <Command.Item key={action.id} value={action.id} className={item} onSelect={() => run(action.perform)}>
                <action.icon aria-hidden size={16} />
                {action.label}
              </Command.Item>
            ))}
        </Command.Group>
        {quick && mayAddTasks ? (
          <Command.Group heading={t("palette.quickAdd")} className={group}>
            <Command.Item value="quick-add-task" className={item} onSelect={() => run(addQuickTask)}>
              <CalendarPlus aria-hidden size={16} />
              <span className="truncate">{t("palette.newTask", { title: quick.title })}</span>
              {quickDue ? " " : null}
              {quickDue ? <span className="ml-auto shrink-0 text-xs text-zinc-500">{quickDue}</span> : null}
            </Command.Item>
          </Command.Group>
        ) : null}
      </Command.List>
    </Command.Dialog>
  );
}

/** Accent- and case-blind "contains", for the palette's own entries. */
function matches(label: string, search: string): boolean {
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return fold(label).includes(fold(search.trim()));
}
