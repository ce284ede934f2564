// The records one record can point at (an artist, a sponsor, an event, a
// content item): found by name in the core, shown the same way everywhere.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CalendarDays, Clapperboard, Handshake, type LucideIcon, MicVocal } from "lucide-react";
import type { RecordKind, RecordRef_Serialize as RecordRef } from "../bindings";
import { call, commands } from "./bridge";

export type { RecordKind, RecordRef };

export const recordKinds: RecordKind[] = ["artist", "sponsor", "event", "content"];

/** How a kind looks, and where a record of it opens (none yet for kinds without a screen). */
export const recordKind: Record<RecordKind, { icon: LucideIcon; path: ((id: string) => string) | null }> = {
  artist: { icon: MicVocal, path: (id) => `/crm/artists/${id}` },
  sponsor: { icon: Handshake, path: null },
  event: { icon: CalendarDays, path: null },
  content: { icon: Clapperboard, path: null },
};

/** The records of `kinds` matching what was typed (accents optional), a few of each kind. */
export function useFoundRecords(typed: string, kinds: RecordKind[], perKind = 5) {
  return useQuery({
    queryKey: ["records", kinds.join(","), perKind, typed.trim()],
    queryFn: () => call(commands.findRecords(typed, kinds, perKind)),
    enabled: typed.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
