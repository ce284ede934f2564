// Turns an AppError into a sentence in the user's language.
import type { TFunction } from "i18next";
import type {
  AppError,
  CsvProblem,
  FieldError,
  IcsProblem,
  ObsError,
  ObsHealth_Serialize as ObsHealth,
  ObsProblem,
  ScheduleProblem,
  StartupProblem,
  SyncProblem,
  TrelloProblem,
  TwitchError,
} from "../bindings";
import { appErrorOf } from "./bridge";

export function describeError(t: TFunction, error: unknown): string {
  return describeAppError(t, appErrorOf(error));
}

export function describeAppError(t: TFunction, appError: AppError): string {
  switch (appError.code) {
    case "not_found":
      return t("errors.notFound");
    case "invalid":
      return t("errors.invalid");
    case "not_allowed":
      return t("errors.notAllowed", { role: t(`team.roles.${appError.role}`), action: t(`team.actions.${appError.action}`) });
    case "last_admin":
      return t("errors.lastAdmin");
    case "last_stage":
      return t("errors.lastStage");
    case "busy":
      return t("errors.busy");
    case "corrupt":
      return t("errors.corrupt");
    case "database_unavailable":
      return describeStartupProblem(t, appError.problem);
    case "sync":
      return describeSyncProblem(t, appError.problem);
    case "calendar_file":
      return describeIcsProblem(t, appError.problem);
    case "trello_file":
      return describeTrelloProblem(t, appError.problem);
    case "spreadsheet_file":
      return describeCsvProblem(t, appError.problem);
    case "file_garbled":
      return t("errors.fileGarbled");
    case "file_not_kept":
      return t("errors.fileNotKept", { folder: appError.folder });
    case "file_not_opened":
      return t("errors.fileNotOpened", { path: appError.path });
    case "file_not_on_this_device":
      return t("errors.fileNotOnThisDevice", { name: appError.name });
    case "cancelled":
      return t("errors.cancelled");
    case "export_failed":
      return t("errors.exportFailed", { folder: appError.folder });
    case "obs":
      return describeObsError(t, appError.problem);
    case "twitch":
      return describeTwitchError(t, appError.problem);
    case "not_for_twitch_schedule":
      return describeScheduleProblem(t, appError.problem);
    case "keychain_unavailable":
      return t("errors.keychainUnavailable");
    case "internal":
      return t("errors.internal");
  }
}

export function describeTwitchError(t: TFunction, error: TwitchError): string {
  switch (error.code) {
    case "sign_in_again":
      return t(`twitch.problem.${error.reason}`);
    case "too_long":
      return t("twitch.error.too_long", { count: error.count, max: error.max });
    case "too_fast":
      return t("twitch.error.too_fast", { seconds: Math.max(1, Math.ceil(error.retry_in_ms / 1000)) });
    case "refused":
      return t("twitch.error.refused", { message: error.message || "—" });
    case "other_channel":
      return t("twitch.error.other_channel", { login: error.login });
    default:
      return t(`twitch.error.${error.code}`);
  }
}

/** Why a live cannot go on the Twitch schedule as it is. */
export function describeScheduleProblem(t: TFunction, problem: ScheduleProblem): string {
  switch (problem.kind) {
    case "too_short":
      return t("schedule.problem.too_short", { min: problem.min, minutes: problem.minutes });
    case "too_long":
      return t("schedule.problem.too_long", { hours: problem.max / 60, minutes: problem.minutes });
    case "title_too_long":
      return t("schedule.problem.title_too_long", { count: problem.count, max: problem.max });
    default:
      return t(`schedule.problem.${problem.kind}`);
  }
}

export function describeObsError(t: TFunction, error: ObsError): string {
  switch (error.code) {
    case "not_found":
      return t(`obs.error.not_found.${error.what}`, { name: error.name });
    case "refused":
      return t("obs.error.refused", { comment: error.comment, status: error.status });
    default:
      return t(`obs.error.${error.code}`);
  }
}

export function describeObsProblem(t: TFunction, problem: ObsProblem): string {
  return problem.code === "too_old" ? t("obs.problem.too_old", { found: problem.found }) : t(`obs.problem.${problem.code}`);
}

/** Where the link to OBS stands, in a few words, and why it is not connected. */
export function describeObsHealth(t: TFunction, health: ObsHealth): { label: string; problem: string | null } {
  const label =
    health.state === "waiting"
      ? t("obs.health.waiting", { seconds: Math.max(1, Math.round(health.retryInMs / 1000)) })
      : t(`obs.health.${health.state}`);
  const problem = "problem" in health && health.problem ? describeObsProblem(t, health.problem) : null;
  return { label, problem };
}

/** Why a spreadsheet cannot be imported; columns named by their headers when known. */
export function describeCsvProblem(t: TFunction, problem: CsvProblem, headers: string[] = []): string {
  switch (problem.code) {
    case "too_large":
      return t("crm.import.problem.too_large", { max: problem.max_megabytes });
    case "too_many_rows":
      return t("crm.import.problem.too_many_rows", { max: problem.max });
    case "mapped_twice":
      return t("crm.import.problem.mapped_twice", { first: headers[problem.first] ?? problem.first + 1, second: headers[problem.second] ?? problem.second + 1 });
    case "followers_without_account":
      return t("crm.import.problem.followers_without_account", { column: headers[problem.column] ?? problem.column + 1 });
    default:
      return t(`crm.import.problem.${problem.code}`);
  }
}

export function describeTrelloProblem(t: TFunction, problem: TrelloProblem): string {
  switch (problem.code) {
    case "too_large":
      return t("trello.problem.too_large", { max: problem.max_megabytes });
    case "not_json":
      return t("trello.problem.not_json", { line: problem.line, column: problem.column });
    case "not_trello":
      return t("trello.problem.not_trello");
    case "too_many_cards":
      return t("trello.problem.too_many_cards", { max: problem.max });
  }
}

export function describeIcsProblem(t: TFunction, problem: IcsProblem): string {
  switch (problem.code) {
    case "too_large":
      return t("ics.problem.too_large", { max: problem.max_megabytes });
    case "too_many_events":
      return t("ics.problem.too_many_events", { max: problem.max });
    case "unreadable":
      return t("ics.problem.unreadable", { line: problem.line });
    case "no_events":
      return t("ics.problem.no_events");
    case "missing_title":
      return t("ics.problem.missing_title", { event: problem.event });
    default:
      return t(`ics.problem.${problem.code}`, { ...problem });
  }
}

export function describeSyncProblem(t: TFunction, problem: SyncProblem): string {
  switch (problem.code) {
    case "server_too_old":
    case "server_too_new":
      return t(`sync.problem.${problem.code}`, { found: problem.found, expected: problem.expected });
    case "clock_ahead":
      return t("sync.problem.clock_ahead", { minutes: problem.ahead_minutes });
    case "tls":
      return t(`sync.problem.tls.${problem.failure}`);
    default:
      return t(`sync.problem.${problem.code}`);
  }
}

export function describeStartupProblem(t: TFunction, problem: StartupProblem): string {
  switch (problem.reason) {
    case "data_folder":
      return t("startup.dataFolder");
    case "already_open":
      return t("startup.alreadyOpen");
    case "unreadable":
      return t("startup.unreadable");
    case "not_a_database":
      return t("startup.notADatabase");
    case "foreign_database":
      return t("startup.foreignDatabase");
    case "newer_schema":
      return t("startup.newerSchema", { found: problem.found, supported: problem.supported });
    case "locked":
      return t("startup.locked");
    case "migration_failed":
      return t("startup.migrationFailed", { version: problem.version });
    case "other":
      return t("startup.other");
  }
}

export function describeFieldError(t: TFunction, error: FieldError): string {
  const problem = error.problem;
  switch (problem.code) {
    case "too_long":
      return t("validation.too_long", { max: problem.max });
    case "too_short":
      return t("validation.too_short", { min: problem.min });
    case "too_large":
      return t("validation.too_large", { max: problem.max });
    case "too_small":
      // Amounts travel in cents: "at least 490,00 €", not "at least 49000".
      return error.field.endsWith("Minor") ? t("validation.too_small_money", { min: problem.min / 100 }) : t("validation.too_small", { min: problem.min });
    default:
      return t(`validation.${problem.code}`);
  }
}

/** Field name → message, for the inline errors of a form. */
export function fieldErrorsOf(t: TFunction, error: unknown): Record<string, string> {
  const appError = appErrorOf(error);
  if (appError.code !== "invalid") return {};
  return Object.fromEntries(appError.fields.map((f) => [f.field, describeFieldError(t, f)]));
}
