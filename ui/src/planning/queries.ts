// TanStack Query hooks for boards and tasks. A move updates the board in
// the cache at once (the card stays where it was dropped) and the core's
// answer replaces it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Board_Serialize as Board, BoardFields_Deserialize as BoardFields, EventFields_Deserialize as EventFields, TaskDetail_Serialize as TaskDetail, TaskFields_Deserialize as TaskFields, TaskFilter, Scope } from "../bindings";
import type { KanbanMove } from "../components/KanbanBoard";
import { call, commands } from "../shared/bridge";

export const planningKeys = {
  all: ["planning"] as const,
  boards: ["planning", "boards"] as const,
  board: (id: string) => ["planning", "board", id] as const,
};

export function useBoards() {
  return useQuery({ queryKey: planningKeys.boards, queryFn: () => call(commands.listBoards()) });
}

export function useBoard(id: string | undefined) {
  return useQuery({
    queryKey: planningKeys.board(id ?? ""),
    queryFn: () => call(commands.getBoard(id ?? "")),
    enabled: id !== undefined,
  });
}

function usePlanningMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: planningKeys.all }) });
}

export const useCreateBoard = () => usePlanningMutation((fields: BoardFields) => call(commands.createBoard(fields)));
export const useCreateTask = () => usePlanningMutation((fields: TaskFields) => call(commands.createTask(fields)));

/** Applies a move to a board as the core will: out of its column, into the new one between its neighbours. */
export function movedOnBoard(board: Board, move: KanbanMove): Board {
  const card = board.columns.flatMap((c) => c.cards).find((c) => c.id === move.cardId);
  if (!card) return board;
  const columns = board.columns.map((column) => {
    const cards = column.cards.filter((c) => c.id !== move.cardId);
    if (column.id !== move.columnId) return { ...column, cards };
    const at = move.after ? cards.findIndex((c) => c.id === move.after) + 1 : move.before ? cards.findIndex((c) => c.id === move.before) : cards.length;
    cards.splice(Math.max(0, at), 0, { ...card, fields: { ...card.fields, columnId: move.columnId } });
    return { ...column, cards };
  });
  return { ...board, columns };
}

export function useMoveCard(boardId: string) {
  const client = useQueryClient();
  const key = planningKeys.board(boardId);
  return useMutation({
    mutationFn: (move: KanbanMove) => call(commands.moveCard(move.cardId, move.columnId, move.after, move.before)),
    onMutate: async (move) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Board>(key);
      if (before) client.setQueryData(key, movedOnBoard(before, move));
      return { before };
    },
    onError: (_error, _move, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useCalendarWindow(from: string, to: string) {
  return useQuery({
    queryKey: [...planningKeys.all, "calendar", from, to],
    queryFn: () => call(commands.calendarWindow(from, to)),
    placeholderData: (previous) => previous,
  });
}

export const useRescheduleTask = () =>
  usePlanningMutation(({ id, startsAt, endsAt }: { id: string; startsAt: string; endsAt: string }) =>
    call(commands.rescheduleTask(id, startsAt, endsAt)),
  );

export const taskDetailKey = (id: string) => [...planningKeys.all, "task", id] as const;

export function useTaskDetail(id: string) {
  return useQuery({ queryKey: taskDetailKey(id), queryFn: () => call(commands.taskDetail(id)) });
}

export const useUpdateTask = () => usePlanningMutation(({ id, fields }: { id: string; fields: TaskFields }) => call(commands.updateTask(id, fields)));
export const useDeleteTask = () => usePlanningMutation((id: string) => call(commands.deleteTask(id)));
export const useRestoreTask = () => usePlanningMutation((id: string) => call(commands.restoreTask(id)));

/** A change to one part of a task's panel (its checklist or its comments), written into the panel's data at once. */
function useDetailPart<Input, Part extends "checklist" | "comments">(taskId: string, part: Part, run: (input: Input) => Promise<TaskDetail[Part]>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (value) => {
      client.setQueryData<TaskDetail>(taskDetailKey(taskId), (detail) => (detail ? { ...detail, [part]: value } : detail));
      // Cards show their checklist's progress.
      void client.invalidateQueries({ queryKey: planningKeys.all, predicate: (q) => q.queryKey[1] === "board" });
    },
  });
}

export const useAddStep = (taskId: string) => useDetailPart(taskId, "checklist", (text: string) => call(commands.addChecklistItem(taskId, text)));
export const useTickStep = (taskId: string) =>
  useDetailPart(taskId, "checklist", ({ id, done }: { id: string; done: boolean }) => call(commands.tickChecklistItem(id, done)));
export const useRemoveStep = (taskId: string) => useDetailPart(taskId, "checklist", (id: string) => call(commands.removeChecklistItem(id)));
export const useAddComment = (taskId: string) => useDetailPart(taskId, "comments", (body: string) => call(commands.addComment(taskId, body)));
export const useDeleteComment = (taskId: string) => useDetailPart(taskId, "comments", (id: string) => call(commands.deleteComment(id)));

export function useEvent(id: string | undefined) {
  return useQuery({ queryKey: [...planningKeys.all, "event", id ?? ""], queryFn: () => call(commands.getEvent(id ?? "")), enabled: id !== undefined });
}

export const useCreateEvent = () => usePlanningMutation((fields: EventFields) => call(commands.createEvent(fields)));
export const useUpdateEvent = () => usePlanningMutation(({ id, fields }: { id: string; fields: EventFields }) => call(commands.updateEvent(id, fields)));
export const useDeleteEvent = () => usePlanningMutation((id: string) => call(commands.deleteEvent(id)));
export const useRestoreEvent = () => usePlanningMutation((id: string) => call(commands.restoreEvent(id)));
export const useRescheduleEvent = () =>
  usePlanningMutation(({ id, startsAt, endsAt }: { id: string; startsAt: string; endsAt: string }) => call(commands.rescheduleEvent(id, startsAt, endsAt)));

/** The events with an artist, in time order (the card lists them). */
export function useArtistEvents(artistId: string) {
  return useQuery({ queryKey: [...planningKeys.all, "artist-events", artistId], queryFn: () => call(commands.artistEvents(artistId)) });
}

export function useTaskList(filter: TaskFilter) {
  return useQuery({ queryKey: [...planningKeys.all, "tasks", filter], queryFn: () => call(commands.listTasks(filter)), placeholderData: (previous) => previous });
}

type OccurrenceMove = { id: string; occurrenceAt: string; startsAt: string; endsAt: string; scope: Scope };
export const useRescheduleTaskOccurrence = () =>
  usePlanningMutation((m: OccurrenceMove) => call(commands.rescheduleTaskOccurrence(m.id, m.occurrenceAt, m.startsAt, m.endsAt, m.scope)));
export const useUpdateEventOccurrence = () =>
  usePlanningMutation(({ id, occurrenceAt, fields, scope }: { id: string; occurrenceAt: string; fields: EventFields; scope: Scope }) =>
    call(commands.updateEventOccurrence(id, occurrenceAt, fields, scope)),
  );
export const useDeleteEventOccurrence = () =>
  usePlanningMutation(({ id, occurrenceAt, scope }: { id: string; occurrenceAt: string; scope: Scope }) => call(commands.deleteEventOccurrence(id, occurrenceAt, scope)));
