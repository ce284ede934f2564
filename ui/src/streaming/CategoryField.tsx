// A Twitch category picked by typing its name: Twitch's matches appear
// after a short pause, one click picks one. Used for the channel's
// category and for a live on the Twitch schedule.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Category } from "../bindings";
import { TextField } from "../components/Field";
import { commands } from "../shared/bridge";

export function CategoryField({ label, name, category, onChange }: { label: string; name: string; category: Category | null; onChange: (category: Category | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(category?.name ?? "");
  const [found, setFound] = useState<Category[]>([]);
  useEffect(() => {
    if (search.trim() === "" || search === category?.name) return;
    const timer = setTimeout(() => {
      void commands.twitchCategories(search).then((answer) => setFound(answer.status === "ok" ? answer.data : []));
    }, 250);
    return () => clearTimeout(timer);
  }, [search, category?.name]);
  return (
    <div>
      <TextField
        label={label}
        name={name}
        autoComplete="off"
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          onChange(null);
        }}
      />
      {found.length > 0 && category === null ? (
        <ul role="listbox" aria-label={t("channel.categories")} className="mt-1 rounded-md border border-zinc-200 dark:border-zinc-700">
          {found.map((c) => (
            <li key={c.id} role="option" aria-selected={false}>
              <button
                type="button"
                onClick={() => {
                  onChange(c);
                  setSearch(c.name);
                  setFound([]);
                }}
                className="w-full px-2 py-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
