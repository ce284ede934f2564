// A person of the chat, opened from their name: what they said lately in
// this channel, and what a moderator can do (time out, ban, unban) through
// Twitch's API. A ban is asked first; a timeout is one click, as in
// Twitch's own moderator view.
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { ModerationAction } from "../bindings";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import type { ChatLine } from "./chatFeed";
import { recentOf } from "./chatFeed";

export interface ChatPerson {
  login: string;
  userId: string;
  name: string;
}

const timeouts = [60, 600, 3600] as const;

/** Sends a moderation action; says what happened. */
export async function moderate(channel: string, action: ModerationAction, done: string, t: TFunction): Promise<boolean> {
  try {
    await call(commands.twitchModerate(channel, action));
    toast.success(done);
    return true;
  } catch (failure) {
    toast.error(describeError(t, failure));
    return false;
  }
}

export function ChatUserCard({ channel, person, lines, onClose }: { channel: string; person: ChatPerson; lines: readonly ChatLine[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [confirmBan, setConfirmBan] = useState(false);
  const recent = recentOf(lines, person.login);
  const time = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });
  return (
    <aside aria-label={t("chat.card.label", { name: person.name })} className="absolute inset-y-2 right-2 z-10 flex w-72 flex-col rounded-xl border border-zinc-200 bg-white p-3 shadow-xl dark:border-zinc-700 dark:bg-zinc-900">
      <header className="mb-2 flex items-center justify-between">
        <h3 className="font-semibold">{person.name}</h3>
        <button type="button" onClick={onClose} className="rounded px-2 text-sm text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          {t("chat.card.close")}
        </button>
      </header>
      <h4 className="text-xs font-medium uppercase text-zinc-500">{t("chat.card.recent")}</h4>
      <ul className="my-1 min-h-0 flex-1 space-y-1 overflow-auto text-sm">
        {recent.length === 0 ? <li className="text-zinc-500">{t("chat.card.nothing")}</li> : null}
        {recent.map((line) => (
          <li key={line.key} className={line.deleted ? "text-zinc-400 line-through" : undefined}>
            <span className="mr-1 text-xs tabular-nums text-zinc-400">{time.format(new Date(line.message.sentAt))}</span>
            {line.message.parts.map((part) => (part.kind === "text" ? part.text : part.name)).join("")}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-1 border-t border-zinc-200 pt-2 dark:border-zinc-700" role="group" aria-label={t("chat.card.moderation")}>
        {timeouts.map((seconds) => (
          <button
            key={seconds}
            type="button"
            onClick={() => void moderate(channel, { kind: "timeout", user_id: person.userId, seconds, reason: "" }, t("chat.card.timedOut", { name: person.name }), t)}
            className="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t(`chat.card.timeout.${seconds}`)}
          </button>
        ))}
        <button type="button" onClick={() => setConfirmBan(true)} className="rounded-md bg-red-600 px-2 py-1 text-xs font-medium text-white hover:bg-red-700">
          {t("chat.card.ban")}
        </button>
        <button
          type="button"
          onClick={() => void moderate(channel, { kind: "unban", user_id: person.userId }, t("chat.card.unbanned", { name: person.name }), t)}
          className="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t("chat.card.unban")}
        </button>
      </div>
      <ConfirmDialog
        open={confirmBan}
        onOpenChange={setConfirmBan}
        title={t("chat.card.banTitle", { name: person.name })}
        body={t("chat.card.banBody", { channel })}
        confirmLabel={t("chat.card.ban")}
        cancelLabel={t("chat.card.keep")}
        onConfirm={() => void moderate(channel, { kind: "ban", user_id: person.userId, reason: "" }, t("chat.card.banned", { name: person.name }), t)}
      />
    </aside>
  );
}
