import { describe, expect, it } from "vitest";
import type { ChatMessage_Serialize as ChatMessage, NumberedEvent_Serialize as NumberedEvent } from "../bindings";
import { applyBatch, type Feed, forgetHeightsOfGoneLines } from "./chatFeed";

function message(id: string, login: string, text: string): ChatMessage {
  return { id, login, userId: "1", name: login, color: null, badges: [], parts: [{ kind: "text", text }], action: false, mentionsMe: false, keyword: false, replyTo: null, sentAt: "2026-12-04T20:00:00Z" };
}

function said(seq: number, channel: string, m: ChatMessage): NumberedEvent {
  return { seq, channel, event: { kind: "message", message: m } };
}

describe("the chat the page keeps", () => {
  it("a deleted message and a timed-out person's messages stay in place, marked", () => {
    let feed = applyBatch({}, { events: [said(1, "nadia", message("a", "troll", "spam")), said(2, "nadia", message("b", "kenza", "salut")), said(3, "nadia", message("c", "troll", "encore"))], dropped: 0, last: 3 });
    feed = applyBatch(feed, { events: [{ seq: 4, channel: "nadia", event: { kind: "deleted", id: "b" } }, { seq: 5, channel: "nadia", event: { kind: "user_cleared", login: "troll", user_id: "66", seconds: 600 } }], dropped: 0, last: 5 });
    const lines = feed.nadia!.lines;
    expect(lines.map((l) => (l.kind === "message" ? `${l.message.id}:${l.deleted}` : l.kind))).toEqual(["a:true", "b:true", "c:true", "cleared"]);
  });

  it("what Rust could not keep is a marker where it was lost, and the page keeps its own bound", () => {
    const events = Array.from({ length: 30 }, (_, n) => said(101 + n, "huge", message(`m${n}`, "v", `${n}`)));
    const feed = applyBatch({}, { events, dropped: 100, last: 130 }, 20);
    const lines = feed.huge!.lines;
    expect(lines).toHaveLength(20);
    expect(feed.huge!.trimmed).toBe(11);
    expect(lines.at(-1)).toMatchObject({ kind: "message", message: { id: "m29" } });
    const full = applyBatch({}, { events, dropped: 100, last: 130 });
    expect(full.huge!.lines[0]).toMatchObject({ kind: "missed", count: 100 });
  });

  it("a batch with nothing new keeps the feed as it was (no render)", () => {
    const feed = applyBatch({}, { events: [said(1, "a", message("x", "v", "t"))], dropped: 0, last: 1 });
    expect(applyBatch(feed, { events: [], dropped: 0, last: 1 })).toBe(feed);
  });

  it("a long live at a flood's pace keeps the list's remembered heights bounded", () => {
    const heights = new Map<unknown, number>();
    let feed: Feed = {};
    for (let batch = 0; batch < 200; batch++) {
      const events = Array.from({ length: 100 }, (_, n) => said(batch * 100 + n + 1, "huge", message(`m${batch}-${n}`, "v", "gg")));
      feed = applyBatch(feed, { events, dropped: 0, last: batch * 100 + 100 }, 500);
      const lines = feed.huge!.lines;
      // The list measures the lines on screen, the newest ones.
      for (const line of lines.slice(-20)) heights.set(line.key, 24);
      forgetHeightsOfGoneLines(heights, lines, 500);
      expect(heights.size).toBeLessThan(2 * 500);
      expect(heights.has(lines.at(-1)!.key)).toBe(true);
    }
  });
});
