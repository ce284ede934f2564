// The questions the first screen needs answered, asked of Rust the moment the
// page starts evaluating, before React is even loaded.
import { commands } from "./bindings";

export const startupAnswers = { info: commands.appInfo(), settings: commands.getSettings() };

export type StartupAnswers = typeof startupAnswers;
