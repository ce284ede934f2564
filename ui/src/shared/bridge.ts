// The only door to Rust. Commands come from the generated bindings; this file
// turns their `{status, data | error}` results into values or thrown
// `BridgeError`s that TanStack Query understands.
import { commands, type AppError } from "../bindings";

export { commands };

export class BridgeError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.code);
    this.name = "BridgeError";
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError | unknown };

function isAppError(value: unknown): value is AppError {
  return typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string";
}

/** Unwraps a command's result; anything that is not a typed AppError becomes `internal`. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (thrown) {
    console.error("command failed before reaching the app", thrown);
    throw new BridgeError({ code: "internal" });
  }
  if (result.status === "ok") return result.data;
  if (isAppError(result.error)) throw new BridgeError(result.error);
  // Tauri answers with a bare string when it cannot decode a command's arguments.
  console.error("command rejected", result.error);
  throw new BridgeError({ code: "internal" });
}

export function appErrorOf(error: unknown): AppError {
  return error instanceof BridgeError ? error.appError : { code: "internal" };
}

/** A file's bytes as base64, the way the bridge carries them. */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}
