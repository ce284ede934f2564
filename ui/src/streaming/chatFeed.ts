// The chat as the page keeps it: per channel, the last lines drawn, built
// from the batches Rust answers (`twitch_chat_after`). Pure functions, so
// the rules (what a deletion or a timeout does, where the "missed" marker
// goes, how many lines stay) are tested without a page.
import { startTransition, useEffect, useState } from "react";
import type { ChatBatch_Serialize as ChatBatch, ChatMessage_Serialize as ChatMessage } from "../bindings";
import { commands } from "../shared/bridge";

/** Lines a channel keeps on the page (Rust keeps as many). */
export const LINES_KEPT = 2_000;
/** The least time between two pulls: at most ten renders a second, whatever the rate. */
const PULL_EVERY_MS = 100;

export type ChatLine =
  | { kind: "message"; key: string; message: ChatMessage; deleted: boolean }
  | { kind: "missed"; key: string; count: number }
  | { kind: "notice"; key: string; text: string }
  | { kind: "cleared"; key: string; login: string | null; userId: string | null; seconds: number | null };

export interface ChannelFeed {
  lines: ChatLine[];
  /** Lines that left the page's memory (the oldest first). */
  trimmed: number;
}

export type Feed = Record<string, ChannelFeed>;

const empty: ChannelFeed = { lines: [], trimmed: 0 };

/** The feed with one batch applied. Each channel's lines stay under `kept`. */
export function applyBatch(feed: Feed, batch: ChatBatch, kept = LINES_KEPT): Feed {
  if (batch.events.length === 0 && batch.dropped === 0) return feed;
  const next: Feed = { ...feed };
  const touched = new Set<string>();
  const lines = (channel: string) => {
    if (!touched.has(channel)) {
      touched.add(channel);
      const before = next[channel] ?? empty;
      next[channel] = { lines: [...before.lines], trimmed: before.trimmed };
      if (batch.dropped > 0) next[channel]!.lines.push({ kind: "missed", key: `missed-${batch.last}`, count: batch.dropped });
    }
    return next[channel]!.lines;
  };
  for (const { seq, channel, event } of batch.events) {
    switch (event.kind) {
      case "message":
        lines(channel).push({ kind: "message", key: `m-${seq}`, message: event.message, deleted: false });
        break;
      case "deleted":
        next[channel] = mark(channel, (line) => line.message.id === event.id);
        break;
      case "user_cleared":
        next[channel] = mark(channel, (line) => line.message.login === event.login);
        lines(channel).push({ kind: "cleared", key: `c-${seq}`, login: event.login, userId: event.user_id, seconds: event.seconds });
        break;
      case "chat_cleared":
        next[channel] = mark(channel, () => true);
        lines(channel).push({ kind: "cleared", key: `c-${seq}`, login: null, userId: null, seconds: null });
        break;
      case "notice":
        lines(channel).push({ kind: "notice", key: `n-${seq}`, text: event.text });
        break;
    }
  }
  for (const channel of touched) {
    const feedOf = next[channel]!;
    const over = feedOf.lines.length - kept;
    if (over > 0) next[channel] = { lines: feedOf.lines.slice(over), trimmed: feedOf.trimmed + over };
  }

  function mark(channel: string, hit: (line: Extract<ChatLine, { kind: "message" }>) => boolean): ChannelFeed {
    lines(channel);
    const feedOf = next[channel]!;
    return { ...feedOf, lines: feedOf.lines.map((line) => (line.kind === "message" && !line.deleted && hit(line) ? { ...line, deleted: true } : line)) };
  }
  return next;
}

/** The last `count` messages of `login` in a channel's lines, newest last (the user card). */
export function recentOf(lines: readonly ChatLine[], login: string, count = 20): Extract<ChatLine, { kind: "message" }>[] {
  const found: Extract<ChatLine, { kind: "message" }>[] = [];
  for (let index = lines.length - 1; index >= 0 && found.length < count; index--) {
    const line = lines[index]!;
    if (line.kind === "message" && line.message.login === login) found.unshift(line);
  }
  return found;
}

/**
 * Forgets the heights remembered for lines that left the page. The list
 * remembers a height per line key and never forgets one by itself, and a
 * chat's keys never come back: over a long live at a thousand messages a
 * second it would grow without end. Once it holds twice as many heights as
 * the page keeps lines, only those of the lines still there stay.
 */
export function forgetHeightsOfGoneLines(heights: Map<unknown, number>, lines: readonly ChatLine[], kept = LINES_KEPT): void {
  if (heights.size < 2 * kept) return;
  const present = new Set<unknown>(lines.map((line) => line.key));
  for (const key of heights.keys()) if (!present.has(key)) heights.delete(key);
}

/** The chat's lines, pulled from Rust for as long as the view is open. */
export function useChatFeed(): Feed {
  const [feed, setFeed] = useState<Feed>({});
  useEffect(() => {
    let live = true;
    const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
    void (async () => {
      let cursor = 0;
      while (live) {
        const started = performance.now();
        const answer = await commands.twitchChatAfter(cursor);
        if (!live) return;
        if (answer.status === "ok") {
          cursor = answer.data.last;
          const batch = answer.data;
          // Drawn as a transition: React draws a batch's rows in slices and lets
          // the page paint between them, so a batch never holds a frame whole.
          startTransition(() => setFeed((before) => applyBatch(before, batch)));
        } else {
          await pause(1_000);
        }
        await pause(Math.max(0, PULL_EVERY_MS - (performance.now() - started)));
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return feed;
}
