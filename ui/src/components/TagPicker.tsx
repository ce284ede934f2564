// The team's tags on a record (a task, an artist card): shown as chips,
// taken off with one click, added from the team's tags or made by typing a
// new name (the core finds an existing tag whatever its case and accents).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { tagsKey, useTags } from "../shared/team";

export function TagPicker({ value, onChange, disabled, error }: { value: string[]; onChange: (tags: string[]) => void; disabled?: boolean; error?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tags = useTags().data ?? [];
  const [typed, setTyped] = useState("");
  const known = useId();
  const create = useMutation({
    mutationFn: (name: string) => call(commands.createTag(name)),
    onSuccess: (tag) => {
      void client.invalidateQueries({ queryKey: tagsKey });
      if (!value.includes(tag.id)) onChange([...value, tag.id]);
      setTyped("");
    },
    onError: (error) => toast.error(describeError(t, error)),
  });
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{t("tags.title")}</legend>
      <div className="flex flex-wrap items-center gap-1">
        {value.map((id) => {
          const tag = tags.find((l) => l.id === id);
          return (
            <span key={id} className="flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
              {tag?.name ?? "…"}
              {disabled ? null : (
                <button type="button" aria-label={t("tags.remove", { name: tag?.name ?? "" })} onClick={() => onChange(value.filter((l) => l !== id))}>
                  <X aria-hidden size={12} />
                </button>
              )}
            </span>
          );
        })}
        {disabled ? null : (
          <input
            aria-label={t("tags.add")}
            list={known}
            value={typed}
            placeholder={t("tags.add")}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              if (typed.trim()) create.mutate(typed);
            }}
            className="min-w-32 flex-1 rounded border border-dashed border-zinc-300 bg-transparent px-1.5 py-0.5 text-xs dark:border-zinc-700"
          />
        )}
        <datalist id={known}>
          {tags.map((l) => (
            <option key={l.id} value={l.name} />
          ))}
        </datalist>
      </div>
      {error ? <p className="text-xs text-red-600">{error}</p> : null}
    </fieldset>
  );
}
