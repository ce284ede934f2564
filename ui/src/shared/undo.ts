// Taking something off looks the same everywhere in the app: it leaves at
// once, and a toast offers for ten seconds to bring it back (the core keeps
// it, soft-deleted, so undo is a restore, never a copy kept in the UI).
import type { UseMutateFunction } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { describeError } from "./errors";

type Change = { mutate: UseMutateFunction<unknown, unknown, string> };

export type Removal = {
  /** What the toast says once it is off ("Élodie Mars supprimée"). */
  removed: string;
  /** What it says once it is back, when that deserves a word. */
  restored?: string;
  /** Runs once it is off (leave its page, close its panel). */
  then?: () => void;
};

/** `remove(id, said)`: takes the record off through `removal`, offering to undo it through `restore`. */
export function useRemoveWithUndo(removal: Change, restore: Change) {
  const { t } = useTranslation();
  const failed = (error: unknown) => toast.error(describeError(t, error));
  return (id: string, said: Removal) =>
    removal.mutate(id, {
      onSuccess: () => {
        said.then?.();
        toast(said.removed, {
          duration: 10_000,
          action: {
            label: t("app.undo"),
            onClick: () =>
              restore.mutate(id, {
                onSuccess: () => {
                  if (said.restored) toast.success(said.restored);
                },
                onError: failed,
              }),
          },
        });
      },
      onError: failed,
    });
}
