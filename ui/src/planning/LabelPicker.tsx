// A task's labels: shown as chips, taken off with one click, added from
// the team's labels or made by typing a new name.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { planningKeys, useLabels } from "./queries";

export function LabelPicker({ value, onChange, disabled }: { value: string[]; onChange: (labels: string[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const labels = useLabels().data ?? [];
  const [typed, setTyped] = useState("");
  const create = useMutation({
    mutationFn: (name: string) => call(commands.createLabel(name)),
    onSuccess: (label) => {
      void client.invalidateQueries({ queryKey: planningKeys.all });
      if (!value.includes(label.id)) onChange([...value, label.id]);
      setTyped("");
    },
    onError: (error) => toast.error(describeError(t, error)),
  });
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{t("labels.title")}</legend>
      <div className="flex flex-wrap items-center gap-1">
        {value.map((id) => {
          const label = labels.find((l) => l.id === id);
          return (
            <span key={id} className="flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
              {label?.name ?? "…"}
              {disabled ? null : (
                <button type="button" aria-label={t("labels.remove", { name: label?.name ?? "" })} onClick={() => onChange(value.filter((l) => l !== id))}>
                  <X aria-hidden size={12} />
                </button>
              )}
            </span>
          );
        })}
        {disabled ? null : (
          <input
            aria-label={t("labels.add")}
            list="known-labels"
            value={typed}
            placeholder={t("labels.add")}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              if (typed.trim()) create.mutate(typed);
            }}
            className="min-w-32 flex-1 rounded border border-dashed border-zinc-300 bg-transparent px-1.5 py-0.5 text-xs dark:border-zinc-700"
          />
        )}
        <datalist id="known-labels">
          {labels.map((l) => (
            <option key={l.id} value={l.name} />
          ))}
        </datalist>
      </div>
    </fieldset>
  );
}
