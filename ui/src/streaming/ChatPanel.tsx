// Twitch chat on the Streaming screen: the channels joined (the streamer's
// own first), the messages as Twitch sends them (badges, colours, emotes,
// replies; mentions and the team's keywords highlighted), and a box to
// write with Twitch's limits shown before Twitch refuses. The list is
// virtualized and fed in batches (`chatFeed.ts`): a huge channel costs the
// page ten renders a second, each drawn in slices between frames, and a
// bounded number of lines.
import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { type FormEvent, type KeyboardEvent, memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChatMessage_Serialize as ChatMessage, ChatStatus } from "../bindings";
import { dateTimeFormat } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useFollowPushed, usePushed } from "../shared/pushed";
import { type ChatLine, forgetHeightsOfGoneLines, useChatFeed } from "./chatFeed";
import { type ChatPerson, ChatUserCard, moderate } from "./ChatUserCard";

const MAX_CHARACTERS = 500;

const chatStatusKey = ["twitch", "chat", "status"] as const;

/** The chat's status as Rust pushes it, while the panel is on screen. */
function useChatStatus(): ChatStatus | null {
  useFollowPushed<ChatStatus>(chatStatusKey, (channel) => commands.followTwitchChat(channel));
  return usePushed<ChatStatus>(chatStatusKey);
}

export function ChatPanel() {
  const { t } = useTranslation();
  const status = useChatStatus();
  const feed = useChatFeed();
  const [picked, setPicked] = useState<string | null>(null);
  const channels = status?.wanted ?? [];
  const channel = picked && channels.includes(picked) ? picked : (channels[0] ?? null);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [person, setPerson] = useState<ChatPerson | null>(null);
  // The same actions from one batch to the next, so lines already drawn are not drawn again.
  const actions = useMemo<LineActions>(
    () => ({
      reply: setReplyTo,
      open: (m) => setPerson({ login: m.login, userId: m.userId, name: m.name }),
      remove: (m) => channel && void moderate(channel, { kind: "delete", message_id: m.id }, t("chat.removed"), t),
    }),
    [channel, t],
  );

  if (!status?.signedIn) {
    return (
      <section aria-label={t("chat.title")} className="rounded-xl border border-zinc-200 p-4 text-sm dark:border-zinc-800">
        <h2 className="mb-1 font-semibold">{t("chat.title")}</h2>
        <p className="text-zinc-600 dark:text-zinc-300">{t("chat.signInFirst")}</p>
      </section>
    );
  }
  const joined = channel !== null && status.joined.includes(channel);
  const lines = channel ? (feed[channel]?.lines ?? []) : [];
  const trimmed = channel ? (feed[channel]?.trimmed ?? 0) : 0;
  return (
    <section aria-label={t("chat.title")} className="flex h-[32rem] flex-col rounded-xl border border-zinc-200 dark:border-zinc-800">
      <header className="flex flex-wrap items-center gap-2 border-b border-zinc-200 p-2 dark:border-zinc-800">
        <h2 className="px-2 font-semibold">{t("chat.title")}</h2>
        <div role="group" aria-label={t("chat.channels")} className="flex flex-wrap gap-1">
          {channels.map((name) => (
            <span key={name} className="flex items-center">
              <button
                type="button"
                aria-pressed={name === channel}
                onClick={() => setPicked(name)}
                className="rounded-l-md px-2 py-1 text-sm aria-pressed:bg-brand-600 aria-pressed:text-white"
              >
                #{name}
              </button>
              <button
                type="button"
                aria-label={t("chat.leave", { channel: name })}
                onClick={() => void commands.twitchChatLeave(name)}
                className="rounded-r-md px-1 py-1 text-sm text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                ×
              </button>
            </span>
          ))}
        </div>
        <JoinForm onJoined={setPicked} />
      </header>
      {channel && !joined ? <p role="status" className="px-4 py-1 text-xs text-zinc-500">{t("chat.joining", { channel })}</p> : null}
      <div className="relative flex min-h-0 flex-1 flex-col">
        <MessageList
          key={channel ?? ""}
          lines={lines}
          trimmed={trimmed}
          actions={actions}
          label={channel ? t("chat.messagesOf", { channel }) : t("chat.title")}
        />
        {channel && person ? <ChatUserCard channel={channel} person={person} lines={lines} onClose={() => setPerson(null)} /> : null}
      </div>
      {channel ? <SendForm channel={channel} replyTo={replyTo} onReplyDone={() => setReplyTo(null)} /> : null}
    </section>
  );
}

function JoinForm({ onJoined }: { onJoined: (channel: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    try {
      onJoined(await call(commands.twitchChatJoin(name)));
      setName("");
      setError(null);
    } catch (failure) {
      setError(describeError(t, failure));
    }
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="ml-auto flex items-center gap-1">
      <label htmlFor="chat-join" className="sr-only">{t("chat.join")}</label>
      <input id="chat-join" value={name} onChange={(e) => setName(e.target.value)} placeholder={t("chat.join")} aria-invalid={error !== null} className="w-40 rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
      {error ? <span role="alert" className="text-xs text-red-600 dark:text-red-400">{error}</span> : null}
    </form>
  );
}

/** What a message's buttons do. */
interface LineActions {
  reply: (m: ChatMessage) => void;
  /** The author's card. */
  open: (m: ChatMessage) => void;
  remove: (m: ChatMessage) => void;
}

/** A one-line message's height, laid out (text-sm's 20 px line and 4 px of padding). */
const ONE_LINE_PX = 24;
/** How close to the newest line (px) still counts as reading the newest. */
const FOLLOW_WITHIN_PX = 40;

/**
 * A row's height as the browser laid it out, read from the ResizeObserver's
 * entry; a row being mounted keeps the height known or estimated until then
 * (reading it on the spot lays the page out once per new row, about twenty a
 * batch in a flood). Alone, this did not change the flood's frames
 * measurably (docs/PERFORMANCE.md, session 28); drawing batches as
 * transitions did (`chatFeed.ts`).
 */
function heightAfterLayout(element: Element, entry: ResizeObserverEntry | undefined, virtualizer: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize[0];
  if (box) return Math.round(box.blockSize);
  const index = virtualizer.indexFromElement(element);
  return virtualizer.itemSizeCache.get(virtualizer.options.getItemKey(index)) ?? virtualizer.options.estimateSize(index);
}

function MessageList({ lines, trimmed, actions, label }: { lines: ChatLine[]; trimmed: number; actions: LineActions; label: string }) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's functions change identity each render; no React Compiler here
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ONE_LINE_PX,
    overscan: 4,
    initialRect: { width: 600, height: 400 },
    getItemKey: (index) => lines[index]?.key ?? index,
    // A chat: new lines are followed while the streamer reads the newest;
    // once they scroll up, the line they read stays in place as lines come and go.
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: FOLLOW_WITHIN_PX,
    // The trimmed marker sits above the first line.
    paddingStart: trimmed > 0 ? ONE_LINE_PX : 0,
    measureElement: heightAfterLayout,
  });
  useLayoutEffect(() => virtualizer.scrollToEnd(), [virtualizer]);
  useEffect(() => forgetHeightsOfGoneLines(virtualizer.itemSizeCache, lines), [virtualizer, lines]);
  // The virtualizer draws again as the list scrolls, and follows new lines by this same test.
  const following = virtualizer.isAtEnd();
  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} role="log" aria-label={label} className="h-full overflow-auto px-2 text-sm">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {trimmed > 0 ? <p className="h-6 text-center text-xs leading-6 text-zinc-500">{t("chat.trimmed", { count: trimmed })}</p> : null}
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index];
            if (!line) return null;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` }}>
                <Line line={line} actions={actions} />
              </div>
            );
          })}
        </div>
      </div>
      {!following ? (
        <button type="button" onClick={() => virtualizer.scrollToEnd()} className="absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full bg-brand-600 px-3 py-1 text-xs text-white shadow">
          {t("chat.backToNewest")}
        </button>
      ) : null}
    </div>
  );
}

/** One line of the chat; drawn again only when it changes (a batch adds lines, it rarely touches old ones). */
const Line = memo(function Line({ line, actions }: { line: ChatLine; actions: LineActions }) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (line.kind) {
    case "missed":
      return <p className="py-1 text-center text-xs text-amber-700 dark:text-amber-400">{t("chat.missed", { count: line.count })}</p>;
    case "notice":
      return <p className="py-0.5 text-xs italic text-zinc-500">{line.text}</p>;
    case "cleared":
      return (
        <p className="py-0.5 text-xs italic text-zinc-500">
          {line.login === null ? t("chat.chatCleared") : line.seconds === null ? t("chat.banned", { login: line.login }) : t("chat.timedOut", { login: line.login, seconds: line.seconds })}
        </p>
      );
    case "message": {
      const m = line.message;
      const time = dateTimeFormat(language, { hour: "2-digit", minute: "2-digit" }).format(new Date(m.sentAt));
      const tone = m.mentionsMe ? "bg-brand-50 dark:bg-brand-700/30" : m.keyword ? "bg-amber-50 dark:bg-amber-900/30" : "";
      return (
        <div className={`group flex gap-2 rounded py-0.5 ${tone}`} data-mention={m.mentionsMe || undefined} data-keyword={m.keyword || undefined}>
          <span className="shrink-0 tabular-nums text-xs leading-5 text-zinc-400">{time}</span>
          <p className={`min-w-0 flex-1 break-words ${line.deleted ? "text-zinc-400 line-through" : ""}`}>
            {m.replyTo?.login ? <span className="block text-xs text-zinc-500">{t("chat.inReplyTo", { login: m.replyTo.login, text: m.replyTo.text })}</span> : null}
            {m.badges.map((b) => (
              <span key={b.name} title={b.name} className="mr-1 rounded bg-zinc-200 px-1 text-[10px] uppercase text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200">
                {t(`chat.badge.${b.name}`, { defaultValue: b.name })}
              </span>
            ))}
            <button type="button" onClick={() => actions.open(m)} className="font-semibold hover:underline" style={m.color ? { color: m.color } : undefined}>
              {m.name}
            </button>
            {m.action ? " " : ": "}
            <span className={m.action ? "italic" : undefined}>
              {m.parts.map((part, index) =>
                part.kind === "text" ? (
                  <span key={index}>{part.text}</span>
                ) : (
                  <img key={index} src={`https://static-cdn.jtvnw.net/emoticons/v2/${encodeURIComponent(part.id)}/default/dark/1.0`} alt={part.name} title={part.name} className="inline h-5 align-middle" />
                ),
              )}
            </span>
            {line.deleted ? <span className="ml-1 text-xs no-underline">{t("chat.deleted")}</span> : null}
          </p>
          <span className="flex shrink-0 gap-1 self-start opacity-0 group-hover:opacity-100 group-focus-within:opacity-100">
            <button type="button" onClick={() => actions.reply(m)} aria-label={t("chat.replyTo", { name: m.name })} className="rounded px-1 text-xs text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              {t("chat.reply")}
            </button>
            {line.deleted ? null : (
              <button type="button" onClick={() => actions.remove(m)} aria-label={t("chat.removeMessageOf", { name: m.name })} className="rounded px-1 text-xs text-red-600 hover:bg-red-50 dark:hover:bg-red-950">
                {t("chat.remove")}
              </button>
            )}
          </span>
        </div>
      );
    }
  }
});

function SendForm({ channel, replyTo, onReplyDone }: { channel: string; replyTo: ChatMessage | null; onReplyDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const count = [...text.trim()].length;
  const over = count > MAX_CHARACTERS;
  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (sending || count === 0 || over) return;
    setSending(true);
    try {
      await call(commands.twitchChatSend(channel, text, replyTo?.id ?? null));
      setText("");
      setError(null);
      onReplyDone();
    } catch (failure) {
      // What was typed stays, to send again.
      setError(describeError(t, failure));
    } finally {
      setSending(false);
    }
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void send();
    } else if (event.key === "Escape" && replyTo) {
      onReplyDone();
    }
  }
  return (
    <form onSubmit={(e) => void send(e)} className="space-y-1 border-t border-zinc-200 p-2 dark:border-zinc-800" aria-label={t("chat.write")}>
      {replyTo ? (
        <p className="flex items-center gap-2 text-xs text-zinc-500">
          {t("chat.replyingTo", { name: replyTo.name })}
          <button type="button" onClick={onReplyDone} className="underline">{t("chat.cancelReply")}</button>
        </p>
      ) : null}
      <div className="flex items-end gap-2">
        <label htmlFor="chat-text" className="sr-only">{t("chat.messageTo", { channel })}</label>
        <textarea id="chat-text" rows={1} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} placeholder={t("chat.messageTo", { channel })} aria-invalid={over || error !== null} aria-describedby="chat-count" className="min-h-9 flex-1 resize-none rounded-md border border-zinc-300 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
        <button type="submit" disabled={sending || count === 0 || over} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("chat.send")}
        </button>
      </div>
      <p id="chat-count" className={`text-right text-xs tabular-nums ${over ? "text-red-600 dark:text-red-400" : "text-zinc-500"}`}>
        {over ? t("chat.tooLong", { count, max: MAX_CHARACTERS }) : `${count}/${MAX_CHARACTERS}`}
      </p>
      {error ? <p role="alert" className="text-xs text-red-600 dark:text-red-400">{error}</p> : null}
    </form>
  );
}
