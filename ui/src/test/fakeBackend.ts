// An in-memory stand-in for the Rust side, for UI tests only. It answers the
// same commands with the same shapes (including typed AppErrors) so the UI
// can be tested without the desktop shell. Business rules stay in Rust: this
// fake checks only what the tests need to see an error path.
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AppError,
  ArchiveNews,
  RecordingEntry_Serialize as RecordingEntry,
  RecordingKeep,
  LiveSummary,
  LiveOnTwitch,
  Category,
  RunOfShow_Serialize as RunOfShow,
  SegmentFields_Serialize as SegmentFields,
  CsvSheet,
  ImportChoices_Serialize as ImportChoices,
  ImportField,
  ImportPreview,
  ImportProgress,
  ImportReport,
  AppInfo_Serialize as AppInfo,
  ArtistFields_Serialize as ArtistFields,
  ArtistQuery_Serialize as ArtistQuery,
  Artist_Serialize as Artist,
  Conflict_Serialize as Conflict,
  Board_Serialize as Board,
  CalendarItem,
  Notification,
  Reminder,
  ChecklistItem,
  Comment,
  EventFields_Serialize as EventFields,
  Event_Serialize as Event,
  IcsPreview,
  TrelloPreview,
  Tag,
  SearchHint,
  TaskFilter,
  Responsibility,
  Part,
  RecordKind,
  RecordRef_Serialize as RecordRef,
  BoardFields_Serialize as BoardFields,
  DeviceSettings,
  TaskFields_Serialize as TaskFields,
  Task_Serialize as Task,
  MemberFields_Serialize as MemberFields,
  Member_Serialize as Member,
  RoleRights,
  SyncStatus_Serialize as SyncStatus,
  TeamServer,
  SettingsChange_Serialize as SettingsChange,
  Criterion_Serialize as Criterion,
  Interaction_Serialize as Interaction,
  InteractionFields,
  Party,
  Prospect_Serialize as Prospect,
  Stage_Serialize as Stage,
  StageFields_Serialize as StageFields,
  StageVisit_Serialize as StageVisit,
  Offer_Serialize as Offer,
  Campaign_Serialize as Campaign,
  Sale_Serialize as Sale,
  CampaignStatus,
  PaymentStatus,
  Sponsor_Serialize as SponsorCard,
  SponsorFields_Serialize as SponsorFields,
  OpportunityFields_Serialize as OpportunityFields,
  DeliverableFields_Serialize as DeliverableFields,
  DealStage,
  DeliverableStatus,
  SavedView_Serialize as SavedView,
  KeptFile,
  ObsHealth_Serialize as ObsHealth,
  AudioInput,
  ObsSetup,
  ObsStats_Serialize as ObsStats,
  ObsUpdate_Serialize as ObsUpdate,
  SceneItem,
  SceneList,
  TwitchAccountState,
  TwitchApp,
  ChatStatus,
  ChannelInfo_Serialize as ChannelInfo,
  ModerationAction,
  ChatEvent_Serialize as ChatEvent,
  NumberedEvent_Serialize as NumberedEvent,
} from "../bindings";

/** OBS as the fake sees it: what is set, where the link stands, OBS's scenes. */
export interface FakeObs {
  setup: ObsSetup | null;
  health: ObsHealth;
  scenes: SceneList;
  items: Record<string, SceneItem[]>;
  /** The page's channel, once it follows the link. */
  channel: { onmessage?: (update: ObsUpdate) => void } | null;
  stats: ObsStats | null;
  audio: AudioInput[];
}

const idleOutput = { active: false, paused: false, reconnecting: false, timecodeMs: 0, kbps: 0 };

export function obsStats(partial: Partial<ObsStats> = {}): ObsStats {
  return {
    activeFps: 30, cpuPercent: 4.5, memoryMb: 250, averageRenderMs: 1.2,
    renderSkippedFrames: 0, renderTotalFrames: 900, outputSkippedFrames: 0, outputTotalFrames: 900,
    stream: idleOutput, recording: idleOutput, replayBufferActive: null,
    ...partial,
  };
}

export function fakeObs(partial: Partial<FakeObs> = {}): FakeObs {
  return {
    setup: null,
    health: { state: "not_configured" },
    scenes: { program: "Intro", preview: null, scenes: ["Intro", "Live", "Pause"] },
    items: {
      Intro: [{ id: 1, source: "Titre", visible: true, inputKind: "color_source_v3", isGroup: false }],
      Live: [
        { id: 2, source: "Logo", visible: true, inputKind: "color_source_v3", isGroup: false },
        { id: 1, source: "Fond", visible: true, inputKind: "color_source_v3", isGroup: false },
      ],
      Pause: [],
    },
    channel: null,
    stats: null,
    audio: [
      { name: "Micro", kind: "pulse_input_capture", muted: false, volumeDb: 0 },
      { name: "Jingle", kind: "ffmpeg_source", muted: true, volumeDb: -6 },
    ],
    ...partial,
  };
}

/** Rust pushing one update to the page. */
export function pushObs(state: FakeState, update: ObsUpdate) {
  if (update.kind === "health") state.obs.health = update.health;
  if (update.kind === "stats") state.obs.stats = update.stats;
  state.obs.channel?.onmessage?.(update);
}

/** Twitch as the fake sees it: the application set, the account's state. */
export interface FakeTwitch {
  app: TwitchApp | null;
  account: TwitchAccountState;
  /** The signed-in streamer's channel on Twitch. */
  channelInfo: ChannelInfo;
  markers: string[];
  /** The page's channel, once it follows the account. */
  channel: { onmessage?: (state: TwitchAccountState) => void } | null;
}

export function fakeTwitch(partial: Partial<FakeTwitch> = {}): FakeTwitch {
  return {
    app: null,
    account: { state: "not_configured" },
    channel: null,
    channelInfo: { login: "nadia_live", title: "Session compo du jeudi", category: { id: "26936", name: "Music" }, live: null },
    markers: [],
    ...partial,
  };
}

/** The chat as the fake sees it: its status and every event, numbered. */
export interface FakeChat {
  status: ChatStatus;
  events: NumberedEvent[];
  /** Events Rust no longer kept before the page asked. */
  dropped: number;
  keywords: string[];
  channel: { onmessage?: (status: ChatStatus) => void } | null;
}

export function fakeChat(partial: Partial<FakeChat> = {}): FakeChat {
  return { status: { signedIn: false, wanted: [], joined: [] }, events: [], dropped: 0, keywords: [], channel: null, ...partial };
}

/** Twitch sending one event to a channel's chat. */
export function pushChat(state: FakeState, channel: string, event: ChatEvent) {
  state.chat.events.push({ seq: state.chat.events.length + state.chat.dropped + 1, channel, event });
}

/** Rust pushing the chat's new status. */
export function pushChatStatus(state: FakeState, status: ChatStatus) {
  state.chat.status = status;
  state.chat.channel?.onmessage?.(status);
}

/** Rust pushing the account's new state to the page. */
export function pushTwitch(state: FakeState, account: TwitchAccountState) {
  state.twitch.account = account;
  state.twitch.channel?.onmessage?.(account);
}

/** The lives the fake's calendar holds, their run-of-show, the live running. */
export interface FakeLive {
  lives: LiveSummary[];
  shows: Record<string, RunOfShow>;
  running: string | null;
  /** What starting a segment answers about OBS and the chat. */
  sceneOnAir: boolean | null;
  messagePosted: boolean | null;
  /** Lives as the Twitch schedule shows them (absent: as a live not published). */
  onTwitch: Record<string, LiveOnTwitch>;
}

export function fakeLive(partial: Partial<FakeLive> = {}): FakeLive {
  return { lives: [], shows: {}, running: null, sceneOnAir: true, messagePosted: true, onTwitch: {}, ...partial };
}

/** A live of the fake's calendar as Rust would see it on the Twitch schedule. */
function onTwitch(state: FakeState, eventId: string): LiveOnTwitch {
  const known = state.live.onTwitch[eventId];
  if (known) return known;
  const live = state.live.lives.find((l) => l.id === eventId);
  if (!live) throw { code: "not_found", entity: "event" } satisfies AppError;
  const minutes = Math.round((Date.parse(live.endsAt) - Date.parse(live.startsAt)) / 60_000);
  return { eventId, title: live.title, startsAt: live.startsAt, minutes, timeZone: "Europe/Paris", weekly: false, cancelled: live.cancelled, published: null, state: "not_published", problems: [] };
}

/** Planned times follow from the live's start and the durations, as Rust computes them. */
function plan(show: RunOfShow, fields: SegmentFields[]): RunOfShow {
  let at = Date.parse(show.startsAt);
  const segments = fields.map((f, index) => {
    const before = show.segments.find((s) => s.id === f.id);
    const start = at;
    at += f.durationMin * 60_000;
    return {
      id: f.id ?? `segment-${index}-${Date.now()}`,
      fields: { ...f, id: f.id ?? `segment-${index}-${Date.now()}` },
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(at).toISOString(),
      startedAt: before?.startedAt ?? null,
      deliverable: show.deliverables.find((d) => d.id === f.deliverableId)?.label ?? null,
    };
  });
  return { ...show, segments, next: show.onAir ? show.next : (segments[0]?.id ?? null) };
}

/** The recordings archive as the fake sees it: the list, the news pushed. */
export interface FakeRecordings {
  list: RecordingEntry[];
  news: ArchiveNews;
  keep: RecordingKeep;
  channel: { onmessage?: (news: ArchiveNews) => void } | null;
  /** The files the page asked the system to open ("assetId file"). */
  opened: string[];
}

export function fakeRecordings(partial: Partial<FakeRecordings> = {}): FakeRecordings {
  return { list: [], news: { changes: 0, progress: null }, keep: "copy", channel: null, opened: [], ...partial };
}

/** Rust pushing the archive's news (the list changed, a copy going on). */
export function pushRecordings(state: FakeState, news: Partial<ArchiveNews>) {
  state.recordings.news = { ...state.recordings.news, ...news };
  state.recordings.channel?.onmessage?.(state.recordings.news);
}

export interface FakeState {
  settings: DeviceSettings;
  info: AppInfo;
  artists: (Artist & { deleted: boolean })[];
  startupProblem: AppError | null;
  calls: string[];
  /** Arguments of every call, by command. */
  args: Record<string, Record<string, unknown>[]>;
  sync: SyncStatus;
  teamServer: TeamServer | null;
  obs: FakeObs;
  twitch: FakeTwitch;
  chat: FakeChat;
  recordings: FakeRecordings;
  live: FakeLive;
  conflicts: Conflict[];
  /** What the team server answers to "test" and "prepare": a workspace or an error. */
  serverAnswer: { workspace: string } | AppError;
  members: Member[];
  /** The member using this computer. */
  me: string | null;
  /** The next call of `command` fails with `error` (a rule of the core the test needs to see). */
  failNext: { command: string; error: AppError } | null;
  boards: Board[];
  /** What the calendar shows, whatever the window asked. */
  calendar: CalendarItem[];
  /** Reminders the core will find due at the next check. */
  dueReminders: Reminder[];
  notifications: Notification[];
  /** What the app asked the operating system to show. */
  osNotifications: { title: string; body?: string }[];
  /** Checklists and comments, by task. */
  checklists: Record<string, ChecklistItem[]>;
  comments: Record<string, Comment[]>;
  events: Event[];
  /** What the score counts, as the core's defaults start. */
  criteria: Criterion[];
  /** Every exchange logged, removed ones flagged. */
  interactions: (Interaction & { deleted: boolean })[];
  /** What the core says of the next .ics file: its preview, or why it cannot be imported. */
  icsAnswer: IcsPreview | AppError;
  /** What the core says of the next Trello file. */
  trelloAnswer: TrelloPreview | AppError;
  labels: Tag[];
  /** Parts people have in records, by "subject:id". */
  responsibilities: Record<string, Responsibility[]>;
  /** Sponsors and content items as pickers see them (no screen of theirs yet). */
  sponsors: RecordRef[];
  content: RecordRef[];
  /** The pipeline's stages, and every move of every card. */
  stages: Stage[];
  moves: (StageVisit & { artistId: string })[];
  /** Tasks planned as next actions from the CRM, or made by a campaign's template (no column). */
  nextActions: Task[];
  offers: Offer[];
  campaigns: Campaign[];
  /** The team's saved views of the artist list. */
  views: SavedView[];
  /** Files kept with cards (the fake keeps their size, not their bytes). */
  files: (KeptFile & { artistId: string; deleted: boolean })[];
  /** Sponsors as their screen sees them (the pickers read `sponsors`). */
  sponsorCards: (SponsorCard & { deleted: boolean })[];
}

const usualChance: Record<DealStage, number> = { lead: 10, proposal: 40, negotiation: 70, won: 100, lost: 0 };

/** A sponsor's totals as the core adds them up: open deals, weighted by their chance. */
function withTotals(sponsor: SponsorCard & { deleted: boolean }): SponsorCard & { deleted: boolean } {
  const opportunities = sponsor.opportunities.map((o) => {
    const probability = o.fields.probability ?? usualChance[o.fields.stage];
    return { ...o, probability, weightedMinor: Math.round(((o.fields.amountMinor ?? 0) * probability) / 100) };
  });
  const open = opportunities.filter((o) => o.fields.stage !== "won" && o.fields.stage !== "lost");
  return {
    ...sponsor,
    opportunities,
    openMinor: open.reduce((sum, o) => sum + (o.fields.amountMinor ?? 0), 0),
    weightedMinor: open.reduce((sum, o) => sum + o.weightedMinor, 0),
    deliverables: sponsor.deliverables.map((d) => ({ ...d, overdue: d.status === "planned" && d.fields.dueAt !== null && d.fields.dueAt < new Date().toISOString() })),
  };
}

/** The core's default catalogue, shortened to what the tests read. */
export const defaultOffers: Offer[] = [
  { id: "o-essential", tier: "essential_290", name: "Essentiel", priceMinor: 29_000, currency: "EUR", priceIsMinimum: false, description: "", items: [
    { id: "i1", part: "task", title: "Brief de campagne avec l'artiste", dueAfterDays: 0, assignTo: "seller", contentKind: null },
    { id: "i2", part: "deliverable", title: "Rapport de résultats", dueAfterDays: 30, assignTo: "seller", contentKind: null },
  ] },
  { id: "o-boost", tier: "boost_390", name: "Boost", priceMinor: 39_000, currency: "EUR", priceIsMinimum: false, description: "", items: [
    { id: "i3", part: "task", title: "Brief de campagne avec l'artiste", dueAfterDays: 0, assignTo: "seller", contentKind: null },
    { id: "i4", part: "task", title: "Préparer le live de présentation", dueAfterDays: 5, assignTo: "streamers", contentKind: null },
    { id: "i5", part: "content", title: "Teaser vidéo", dueAfterDays: 3, assignTo: "seller", contentKind: "short" },
    { id: "i6", part: "deliverable", title: "3 posts sponsorisés", dueAfterDays: 21, assignTo: "seller", contentKind: null },
  ] },
  { id: "o-premium", tier: "premium_490", name: "Premium", priceMinor: 49_000, currency: "EUR", priceIsMinimum: true, description: "", items: [] },
];

/** The core's default stages, with readable ids. */
export const defaultStages: Stage[] = (
  [
    ["identified", "open", 30],
    ["contacted", "open", 14],
    ["in_discussion", "open", 21],
    ["proposal_sent", "open", 14],
    ["signed", "won", null],
    ["active", "won", null],
    ["lost", "lost", null],
  ] as const
).map(([preset, kind, stuck]) => ({ id: `s-${preset}`, preset, label: null, kind, stuckAfterDays: stuck }));

/** Where a card stands in the pipeline, as the core computes it. */
function prospectOf(state: FakeState, artist: Artist): Prospect {
  const stage = state.stages.find((s) => s.id === artist.fields.stageId);
  const entered = state.moves.filter((m) => m.artistId === artist.id && m.stageId === artist.fields.stageId).at(-1)?.enteredAt ?? artist.createdAt;
  const action = [...allTasks(state), ...state.nextActions]
    .filter((t) => t.fields.artistId === artist.id && (t.fields.status === "todo" || t.fields.status === "in_progress"))
    .sort((a, b) => (a.fields.dueAt ?? "~").localeCompare(b.fields.dueAt ?? "~"))[0];
  const days = Math.max(0, Math.floor((Date.now() - Date.parse(entered)) / 86_400_000));
  const open = (stage?.kind ?? "open") === "open";
  return {
    artistId: artist.id,
    name: artist.fields.name,
    score: artist.score.total,
    stageId: artist.fields.stageId,
    enteredAt: entered,
    daysInStage: days,
    lostReason: artist.fields.lostReason,
    nextAction: action ? { taskId: action.id, title: action.fields.title, dueAt: action.fields.dueAt } : null,
    attention: [
      ...(open && !action ? (["no_next_action"] as const) : []),
      ...(open && action?.fields.dueAt && Date.parse(action.fields.dueAt) < Date.now() ? (["action_overdue"] as const) : []),
      ...(open && stage?.stuckAfterDays != null && days > stage.stuckAfterDays ? (["stuck"] as const) : []),
    ],
  };
}

/** Puts a card in a stage as the core does: a lost stage needs a reason, a move is in the history. */
function placeCard(state: FakeState, artist: Artist, stageId: string | null, lostReason: string | null) {
  const stage = state.stages.find((s) => s.id === stageId) ?? state.stages.find((s) => s.kind === "open");
  if (!stage) throw invalid("stageId");
  const reason = stage.kind === "lost" ? lostReason?.trim() || null : null;
  if (stage.kind === "lost" && !reason) throw invalid("lostReason");
  if (artist.fields.stageId !== stage.id) {
    state.moves.push({ artistId: artist.id, stageId: stage.id, enteredAt: new Date().toISOString(), leftAt: null, by: state.me, lostReason: reason });
  }
  artist.fields = { ...artist.fields, stageId: stage.id, lostReason: reason };
}

export function taskFields(title: string, extra: Partial<TaskFields> = {}): TaskFields {
  return {
    title, description: "", status: "todo", priority: "none", dueAt: null, startsAt: null, endsAt: null, timeZone: null,
    allDay: false, remindMinutes: null, recurrence: null, assignees: [], labels: [], columnId: null, artistId: null, sponsorId: null,
    eventId: null, contentId: null, ...extra,
  };
}

/** A board as the core returns it, its cards made from `cards` (column index → titles). */
export function boardWith(name: string, columns: string[], cards: Record<number, string[]> = {}, limits: Record<number, number> = {}): Board {
  return {
    id: `b-${name}`,
    name,
    columns: columns.map((column, n) => ({
      id: `c${n}`,
      fields: { name: column, wipLimit: limits[n] ?? null, status: null },
      overLimit: false,
      cards: (cards[n] ?? []).map((title, i) => ({
        id: `t${n}-${i}`,
        fields: taskFields(title, { columnId: `c${n}` }),
        position: String(i),
        createdBy: null,
        createdAt: "2026-11-24T09:00:00.000Z",
        updatedAt: "2026-11-24T09:00:00.000Z",
        overdue: false,
      })),
    })),
  };
}

/** What each role may do, as the core's table says (`team::Role::may`). */
export const roleRights: RoleRights[] = [
  { role: "admin", rights: ["manage_team", "edit_records", "delete_records", "manage_boards", "edit_tasks", "delete_own_tasks", "delete_others_tasks", "import", "configure_score", "configure_pipeline", "configure_offers"] },
  { role: "manager", rights: ["edit_records", "delete_records", "manage_boards", "edit_tasks", "delete_own_tasks", "delete_others_tasks", "import", "configure_score", "configure_pipeline", "configure_offers"] },
  { role: "streamer", rights: ["edit_records", "edit_tasks", "delete_own_tasks"] },
  { role: "guest", rights: [] },
];

export const demoTeam: Member[] = [
  { id: "u1", name: "Camille Morel", email: "camille@mona-spark.fr", role: "admin", color: "#e11d48", timeZone: "Europe/Paris" },
  { id: "u2", name: "Yanis Belkacem", email: "yanis@mona-spark.fr", role: "manager", color: "#2563eb", timeZone: "Europe/Paris" },
  { id: "u3", name: "Inès Laurent", email: "ines@mona-spark.fr", role: "streamer", color: "#16a34a", timeZone: "Europe/Paris" },
];

export const syncOff: SyncStatus = {
  state: "off", pendingRows: 0, openConflicts: 0, lastSyncedAt: null, offlineSince: null, problem: null,
};

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export function artistFields(name: string, extra: Partial<ArtistFields> & { followers?: number } = {}): ArtistFields {
  const { followers, ...rest } = extra;
  const accounts: ArtistFields["accounts"] =
    followers === undefined
      ? []
      : [{ id: `account-${fold(name)}`, platform: "instagram", handle: fold(name).replace(/\W/g, ""), url: null, audience: followers, engagementBp: null, measuredOn: "2026-11-24" }];
  return { name, legalName: null, email: null, phone: null, city: null, country: null, genres: [], stageId: null, lostReason: null, accounts, contactEveryDays: null, languages: [], ownerId: null, contacts: [], tags: [], notes: "", ...rest };
}

/** A spreadsheet the page sent (base64 of `;`-separated UTF-8 text): rows under the header. */
function fakeRows(file: string): string[][] {
  const text = new TextDecoder().decode(Uint8Array.from(atob(file), (c) => c.charCodeAt(0)));
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(";"));
}

function fakeSheet(file: string): CsvSheet {
  if (atob(file).startsWith("PK")) throw { code: "spreadsheet_file", problem: { code: "workbook" } } satisfies AppError;
  const [headers = [], ...rows] = fakeRows(file);
  const fields: Record<string, ImportField> = { Nom: { field: "name" }, "E-mail": { field: "email" } };
  return { encoding: "utf8", separator: "semicolon", headers, rows: rows.length, sample: rows.slice(0, 5), mapping: headers.map((h) => fields[h] ?? null) };
}

/** Duplicates by name of a card there; problems: an e-mail without "@". */
function fakePreview(state: FakeState, file: string, mapping: (ImportField | null)[]): ImportPreview {
  const nameAt = mapping.findIndex((f) => f?.field === "name");
  if (nameAt < 0) throw { code: "spreadsheet_file", problem: { code: "no_name_column" } } satisfies AppError;
  const emailAt = mapping.findIndex((f) => f?.field === "email");
  const rows = fakeRows(file).slice(1);
  const preview: ImportPreview = { rows: rows.length, newCards: 0, duplicateRows: 0, problemRows: 0, duplicates: [], problems: [] };
  rows.forEach((row, index) => {
    const line = index + 2;
    const name = row[nameAt] ?? "";
    const email = emailAt >= 0 ? (row[emailAt] ?? "") : "";
    const existing = state.artists.find((a) => !a.deleted && a.fields.name === name);
    if (email !== "" && !email.includes("@")) {
      preview.problemRows += 1;
      preview.problems.push({ line, name, problems: [{ column: emailAt, problem: { code: "invalid_email" } }] });
    } else if (existing) {
      preview.duplicateRows += 1;
      preview.duplicates.push({ line, name, by: { by: "name" }, artistId: existing.id, existingName: existing.fields.name, earlierLine: null });
    } else preview.newCards += 1;
  });
  return preview;
}

/** Followers on every account of a card, as the core adds them up. */
const audienceOf = (fields: ArtistFields) =>
  fields.accounts.length === 0 ? null : fields.accounts.reduce((sum, a) => sum + (a.audience ?? 0), 0);

let counter = 0;
function makeArtist(fields: ArtistFields): Artist & { deleted: boolean } {
  counter += 1;
  const now = new Date(Date.UTC(2026, 10, 24, 9, counter)).toISOString();
  const total = Math.min(100, Math.round(Math.log10(Math.max(1, audienceOf(fields) ?? 1)) * 6));
  return {
    id: `0190${String(counter).padStart(4, "0")}-0000-7000-8000-000000000000`,
    fields,
    score: {
      total,
      capped: 0,
      lines: [{ criterionId: "c-audience", kind: "audience", label: null, points: total, max: 25, measure: { type: "audience", total: audienceOf(fields) ?? 0 } }],
    },
    nextContact: null,
    // Filled in on the way out (`strip`), from the state's stages and tasks.
    prospect: null as unknown as Prospect,
    createdAt: now,
    updatedAt: now,
    deleted: false,
  };
}

export const demoArtists: ArtistFields[] = [
  artistFields("Élodie Mars", { city: "Lyon", genres: ["pop"], stageId: "s-signed", followers: 48200 }),
  artistFields("Noé Lacroix", { city: "Marseille", genres: ["rap"], stageId: "s-in_discussion", followers: 152000 }),
  artistFields("Kenza B.", { city: "Paris", genres: ["R&B"], stageId: "s-signed", followers: 310000 }),
  artistFields("Maëlle Roux", { city: "Nantes", genres: ["folk"], stageId: "s-contacted", followers: 9800 }),
];

export function createFakeState(partial: Partial<FakeState> = {}): FakeState {
  return {
    settings: { language: "system", theme: "light", onboarded: true, artistColumns: null },
    info: { version: "0.1.0", systemLocale: "fr-FR", dataFolder: "/home/camille/.local/share/fr.monaspark.desk" },
    artists: [],
    startupProblem: null,
    calls: [],
    args: {},
    sync: syncOff,
    teamServer: null,
    obs: fakeObs(),
    twitch: fakeTwitch(),
    chat: fakeChat(),
    recordings: fakeRecordings(),
    live: fakeLive(),
    conflicts: [],
    serverAnswer: { workspace: "Équipe MONA" },
    members: [],
    me: null,
    failNext: null,
    boards: [],
    calendar: [],
    dueReminders: [],
    notifications: [],
    osNotifications: [],
    checklists: {},
    comments: {},
    events: [],
    interactions: [],
    criteria: [
      { id: "c-audience", kind: "audience", label: null, weight: 25, low: 1000, high: 1000000, genres: [] },
      { id: "c-engagement", kind: "engagement", label: null, weight: 15, low: 50, high: 600, genres: [] },
      { id: "c-genres", kind: "genre_fit", label: null, weight: 15, low: null, high: null, genres: ["rap", "pop"] },
    ],
    icsAnswer: { code: "internal" },
    trelloAnswer: { code: "internal" },
    labels: [],
    responsibilities: {},
    sponsors: [],
    content: [],
    stages: structuredClone(defaultStages),
    moves: [],
    nextActions: [],
    offers: structuredClone(defaultOffers),
    campaigns: [],
    sponsorCards: [],
    views: [],
    files: [],
    ...partial,
  };
}

function invalid(field: string): AppError {
  return { code: "invalid", fields: [{ field, problem: { code: field === "email" ? "invalid_email" : "required" } }] };
}

function check(fields: ArtistFields): ArtistFields {
  if (!fields.name.trim()) throw invalid("name");
  if (fields.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(fields.email)) throw invalid("email");
  return { ...fields, name: fields.name.trim(), genres: fields.genres.map((g) => g.trim()).filter(Boolean) };
}

export function handle(state: FakeState, command: string, args: Record<string, unknown>): unknown {
  state.calls.push(command);
  (state.args[command] ??= []).push(args);
  if (command === "app_info") return state.info;
  if (state.startupProblem) throw state.startupProblem;
  if (state.failNext?.command === command) {
    const { error } = state.failNext;
    state.failNext = null;
    throw error;
  }
  const live = () => state.artists.filter((a) => !a.deleted);
  const find = (id: unknown) => {
    const artist = state.artists.find((a) => a.id === id);
    if (!artist) throw { code: "not_found", entity: "artist" } satisfies AppError;
    return artist;
  };
  switch (command) {
    case "get_settings":
      return state.settings;
    case "update_settings": {
      const change = args.change as SettingsChange;
      state.settings = {
        language: change.language ?? state.settings.language,
        theme: change.theme ?? state.settings.theme,
        onboarded: change.onboarded ?? state.settings.onboarded,
        artistColumns: change.artistColumns ?? state.settings.artistColumns,
      };
      return state.settings;
    }
    case "load_demo_data": {
      if (state.artists.length > 0) return null;
      state.artists.push(...demoArtists.map(makeArtist));
      for (const artist of state.artists) state.moves.push({ artistId: artist.id, stageId: artist.fields.stageId ?? "s-identified", enteredAt: artist.createdAt, leftAt: null, by: null, lostReason: null });
      // Like the core, the demo adds its team only where nobody is there yet.
      state.members.push(...demoTeam.filter((m) => !state.members.some((known) => known.id === m.id)));
      return { users: 4, artists: demoArtists.length, sponsors: 5, events: 5, campaigns: 3 };
    }
    case "list_artists": {
      const query = args.query as ArtistQuery;
      const words = fold(query.search ?? "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const wordsOf = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u);
      const says = (text: string) => words.every((w) => wordsOf(text).some((h) => h.startsWith(w)));
      const identity = (a: Artist) => [a.fields.name, a.fields.legalName ?? "", a.fields.city ?? "", ...a.fields.genres].join(" ");
      // Like the core: besides the name, the handles, the notes and what was said.
      const exchangesOf = (a: Artist) =>
        state.interactions.filter((i) => !i.deleted && "artist" in i.fields.party && i.fields.party.artist === a.id);
      const everything = (a: Artist) =>
        [identity(a), ...a.fields.accounts.map((account) => account.handle ?? ""), a.fields.notes, ...exchangesOf(a).map((i) => i.fields.summary)].join(" ");
      const foundIn = (a: Artist): SearchHint | null => {
        if (words.length === 0 || says(identity(a))) return null;
        const handle = a.fields.accounts.find((account) => account.handle && says(identity(a) + " " + account.handle))?.handle;
        if (handle) return { place: "handle", handle };
        if (says(identity(a) + " " + a.fields.notes)) return { place: "notes", excerpt: a.fields.notes };
        const exchange = exchangesOf(a).find((i) => says(identity(a) + " " + i.fields.summary));
        return exchange ? { place: "exchange", excerpt: exchange.fields.summary, occurredAt: exchange.fields.occurredAt } : null;
      };
      const { stageIds = [], ownerId = null, minScore = null, maxScore = null, genre = null, tagId = null, lastContact = null } = query.filters ?? {};
      const lastContactOf = (a: Artist) =>
        state.interactions
          .filter((i) => !i.deleted && "artist" in i.fields.party && i.fields.party.artist === a.id)
          .map((i) => new Date(i.fields.occurredAt).toISOString())
          .sort()
          .at(-1) ?? null;
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
      const contactFits = (a: Artist) => {
        const last = lastContactOf(a);
        if (!lastContact) return true;
        if (lastContact.kind === "never") return last === null;
        if (lastContact.kind === "within") return last !== null && last >= daysAgo(lastContact.days);
        return last === null || last < daysAgo(lastContact.days);
      };
      const matching = live()
        .filter((a) => says(everything(a)))
        .filter((a) => stageIds.length === 0 || stageIds.includes(a.fields.stageId ?? ""))
        .filter((a) => ownerId === null || a.fields.ownerId === ownerId)
        .filter((a) => (minScore === null || a.score.total >= minScore) && (maxScore === null || a.score.total <= maxScore))
        .filter((a) => genre === null || a.fields.genres.some((g) => fold(g) === fold(genre)))
        .filter((a) => tagId === null || a.fields.tags.includes(tagId))
        .filter(contactFits);
      const direction = query.direction === "desc" ? -1 : 1;
      const value = (a: Artist) =>
        query.sort === "score" ? a.score.total : query.sort === "audience" ? (audienceOf(a.fields) ?? -1) : query.sort === "last_contact" ? (lastContactOf(a) ?? "") : fold(a.fields.name);
      matching.sort((x, y) => (value(x) < value(y) ? -direction : value(x) > value(y) ? direction : 0));
      return {
        total: matching.length,
        offset: query.offset,
        rows: matching.slice(query.offset, query.offset + query.limit).map((a) => ({
          id: a.id, name: a.fields.name, city: a.fields.city, stageId: a.fields.stageId, genres: a.fields.genres,
          audience: audienceOf(a.fields), score: a.score.total, updatedAt: a.updatedAt,
          country: a.fields.country, ownerId: a.fields.ownerId, lastContactAt: lastContactOf(a),
          tags: a.fields.tags.map((id) => state.labels.find((l) => l.id === id)?.name ?? id),
          foundIn: foundIn(a),
        })),
      };
    }
    case "notify_contacts_due":
      return 0;
    case "artist_genres": {
      const counts = new Map<string, { name: string; cards: number }>();
      for (const a of live()) for (const g of a.fields.genres) {
        const known = counts.get(fold(g)) ?? { name: g, cards: 0 };
        known.cards += 1;
        counts.set(fold(g), known);
      }
      return [...counts.values()].sort((x, y) => y.cards - x.cards);
    }
    case "artist_views":
      return state.views;
    case "save_artist_view": {
      const name = (args.name as string).trim();
      if (!name) throw invalid("name");
      const query = { ...(args.query as ArtistQuery), offset: 0, limit: 0 } as SavedView["query"];
      const same = state.views.find((v) => v.name.toLowerCase() === name.toLowerCase());
      state.views = same ? state.views.map((v) => (v === same ? { ...v, query } : v)) : [...state.views, { id: `v${++counter}`, name, query }];
      return state.views;
    }
    case "artist_events":
      return structuredClone(state.events.filter((e) => e.fields.artistId === args.artistId).sort((a, b) => a.fields.startsAt.localeCompare(b.fields.startsAt)));
    case "artist_files":
      return state.files.filter((f) => f.artistId === args.artistId && !f.deleted).map(({ artistId: _artist, deleted: _deleted, ...file }) => file);
    case "attach_artist_file": {
      const name = (args.name as string).trim();
      const byteSize = Math.floor(((args.file as string).length * 3) / 4);
      if (byteSize > 50 * 1024 * 1024) throw { code: "invalid", fields: [{ field: "file", problem: { code: "too_large", max: 50 } }] } satisfies AppError;
      const extension = name.split(".").pop()?.toLowerCase() ?? "";
      const kind = ["pdf", "docx", "txt"].includes(extension) ? "document" : ["jpg", "jpeg", "png"].includes(extension) ? "image" : "other";
      const file = { id: crypto.randomUUID(), name, kind, byteSize, addedAt: new Date().toISOString(), onThisDevice: true } satisfies KeptFile;
      state.files.unshift({ ...file, artistId: args.artistId as string, deleted: false });
      return file;
    }
    case "open_kept_file":
      return null;
    case "remove_kept_file":
    case "restore_kept_file": {
      const file = state.files.find((f) => f.id === args.id);
      if (!file) throw { code: "not_found", entity: "file" } satisfies AppError;
      file.deleted = command === "remove_kept_file";
      return null;
    }
    case "remove_artist_view":
      state.views = state.views.filter((v) => v.id !== args.id);
      return state.views;
    case "list_sponsors": {
      const words = fold((args.search as string | null) ?? "").split(/\s+/).filter(Boolean);
      return state.sponsorCards
        .filter((c) => !c.deleted && words.every((w) => fold(c.fields.name).split(/[^\p{L}\p{N}]+/u).some((h) => h.startsWith(w))))
        .sort((a, b) => a.fields.name.localeCompare(b.fields.name))
        .map((c) => ({
          id: c.id, name: c.fields.name, status: c.fields.status,
          openDeals: c.opportunities.filter((o) => o.fields.stage !== "won" && o.fields.stage !== "lost").length,
          weightedMinor: c.weightedMinor,
          nextDueAt: c.deliverables.filter((d) => d.status === "planned" && !d.overdue).map((d) => d.fields.dueAt).sort()[0] ?? null,
          overdueDeliverables: c.deliverables.filter((d) => d.overdue).length,
        }));
    }
    case "get_sponsor":
    case "create_sponsor":
    case "update_sponsor":
    case "restore_sponsor": {
      if (command === "create_sponsor" || command === "update_sponsor") {
        const fields = args.fields as SponsorFields;
        if (!fields.name.trim()) throw invalid("name");
        if (fields.website && !/^https?:\/\//.test(fields.website)) throw { code: "invalid", fields: [{ field: "website", problem: { code: "invalid_url" } }] } satisfies AppError;
        const contacts = fields.contacts.map((c) => ({ ...c, id: c.id ?? `sc${++counter}` }));
        if (command === "create_sponsor") {
          const card = withTotals({ id: `sp${++counter}`, fields: { ...fields, contacts }, opportunities: [], deliverables: [], openMinor: 0, weightedMinor: 0, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), deleted: false });
          state.sponsorCards.push(card);
          return stripSponsor(card);
        }
        const card = state.sponsorCards.find((c) => c.id === args.id);
        if (!card) throw { code: "not_found", entity: "sponsor" } satisfies AppError;
        card.fields = { ...fields, contacts };
        return stripSponsor(card);
      }
      const card = state.sponsorCards.find((c) => c.id === args.id);
      if (!card || (card.deleted && command === "get_sponsor")) throw { code: "not_found", entity: "sponsor" } satisfies AppError;
      card.deleted = false;
      return stripSponsor(card);
    }
    case "delete_sponsor": {
      const card = state.sponsorCards.find((c) => c.id === args.id);
      if (card) card.deleted = true;
      return null;
    }
    case "save_opportunity":
    case "remove_opportunity":
    case "save_sponsor_deliverable":
    case "set_deliverable_status": {
      const at = state.sponsorCards.findIndex((c) =>
        c.id === args.sponsorId || c.opportunities.some((o) => o.id === args.id) || c.deliverables.some((d) => d.id === args.id));
      const card = state.sponsorCards[at];
      if (!card) throw { code: "not_found", entity: "sponsor" } satisfies AppError;
      if (command === "save_opportunity") {
        const fields = args.fields as OpportunityFields;
        if (!fields.title.trim()) throw invalid("title");
        if ((fields.amountMinor ?? 0) < 0) throw { code: "invalid", fields: [{ field: "amountMinor", problem: { code: "too_small", min: 0 } }] } satisfies AppError;
        const deal = { id: (args.id as string | null) ?? `op${++counter}`, fields, probability: 0, weightedMinor: 0 };
        card.opportunities = args.id ? card.opportunities.map((o) => (o.id === args.id ? deal : o)) : [...card.opportunities, deal];
      } else if (command === "remove_opportunity") {
        card.opportunities = card.opportunities.filter((o) => o.id !== args.id);
      } else if (command === "save_sponsor_deliverable") {
        const fields = args.fields as DeliverableFields;
        if (!fields.title.trim()) throw invalid("title");
        // Never in place: the UI's cache may hold the previous array (the real bridge sends copies).
        card.deliverables = [...card.deliverables, { id: `dl${++counter}`, fields, status: "planned", deliveredAt: null, proof: { url: null, assetId: null, offsetMs: null }, overdue: false }];
      } else {
        const proof = args.proof as { url: string | null };
        if (!proof.url) throw invalid("proofUrl");
        card.deliverables = card.deliverables.map((d) =>
          d.id === args.id ? { ...d, status: args.status as DeliverableStatus, proof: { url: proof.url, assetId: null, offsetMs: null }, deliveredAt: new Date().toISOString() } : d);
      }
      state.sponsorCards[at] = withTotals(card);
      return stripSponsor(state.sponsorCards[at]);
    }
    case "deal_pipeline": {
      const deals = state.sponsorCards.filter((c) => !c.deleted).flatMap((c) => c.opportunities);
      return (["lead", "proposal", "negotiation", "won", "lost"] as const).map((stage) => {
        const at = deals.filter((d) => d.fields.stage === stage);
        return { stage, deals: at.length, amountMinor: at.reduce((sum, d) => sum + (d.fields.amountMinor ?? 0), 0), weightedMinor: at.reduce((sum, d) => sum + d.weightedMinor, 0) };
      });
    }
    case "offer_catalogue":
      return state.offers;
    case "save_offer": {
      const offer = args.offer as Offer;
      if (!offer.name.trim()) throw invalid("name");
      if (offer.priceMinor < 0) throw { code: "invalid", fields: [{ field: "priceMinor", problem: { code: "too_small", min: 0 } }] } satisfies AppError;
      const blank = offer.items.findIndex((i) => !i.title.trim());
      if (blank >= 0) throw invalid(`items.${blank}.title`);
      const saved = { ...offer, id: offer.id ?? `o${++counter}`, items: offer.items.map((i) => ({ ...i, id: i.id ?? `i${++counter}` })) };
      state.offers = offer.id ? state.offers.map((o) => (o.id === offer.id ? saved : o)) : [...state.offers, saved];
      return state.offers;
    }
    case "remove_offer":
      state.offers = state.offers.filter((o) => o.id !== args.id);
      return state.offers;
    case "sell_campaign": {
      const sale = args.sale as Sale;
      const artist = find(sale.artistId);
      const offer = state.offers.find((o) => o.id === sale.offerId);
      if (!offer) throw invalid("offerId");
      const price = sale.priceMinor ?? offer.priceMinor;
      const floor = offer.priceIsMinimum ? offer.priceMinor : 0;
      if (price < floor) throw { code: "invalid", fields: [{ field: "priceMinor", problem: { code: "too_small", min: floor } }] } satisfies AppError;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(sale.startsOn)) throw invalid("startsOn");
      const id = `camp${++counter}`;
      const tasks = offer.items.filter((i) => i.part === "task");
      for (const item of tasks) {
        state.nextActions.push({
          id: `t${++counter}`,
          fields: taskFields(`${item.title} — ${artist.fields.name}`, { artistId: artist.id, dueAt: `${sale.startsOn}T09:00:00.000Z`, assignees: state.me ? [state.me] : [] }),
          position: String(counter), createdBy: state.me, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), overdue: false,
        });
      }
      const campaign: Campaign = {
        id, artistId: artist.id, artistName: artist.fields.name, offerId: offer.id, tier: offer.tier, offerName: offer.name, priceMinor: price,
        currency: offer.currency, status: "sold", paymentStatus: "unpaid", paidOn: null, startsOn: sale.startsOn, endsOn: sale.startsOn,
        soldAt: new Date().toISOString(), ownerId: state.me, notes: sale.notes, openTasks: tasks.length, tasks: tasks.length,
        deliverables: offer.items.filter((i) => i.part === "deliverable").map((i, n) => ({ id: `${id}-d${n}`, title: i.title, dueOn: sale.startsOn, delivered: false, deliveredAt: null, proofUrl: null })),
      };
      state.campaigns.unshift(campaign);
      return campaign;
    }
    case "artist_campaigns":
      return state.campaigns.filter((c) => c.artistId === args.artistId);
    case "list_campaigns":
      return state.campaigns.filter((c) => args.month === null || c.soldAt?.startsWith(args.month as string));
    case "set_campaign_status":
    case "set_campaign_payment": {
      const campaign = state.campaigns.find((c) => c.id === args.id);
      if (!campaign) throw { code: "not_found", entity: "campaign" } satisfies AppError;
      if (command === "set_campaign_status") campaign.status = args.status as CampaignStatus;
      else campaign.paymentStatus = args.payment as PaymentStatus;
      return campaign;
    }
    case "deliver_campaign_item": {
      const campaign = state.campaigns.find((c) => c.deliverables.some((d) => d.id === args.deliverableId));
      const deliverable = campaign?.deliverables.find((d) => d.id === args.deliverableId);
      if (!campaign || !deliverable) throw { code: "not_found", entity: "campaign" } satisfies AppError;
      if (args.proofUrl && !/^https?:\/\//.test(args.proofUrl as string)) throw { code: "invalid", fields: [{ field: "proofUrl", problem: { code: "invalid_url" } }] } satisfies AppError;
      Object.assign(deliverable, { delivered: args.delivered, proofUrl: args.proofUrl, deliveredAt: args.delivered ? new Date().toISOString() : null });
      return campaign;
    }
    case "campaign_revenue": {
      const now = new Date();
      return Array.from({ length: args.months as number }, (_, i) => {
        const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (args.months as number) + 1 + i, 1));
        const month = at.toISOString().slice(0, 7);
        const sold = state.campaigns.filter((c) => c.soldAt?.startsWith(month) && c.status !== "cancelled");
        return {
          month,
          campaigns: sold.length,
          soldMinor: sold.reduce((sum, c) => sum + c.priceMinor, 0),
          paidMinor: sold.filter((c) => c.paymentStatus === "paid").reduce((sum, c) => sum + c.priceMinor, 0),
        };
      });
    }
    case "pipeline_stages":
      return state.stages;
    case "save_pipeline_stage": {
      const fields = args.fields as StageFields;
      const label = fields.label?.trim() || null;
      if (args.id) {
        const stage = state.stages.find((s) => s.id === args.id);
        if (!stage) throw { code: "not_found", entity: "stage" } satisfies AppError;
        if (!stage.preset && !label) throw invalid("label");
        Object.assign(stage, { label, kind: fields.kind, stuckAfterDays: fields.kind === "open" ? fields.stuckAfterDays : null });
      } else {
        if (!label) throw invalid("label");
        const at = state.stages.findIndex((s) => s.kind === "lost");
        state.stages.splice(at < 0 ? state.stages.length : at, 0, { id: `s-${++counter}`, preset: null, label, kind: fields.kind, stuckAfterDays: fields.stuckAfterDays });
      }
      return state.stages;
    }
    case "reorder_pipeline_stage": {
      const stage = state.stages.find((s) => s.id === args.id);
      if (!stage) throw { code: "not_found", entity: "stage" } satisfies AppError;
      state.stages = state.stages.filter((s) => s !== stage);
      const before = state.stages.findIndex((s) => s.id === args.before);
      state.stages.splice(before < 0 ? state.stages.length : before, 0, stage);
      return state.stages;
    }
    case "remove_pipeline_stage": {
      const stage = state.stages.find((s) => s.id === args.id);
      if (!stage) throw { code: "not_found", entity: "stage" } satisfies AppError;
      if (state.stages.filter((s) => s.kind === stage.kind).length <= 1) throw { code: "last_stage" } satisfies AppError;
      for (const artist of live().filter((a) => a.fields.stageId === stage.id)) placeCard(state, artist, args.moveTo as string, args.lostReason as string | null);
      state.stages = state.stages.filter((s) => s !== stage);
      return state.stages;
    }
    case "move_artist_stage": {
      const artist = find(args.artistId);
      placeCard(state, artist, args.stageId as string, args.lostReason as string | null);
      return prospectOf(state, artist);
    }
    case "stage_history": {
      const visits = state.moves.filter((m) => m.artistId === args.artistId);
      return visits.map(({ artistId: _artist, ...visit }, i) => ({ ...visit, leftAt: visits[i + 1]?.enteredAt ?? null }));
    }
    case "pipeline_board":
      return state.stages.map((stage) => {
        const cards = live()
          .filter((a) => (a.fields.stageId ?? state.stages[0]?.id) === stage.id)
          .sort((x, y) => y.score.total - x.score.total)
          .map((a) => prospectOf(state, a));
        return { stage, total: cards.length, cards: cards.slice(0, args.perColumn as number) };
      });
    case "pipeline_prospects": {
      const query = args.query as { stageId: string | null; offset: number; limit: number };
      const rank = (a: Artist) => state.stages.findIndex((s) => s.id === a.fields.stageId);
      const rows = live()
        .filter((a) => query.stageId === null || a.fields.stageId === query.stageId)
        .sort((x, y) => rank(x) - rank(y) || y.score.total - x.score.total)
        .map((a) => prospectOf(state, a));
      return { rows: rows.slice(query.offset, query.offset + query.limit), total: rows.length, offset: query.offset };
    }
    case "plan_next_action": {
      find(args.artistId);
      if (!(args.title as string).trim()) throw invalid("title");
      if (!(args.dueAt as string).trim()) throw invalid("dueAt");
      const task: Task = {
        id: `t${++counter}`,
        fields: taskFields((args.title as string).trim(), { dueAt: args.dueAt as string, artistId: args.artistId as string, assignees: state.me ? [state.me] : [] }),
        position: String(counter),
        createdBy: state.me,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        overdue: false,
      };
      state.nextActions.push(task);
      return task;
    }
    case "pipeline_report": {
      const entered = new Set(state.moves.map((m) => m.artistId)).size;
      const won = new Set(state.moves.filter((m) => state.stages.find((s) => s.id === m.stageId)?.kind === "won").map((m) => m.artistId)).size;
      return {
        entered,
        won,
        stages: state.stages.map((s) => ({
          stageId: s.id,
          entered: new Set(state.moves.filter((m) => m.stageId === s.id).map((m) => m.artistId)).size,
          wentFurther: 0,
          conversionPercent: null,
          medianDays: null,
        })),
      };
    }
    case "read_artist_spreadsheet":
      return fakeSheet(args.file as string);
    case "preview_artist_import":
      return fakePreview(state, args.file as string, args.mapping as (ImportField | null)[]);
    case "import_artists": {
      const sheet = fakeSheet(args.file as string);
      const preview = fakePreview(state, args.file as string, args.mapping as (ImportField | null)[]);
      const choices = args.choices as ImportChoices;
      const channel = args.progress as { onmessage?: (p: ImportProgress) => void };
      channel.onmessage?.({ done: 0, total: sheet.rows });
      const nameAt = (args.mapping as (ImportField | null)[]).findIndex((f) => f?.field === "name");
      const report: ImportReport = { created: 0, merged: 0, skipped: 0, failed: preview.problemRows, rows: [] };
      for (const [index, row] of fakeRows(args.file as string).slice(1).entries()) {
        const line = index + 2;
        if (preview.problems.some((p) => p.line === line)) {
          report.rows.push({ line, name: row[nameAt] ?? "", outcome: "failed", problems: preview.problems.find((p) => p.line === line)?.problems ?? [] });
          continue;
        }
        const duplicate = preview.duplicates.find((d) => d.line === line);
        const choice = choices.byLine.find(([l]) => l === line)?.[1] ?? choices.duplicates;
        if (duplicate && choice === "skip") {
          report.skipped += 1;
          report.rows.push({ line, name: row[nameAt] ?? "", outcome: "skipped", duplicate_of: duplicate.existingName });
        } else if (duplicate && choice === "merge") {
          report.merged += 1;
          report.rows.push({ line, name: row[nameAt] ?? "", outcome: "merged", artist_id: duplicate.artistId ?? "", into: duplicate.existingName });
        } else {
          report.created += 1;
          state.artists.push(makeArtist(artistFields(row[nameAt] ?? "")));
        }
      }
      channel.onmessage?.({ done: sheet.rows, total: sheet.rows });
      return report;
    }
    case "stop_artist_import":
      return null;
    case "export_artists":
      return "/home/camille/Téléchargements/mona-spark-artistes-2026-12-02.csv";
    case "score_criteria":
      return state.criteria;
    case "save_score_criterion": {
      const criterion = args.criterion as Criterion;
      if (criterion.kind === "manual" && !criterion.label?.trim()) throw invalid("label");
      if (criterion.weight > 100) throw { code: "invalid", fields: [{ field: "weight", problem: { code: "too_large", max: 100 } }] } satisfies AppError;
      if (criterion.id) state.criteria = state.criteria.map((c) => (c.id === criterion.id ? criterion : c));
      else state.criteria.push({ ...criterion, id: `c${state.criteria.length + 1}` });
      return state.criteria;
    }
    case "remove_score_criterion":
      state.criteria = state.criteria.filter((c) => c.id !== args.id);
      return state.criteria;
    case "rate_artist": {
      const artist = find(args.artistId);
      const criterion = state.criteria.find((c) => c.id === args.criterionId);
      const stars = args.stars as number | null;
      const others = artist.score.lines.filter((l) => l.criterionId !== args.criterionId);
      artist.score = {
        ...artist.score,
        lines: [
          ...others,
          { criterionId: String(args.criterionId), kind: "manual", label: criterion?.label ?? null, points: (stars ?? 0) * 2, max: 10, measure: stars === null ? { type: "unknown" } : { type: "rating", stars } },
        ],
      };
      return artist.score;
    }
    case "log_interaction": {
      const fields = args.fields as InteractionFields;
      if (!fields.summary.trim()) throw invalid("summary");
      const item = { id: `i${state.interactions.length + 1}`, fields, authorId: state.me, createdAt: fields.occurredAt, deleted: false };
      state.interactions.push(item);
      return item;
    }
    case "delete_interaction":
    case "restore_interaction": {
      const item = state.interactions.find((i) => i.id === args.id);
      if (!item) throw { code: "not_found", entity: "interaction" } satisfies AppError;
      item.deleted = command === "delete_interaction";
      return command === "delete_interaction" ? null : item;
    }
    case "interaction_timeline": {
      const party = args.party as Party;
      const items = state.interactions
        .filter((i) => !i.deleted && i.fields.party.kind === party.kind && i.fields.party.id === party.id)
        .sort((a, b) => b.fields.occurredAt.localeCompare(a.fields.occurredAt));
      return { items, next: null };
    }
    case "score_history": {
      const artist = find(args.artistId);
      return Array.from({ length: (args.weeks as number) + 1 }, (_, week) => ({
        day: new Date(Date.UTC(2026, 5, 1 + 7 * week)).toISOString().slice(0, 10),
        total: Math.round((artist.score.total * week) / (args.weeks as number)),
      }));
    }
    case "get_artist": {
      const artist = find(args.id);
      if (artist.deleted) throw { code: "not_found", entity: "artist" } satisfies AppError;
      // Manual criteria nobody rated yet show as lines without a measure, as in the core.
      const unrated = state.criteria
        .filter((c) => c.kind === "manual" && !artist.score.lines.some((l) => l.criterionId === c.id))
        .map((c) => ({ criterionId: c.id ?? "", kind: c.kind, label: c.label, points: 0, max: 10, measure: { type: "unknown" as const } }));
      return strip(state, { ...artist, score: { ...artist.score, lines: [...artist.score.lines, ...unrated] } });
    }
    case "create_artist": {
      const fields = check(args.fields as ArtistFields);
      const artist = makeArtist({ ...fields, stageId: null, lostReason: null });
      placeCard(state, artist, fields.stageId, fields.lostReason);
      state.artists.push(artist);
      return strip(state, artist);
    }
    case "update_artist": {
      const artist = find(args.id);
      const fields = check(args.fields as ArtistFields);
      artist.fields = { ...fields, stageId: artist.fields.stageId, lostReason: artist.fields.lostReason };
      if (fields.stageId) placeCard(state, artist, fields.stageId, fields.lostReason);
      return strip(state, artist);
    }
    case "ui_ready":
      return null;
    case "twitch_app":
      return structuredClone(state.twitch.app);
    case "save_twitch_app": {
      const app = { clientId: (args.app as TwitchApp).clientId.trim() };
      const changed = state.twitch.app?.clientId !== app.clientId;
      state.twitch.app = app;
      if (changed) pushTwitch(state, { state: "signed_out" });
      return structuredClone(app);
    }
    case "forget_twitch_app":
      state.twitch.app = null;
      pushTwitch(state, { state: "not_configured" });
      return null;
    case "follow_twitch_account":
      state.twitch.channel = args.updates as FakeTwitch["channel"];
      state.twitch.channel?.onmessage?.(state.twitch.account);
      return null;
    case "twitch_sign_in": {
      if (!state.twitch.app) throw { code: "twitch", problem: { code: "not_configured" } } satisfies AppError;
      const signingIn: TwitchAccountState = {
        state: "signing_in",
        user_code: "MONA-2026",
        verification_uri: "https://www.twitch.tv/activate?device-code=MONA-2026",
        expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
      };
      pushTwitch(state, signingIn);
      return structuredClone(signingIn);
    }
    case "twitch_cancel_sign_in":
    case "twitch_sign_out":
      pushTwitch(state, { state: state.twitch.app ? "signed_out" : "not_configured" });
      return null;
    case "follow_twitch_chat":
      state.chat.channel = args.updates as FakeChat["channel"];
      state.chat.channel?.onmessage?.(structuredClone(state.chat.status));
      return null;
    case "twitch_chat_after": {
      const cursor = args.cursor as number;
      const events = state.chat.events.filter((e) => e.seq > cursor);
      const last = state.chat.events.length + state.chat.dropped;
      const dropped = cursor < state.chat.dropped ? state.chat.dropped - cursor : 0;
      return { events: structuredClone(events), dropped, last };
    }
    case "twitch_chat_join": {
      const channel = (args.channel as string).trim().replace(/^#/, "").toLowerCase();
      if (!/^[a-z0-9_]{1,25}$/.test(channel)) throw { code: "twitch", problem: { code: "invalid_channel" } } satisfies AppError;
      const { wanted, joined } = state.chat.status;
      pushChatStatus(state, { ...state.chat.status, wanted: [...new Set([...wanted, channel])].sort(), joined: [...new Set([...joined, channel])].sort() });
      return channel;
    }
    case "twitch_chat_leave": {
      const channel = args.channel as string;
      pushChatStatus(state, { ...state.chat.status, wanted: state.chat.status.wanted.filter((c) => c !== channel), joined: state.chat.status.joined.filter((c) => c !== channel) });
      return null;
    }
    case "twitch_chat_preferences":
      return { channels: state.chat.status.wanted, keywords: state.chat.keywords };
    case "set_twitch_chat_keywords": {
      const keywords = (args.keywords as string[]).map((k) => k.trim()).filter((k, i, all) => k !== "" && all.findIndex((o) => o.toLowerCase() === k.toLowerCase()) === i);
      if (keywords.some((k) => [...k].length > 50)) throw { code: "invalid", fields: [{ field: "keywords", problem: { code: "too_long", max: 50 } }] } satisfies AppError;
      state.chat.keywords = keywords;
      return { channels: state.chat.status.wanted, keywords };
    }
    case "twitch_channel":
      return structuredClone(state.twitch.channelInfo);
    case "update_twitch_channel": {
      const categories: Record<string, string> = { "509658": "Just Chatting", "26936": "Music", "509660": "Art" };
      const id = args.categoryId as string | null;
      state.twitch.channelInfo = {
        ...state.twitch.channelInfo,
        title: (args.title as string).trim(),
        category: id ? { id, name: categories[id] ?? id } : state.twitch.channelInfo.category,
      };
      return null;
    }
    case "twitch_categories": {
      const query = (args.query as string).toLowerCase();
      return [{ id: "509658", name: "Just Chatting" }, { id: "26936", name: "Music" }, { id: "509660", name: "Art" }].filter((c) => c.name.toLowerCase().includes(query));
    }
    case "twitch_marker":
      if (!state.twitch.channelInfo.live) throw { code: "twitch", problem: { code: "refused", message: "user is not live" } } satisfies AppError;
      state.twitch.markers.push(args.description as string);
      return { id: `marker-${state.twitch.markers.length}`, description: args.description as string, markedAt: new Date().toISOString(), eventId: null };
    case "twitch_moderate": {
      const channel = args.channel as string;
      const action = args.action as ModerationAction;
      if (action.kind === "delete") pushChat(state, channel, { kind: "deleted", id: action.message_id });
      if (action.kind === "timeout" || action.kind === "ban") {
        const login = state.chat.events.flatMap((e) => (e.event.kind === "message" && e.event.message.userId === action.user_id ? [e.event.message.login] : []))[0] ?? action.user_id;
        pushChat(state, channel, { kind: "user_cleared", login, user_id: action.user_id, seconds: action.kind === "timeout" ? action.seconds : null });
      }
      return null;
    }
    case "twitch_chat_send": {
      const text = (args.text as string).trim();
      const count = [...text].length;
      if (count > 500) throw { code: "twitch", problem: { code: "too_long", max: 500, count } } satisfies AppError;
      pushChat(state, args.channel as string, {
        kind: "message",
        message: {
          id: `sent-${state.chat.events.length}`, login: "nadia_live", userId: "141981764", name: "nadia_live", color: null, badges: [],
          parts: [{ kind: "text", text }], action: false, mentionsMe: false, keyword: false,
          replyTo: args.replyTo ? { id: args.replyTo as string, login: "", text: "" } : null, sentAt: new Date().toISOString(),
        },
      });
      return null;
    }
    case "upcoming_lives":
      return structuredClone(state.live.lives);
    case "live_on_twitch":
      return structuredClone(onTwitch(state, args.eventId as string));
    case "publish_live_on_twitch": {
      const live = onTwitch(state, args.eventId as string);
      const problem = live.problems[0];
      if (problem) throw { code: "not_for_twitch_schedule", problem } satisfies AppError;
      if (state.twitch.account.state !== "signed_in") throw { code: "twitch", problem: { code: "not_signed_in" } } satisfies AppError;
      const category = (args.category as Category | null) ?? null;
      const published = {
        segmentId: live.published?.segmentId ?? `seg-${Object.keys(state.live.onTwitch).length + 1}`,
        channelId: state.twitch.account.user_id,
        channelLogin: state.twitch.account.login,
        title: live.title,
        startsAt: live.startsAt,
        minutes: live.minutes,
        weekly: live.weekly,
        cancelled: live.cancelled,
        categoryId: category?.id ?? live.published?.categoryId ?? null,
        categoryName: category?.name ?? live.published?.categoryName ?? null,
        publishedAt: new Date().toISOString(),
      };
      state.live.onTwitch[live.eventId] = { ...live, published, state: "up_to_date" };
      return structuredClone(state.live.onTwitch[live.eventId]);
    }
    case "withdraw_live_from_twitch": {
      const live = onTwitch(state, args.eventId as string);
      state.live.onTwitch[live.eventId] = { ...live, published: null, state: "not_published" };
      return structuredClone(state.live.onTwitch[live.eventId]);
    }
    case "run_of_show": {
      const show = state.live.shows[args.eventId as string];
      if (!show) throw { code: "not_found", entity: "event" } satisfies AppError;
      return structuredClone(show);
    }
    case "save_run_of_show": {
      const show = state.live.shows[args.eventId as string];
      if (!show) throw { code: "not_found", entity: "event" } satisfies AppError;
      const fields = args.segments as SegmentFields[];
      const blank = fields.findIndex((f) => f.title.trim() === "");
      if (blank >= 0) throw invalid(`segments.${blank}.title`);
      state.live.shows[show.eventId] = plan(show, fields);
      return structuredClone(state.live.shows[show.eventId]);
    }
    case "start_live_segment": {
      for (const show of Object.values(state.live.shows)) {
        const segment = show.segments.find((s) => s.id === args.segmentId);
        if (!segment) continue;
        const first = segment.startedAt === null;
        segment.startedAt ??= new Date().toISOString();
        // As Rust reads it again: this one on air, the next not started after it.
        show.onAir = segment.id;
        show.next = show.segments.slice(show.segments.indexOf(segment) + 1).find((s) => s.startedAt === null)?.id ?? null;
        return {
          segment: structuredClone(segment),
          sceneOnAir: first && segment.fields.obsScene ? state.live.sceneOnAir : null,
          messagePosted: first && segment.fields.chatMessage ? state.live.messagePosted : null,
        };
      }
      throw { code: "not_found", entity: "event" } satisfies AppError;
    }
    case "run_live":
      state.live.running = (args.eventId as string | null) ?? null;
      return state.live.running;
    case "live_running":
      return state.live.running;
    case "recordings":
      return structuredClone(state.recordings.list);
    case "follow_recordings":
      state.recordings.channel = args.updates as FakeRecordings["channel"];
      state.recordings.channel?.onmessage?.(state.recordings.news);
      return null;
    case "recording_thumbnail": {
      const asset = state.recordings.list.find((r) => r.assetId === args.assetId);
      if (!asset) throw { code: "not_found", entity: "file" } satisfies AppError;
      // A one-pixel JPEG is enough for the page to show a picture.
      return "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==";
    }
    case "open_recording_file":
      state.recordings.opened.push(`${args.assetId as string} ${args.file as string}`);
      return null;
    case "retry_recording": {
      const entry = state.recordings.list.find((r) => r.intakeId === args.intakeId);
      if (entry) Object.assign(entry, { state: "waiting", problem: null });
      pushRecordings(state, { changes: state.recordings.news.changes + 1 });
      return null;
    }
    case "cancel_recording":
      return null;
    case "recording_keep":
      return state.recordings.keep;
    case "set_recording_keep":
      state.recordings.keep = args.keep as RecordingKeep;
      return state.recordings.keep;
    case "obs_setup":
      return structuredClone(state.obs.setup);
    case "save_obs_setup": {
      const connection = args.connection as ObsSetup["connection"];
      if (!connection.host.trim()) throw invalid("host");
      const password = args.password as string | null;
      state.obs.setup = { connection, hasPassword: password === null ? (state.obs.setup?.hasPassword ?? false) : password !== "" };
      pushObs(state, { kind: "health", health: { state: "connecting", attempt: 1, problem: null, since: "2026-12-03T21:00:00.000Z" } });
      return structuredClone(state.obs.setup);
    }
    case "forget_obs_setup":
      state.obs.setup = null;
      pushObs(state, { kind: "health", health: { state: "not_configured" } });
      return null;
    case "obs_retry":
      return null;
    case "follow_obs": {
      state.obs.channel = args.updates as FakeObs["channel"];
      state.obs.channel?.onmessage?.({ kind: "health", health: state.obs.health });
      state.obs.channel?.onmessage?.({ kind: "stats", stats: state.obs.stats });
      return null;
    }
    case "obs_scenes":
      if (state.obs.health.state !== "connected") throw { code: "obs", problem: { code: "not_connected" } } satisfies AppError;
      return structuredClone(state.obs.scenes);
    case "obs_switch_scene": {
      const scene = args.scene as string;
      if (!state.obs.scenes.scenes.includes(scene)) throw { code: "obs", problem: { code: "not_found", what: "scene", name: scene } } satisfies AppError;
      state.obs.scenes.program = scene;
      // OBS announces the switch.
      pushObs(state, { kind: "change", change: { kind: "program_scene", name: scene } });
      return null;
    }
    case "obs_output": {
      // OBS's figures, read again after the action, say what changed.
      const stats = state.obs.stats ?? obsStats();
      const running = { active: true, paused: false, reconnecting: false, timecodeMs: 0, kbps: 0 };
      const action = args.action as string;
      const next =
        action === "start_recording" ? { recording: running }
        : action === "stop_recording" ? { recording: idleOutput }
        : action === "pause_recording" ? { recording: { ...stats.recording, paused: true } }
        : action === "resume_recording" ? { recording: { ...stats.recording, paused: false } }
        : action === "start_stream" ? { stream: running }
        : action === "stop_stream" ? { stream: idleOutput }
        : {};
      pushObs(state, { kind: "stats", stats: { ...stats, ...next } });
      return action === "stop_recording" ? "/home/camille/Vidéos/2026-12-03 21-00-00.mkv" : null;
    }
    case "obs_set_studio_mode":
      state.obs.scenes.preview = args.enabled ? state.obs.scenes.program : null;
      pushObs(state, { kind: "change", change: { kind: "studio_mode", enabled: args.enabled as boolean } });
      return null;
    case "obs_set_preview":
      state.obs.scenes.preview = args.scene as string;
      pushObs(state, { kind: "change", change: { kind: "preview_scene", name: args.scene as string } });
      return null;
    case "obs_transition": {
      const { preview, program } = state.obs.scenes;
      if (!preview) throw { code: "obs", problem: { code: "refused", status: 506, comment: "Studio mode is not active." } } satisfies AppError;
      state.obs.scenes.program = preview;
      state.obs.scenes.preview = program ?? preview;
      pushObs(state, { kind: "change", change: { kind: "program_scene", name: preview } });
      pushObs(state, { kind: "change", change: { kind: "preview_scene", name: program ?? preview } });
      return null;
    }
    case "obs_audio_inputs":
      return structuredClone(state.obs.audio);
    case "obs_set_muted": {
      const input = state.obs.audio.find((i) => i.name === args.input);
      if (input) input.muted = args.muted as boolean;
      pushObs(state, { kind: "change", change: { kind: "input_muted", input: args.input as string, muted: args.muted as boolean } });
      return null;
    }
    case "obs_set_volume": {
      const input = state.obs.audio.find((i) => i.name === args.input);
      if (input) input.volumeDb = args.volumeDb as number;
      pushObs(state, { kind: "change", change: { kind: "input_volume", input: args.input as string, volumeDb: args.volumeDb as number } });
      return null;
    }
    case "obs_program_snapshot":
      if (state.obs.health.state !== "connected") throw { code: "obs", problem: { code: "not_connected" } } satisfies AppError;
      return `data:image/jpeg;base64,${state.obs.scenes.program}`;
    case "obs_scene_items":
      return structuredClone(state.obs.items[args.scene as string] ?? []);
    case "obs_set_item_visible": {
      const scene = args.scene as string;
      const item = state.obs.items[scene]?.find((i) => i.id === args.itemId);
      if (item) item.visible = args.visible as boolean;
      pushObs(state, { kind: "change", change: { kind: "scene_item_visibility", scene, itemId: args.itemId as number, visible: args.visible as boolean } });
      return null;
    }
    case "sync_status":
      return state.sync;
    case "sync_now":
      return null;
    case "team_server":
      return state.teamServer;
    case "save_team_server": {
      const server = args.server as TeamServer;
      if (!server.host.trim()) throw invalid("host");
      state.teamServer = server;
      return server;
    }
    case "leave_team_server":
      state.teamServer = null;
      return null;
    case "create_team_sign_in": {
      const signIn = args.signIn as { user: string; password: string };
      // The core's rule (service::SIGN_IN_PASSWORD_MIN), answered as it answers.
      if ([...signIn.password].length < 12) {
        throw { code: "invalid", fields: [{ field: "signInPassword", problem: { code: "too_short", min: 12 } }] } satisfies AppError;
      }
      return null;
    }
    case "test_team_server":
    case "prepare_team_server":
      if ("code" in state.serverAnswer) throw state.serverAnswer;
      return state.serverAnswer;
    case "list_conflicts":
      return state.conflicts;
    case "restore_conflict":
    case "dismiss_conflict":
      state.conflicts = state.conflicts.filter((c) => c.id !== args.id);
      return null;
    case "delete_artist":
      find(args.id).deleted = true;
      return null;
    case "list_members":
      // A copy, as the real bridge sends: the UI must see a new list.
      return [...state.members];
    case "current_member":
      return state.members.find((m) => m.id === state.me) ?? null;
    case "role_rights":
      return roleRights;
    case "join_team": {
      const fields = args.fields as MemberFields;
      if (!fields.name.trim()) throw invalid("name");
      const member: Member = { ...fields, name: fields.name.trim(), id: `u${state.members.length + 1}`, role: state.members.length === 0 ? "admin" : "guest" };
      state.members.push(member);
      state.me = member.id;
      return member;
    }
    case "choose_me": {
      const member = state.members.find((m) => m.id === args.id);
      if (!member) throw { code: "not_found", entity: "member" } satisfies AppError;
      state.me = member.id;
      return member;
    }
    case "add_member": {
      const fields = args.fields as MemberFields;
      if (!fields.name.trim()) throw invalid("name");
      const member: Member = { ...fields, name: fields.name.trim(), id: `u${state.members.length + 1}` };
      state.members.push(member);
      return member;
    }
    case "update_member": {
      const index = state.members.findIndex((m) => m.id === args.id);
      const member: Member = { ...(args.fields as MemberFields), id: String(args.id) };
      state.members[index] = member;
      return member;
    }
    case "remove_member":
      state.members = state.members.filter((m) => m.id !== args.id);
      return null;
    case "list_boards":
      return state.boards.map((b) => ({ id: b.id, name: b.name }));
    case "get_board": {
      const board = state.boards.find((b) => b.id === args.id);
      if (!board) throw { code: "not_found", entity: "board" } satisfies AppError;
      return structuredClone(board);
    }
    case "create_board": {
      const fields = args.fields as BoardFields;
      if (!fields.name.trim()) throw invalid("name");
      const board: Board = {
        id: `b${state.boards.length + 1}`,
        name: fields.name.trim(),
        columns: fields.columns.map((c, n) => ({ id: `b${state.boards.length + 1}c${n}`, fields: c, cards: [], overLimit: false })),
      };
      state.boards.push(board);
      return structuredClone(board);
    }
    case "create_task": {
      const fields = args.fields as TaskFields;
      if (!fields.title.trim()) throw invalid("title");
      const column = state.boards.flatMap((b) => b.columns).find((c) => c.id === fields.columnId);
      const task: Task = {
        id: `t${++counter}`,
        fields: taskFields(fields.title.trim(), { ...fields, title: fields.title.trim() }),
        position: String(counter),
        createdBy: state.me,
        createdAt: "2026-11-24T09:00:00.000Z",
        updatedAt: "2026-11-24T09:00:00.000Z",
        overdue: false,
      };
      column?.cards.push(task);
      if (fields.startsAt && fields.endsAt) {
        state.calendar.push({
          kind: "task", id: task.id, occurrenceAt: null, title: task.fields.title, startsAt: fields.startsAt, endsAt: fields.endsAt,
          allDay: fields.allDay ?? false, timeZone: fields.timeZone ?? null, people: fields.assignees ?? [], clash: false, repeating: Boolean(fields.recurrence),
        });
      }
      return task;
    }
    case "calendar_window":
      return { items: structuredClone(state.calendar), truncated: false };
    case "reschedule_task": {
      const item = state.calendar.find((i) => i.id === args.id);
      if (item) Object.assign(item, { startsAt: args.startsAt, endsAt: args.endsAt });
      return null;
    }
    case "move_card": {
      const columns = state.boards.flatMap((b) => b.columns);
      const task = columns.flatMap((c) => c.cards).find((c) => c.id === args.taskId);
      const target = columns.find((c) => c.id === args.columnId);
      if (!task || !target) throw { code: "not_found", entity: "task" } satisfies AppError;
      for (const column of columns) column.cards = column.cards.filter((c) => c.id !== task.id);
      const at = args.after ? target.cards.findIndex((c) => c.id === args.after) + 1 : args.before ? target.cards.findIndex((c) => c.id === args.before) : target.cards.length;
      task.fields.columnId = target.id;
      target.cards.splice(at, 0, task);
      return task;
    }
    case "restore_artist": {
      const artist = find(args.id);
      artist.deleted = false;
      return strip(state, artist);
    }
    case "task_detail": {
      const task = allTasks(state).find((c) => c.id === args.id);
      if (!task) throw { code: "not_found", entity: "task" } satisfies AppError;
      const { artistId, sponsorId, eventId, contentId } = task.fields;
      const links = [artistId, sponsorId, eventId, contentId].flatMap((id) => records(state).filter((r) => r.id === id));
      return { task: structuredClone(task), checklist: structuredClone(state.checklists[task.id] ?? []), comments: structuredClone(state.comments[task.id] ?? []), links };
    }
    case "find_records": {
      const words = fold(String(args.typed)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      if (words.length === 0) return [];
      const kinds = args.kinds as RecordKind[];
      const matching = records(state).filter((r) => kinds.includes(r.kind) && words.every((w) => fold(r.name).split(/[^\p{L}\p{N}]+/u).some((h) => h.startsWith(w))));
      return kinds.flatMap((kind) => matching.filter((r) => r.kind === kind).slice(0, Number(args.perKind)));
    }
    case "update_task": {
      const task = allTasks(state).find((c) => c.id === args.id);
      if (!task) throw { code: "not_found", entity: "task" } satisfies AppError;
      const fields = args.fields as TaskFields;
      if (!fields.title.trim()) throw invalid("title");
      task.fields = { ...fields, title: fields.title.trim() };
      task.updatedAt = new Date().toISOString();
      return structuredClone(task);
    }
    case "delete_task": {
      for (const column of state.boards.flatMap((b) => b.columns)) column.cards = column.cards.filter((c) => c.id !== args.id);
      return null;
    }
    case "add_checklist_item": {
      const list = (state.checklists[args.taskId as string] ??= []);
      list.push({ id: `s${++counter}`, text: String(args.text).trim(), done: false });
      return structuredClone(list);
    }
    case "tick_checklist_item": {
      const list = Object.values(state.checklists).find((l) => l.some((i) => i.id === args.id)) ?? [];
      for (const item of list) if (item.id === args.id) item.done = Boolean(args.done);
      return structuredClone(list);
    }
    case "remove_checklist_item": {
      const [taskId, list] = Object.entries(state.checklists).find(([, l]) => l.some((i) => i.id === args.id)) ?? ["", []];
      state.checklists[taskId] = list.filter((i) => i.id !== args.id);
      return structuredClone(state.checklists[taskId]);
    }
    case "add_comment": {
      const list = (state.comments[args.taskId as string] ??= []);
      list.push({ id: `m${++counter}`, authorId: state.me, body: String(args.body).trim(), createdAt: "2026-12-01T10:00:00.000Z", edited: false });
      return structuredClone(list);
    }
    case "create_event": {
      const fields = args.fields as EventFields;
      if (!fields.title.trim()) throw invalid("title");
      const event: Event = { id: `e${++counter}`, fields: { ...fields, title: fields.title.trim() }, createdAt: "2026-12-01T10:00:00.000Z", updatedAt: "2026-12-01T10:00:00.000Z" };
      state.events.push(event);
      state.calendar.push({
        kind: "event", id: event.id, occurrenceAt: null, title: event.fields.title, startsAt: fields.startsAt, endsAt: fields.endsAt,
        allDay: fields.allDay, timeZone: fields.timeZone, people: fields.attendees, clash: false, repeating: Boolean(fields.recurrence),
      });
      return structuredClone(event);
    }
    case "get_event": {
      const event = state.events.find((e) => e.id === args.id);
      if (!event) throw { code: "not_found", entity: "event" } satisfies AppError;
      return structuredClone(event);
    }
    case "update_event_occurrence":
    case "delete_event_occurrence":
    case "reschedule_task_occurrence":
      return command === "update_event_occurrence" ? structuredClone(state.events.find((e) => e.id === args.id)) : null;
    case "preview_calendar_file":
    case "import_calendar_file": {
      const answer = state.icsAnswer;
      if ("code" in answer) throw answer;
      return command === "preview_calendar_file" ? answer : { created: answer.events - answer.updates, updated: answer.updates, unknownAttendees: answer.unknownAttendees };
    }
    case "preview_trello_board": {
      const answer = state.trelloAnswer;
      if ("code" in answer) throw answer;
      return answer;
    }
    case "import_trello_board": {
      const answer = state.trelloAnswer;
      if ("code" in answer) throw answer;
      const board = boardWith(answer.boardName, answer.columns);
      state.boards.push(board);
      return { boardId: board.id, cards: answer.cards, leftOut: answer.leftOut };
    }
    case "list_tasks": {
      const filter = args.filter as TaskFilter;
      const open = (task: Task) => !["done", "cancelled"].includes(task.fields.status);
      return structuredClone(
        allTasks(state)
          .filter((task) => filter.includeClosed || open(task))
          .filter((task) => !filter.assignee || task.fields.assignees.includes(filter.assignee))
          .filter((task) => !filter.overdueOnly || (open(task) && task.overdue))
          .filter((task) => !filter.artist || task.fields.artistId === filter.artist)
          // As the core: soonest due first, those without a due time last.
          .sort((a, b) => Number(!a.fields.dueAt) - Number(!b.fields.dueAt) || (a.fields.dueAt ?? "").localeCompare(b.fields.dueAt ?? "")),
      );
    }
    case "responsibilities_of":
      return structuredClone(state.responsibilities[`${args.subject}:${args.id}`] ?? []);
    case "set_responsibility": {
      const key = `${args.subject}:${args.id}`;
      const list = (state.responsibilities[key] ?? []).filter((r) => r.userId !== args.userId);
      if (args.part) list.push({ userId: String(args.userId), part: args.part as Part });
      state.responsibilities[key] = list;
      return structuredClone(list);
    }
    case "create_tag": {
      const name = String(args.name).trim();
      const label = state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase()) ?? { id: `l${++counter}`, name, color: null };
      if (!state.labels.includes(label)) state.labels.push(label);
      return structuredClone(label);
    }
    case "add_column": {
      const board = state.boards.find((b) => b.id === args.boardId);
      if (!board) throw { code: "not_found", entity: "board" } satisfies AppError;
      board.columns.push({ id: `c${++counter}`, fields: args.fields as Board["columns"][number]["fields"], cards: [], overLimit: false });
      return structuredClone(board);
    }
    case "update_column":
    case "remove_column": {
      const board = state.boards.find((b) => b.columns.some((c) => c.id === args.id));
      const column = board?.columns.find((c) => c.id === args.id);
      if (!board || !column) throw { code: "not_found", entity: "column" } satisfies AppError;
      if (command === "update_column") {
        column.fields = args.fields as typeof column.fields;
        column.overLimit = column.fields.wipLimit != null && column.cards.length > column.fields.wipLimit;
      } else {
        board.columns = board.columns.filter((c) => c !== column);
        board.columns[0]!.cards.push(...column.cards);
      }
      return structuredClone(board);
    }
    case "list_tags":
      return structuredClone(state.labels);
    case "export_calendar":
      return "/home/camille/Téléchargements/mona-spark-calendar-2026-12-01.ics";
    case "take_due_reminders": {
      const due = state.dueReminders;
      state.dueReminders = [];
      for (const r of due) {
        state.notifications.unshift({
          id: r.notificationId, kind: "reminder", title: r.title, body: "", entityType: "task", entityId: r.taskId,
          occursAt: r.occursAt, read: false, createdAt: r.dueAt,
        });
      }
      return due;
    }
    case "notification_inbox":
      return inbox(state);
    case "mark_notification_read":
      for (const n of state.notifications) if (n.id === args.id) n.read = true;
      return inbox(state);
    case "mark_all_notifications_read":
      for (const n of state.notifications) n.read = true;
      return inbox(state);
    case "plugin:notification|notify":
      state.osNotifications.push((args as { options: { title: string; body?: string } }).options);
      return null;
    default:
      throw new Error(`the fake backend does not know ${command}`);
  }
}

function allTasks(state: FakeState): Task[] {
  return state.boards.flatMap((b) => b.columns).flatMap((c) => c.cards);
}

function inbox(state: FakeState) {
  return { items: structuredClone(state.notifications), unread: state.notifications.filter((n) => !n.read).length };
}

function stripSponsor({ deleted: _deleted, ...sponsor }: SponsorCard & { deleted: boolean }): SponsorCard {
  return sponsor;
}

function strip(state: FakeState, { deleted: _deleted, ...artist }: Artist & { deleted: boolean }): Artist {
  return { ...artist, prospect: prospectOf(state, artist) };
}

/** Routes every `invoke` of the UI to `state`. */
export function installFakeBackend(state: FakeState): FakeState {
  mockIPC((command, args) => handle(state, command, (args ?? {}) as Record<string, unknown>));
  return state;
}

/** Every record a picker can find, as the core names them. */
function records(state: FakeState): RecordRef[] {
  return [
    ...state.artists.filter((a) => !a.deleted).map((a): RecordRef => ({ kind: "artist", id: a.id, name: a.fields.name, hint: a.fields.city, at: null })),
    ...state.sponsors,
    ...state.events.map((e): RecordRef => ({ kind: "event", id: e.id, name: e.fields.title, hint: e.fields.location, at: e.fields.startsAt })),
    ...state.content,
  ];
}
