// The team members a task or an event concerns, ticked in a list.
import { useTranslation } from "react-i18next";
import type { Member } from "../bindings";

export function PeopleChooser({ members, chosen, onChange }: { members: Member[]; chosen: string[]; onChange: (people: string[]) => void }) {
  const { t } = useTranslation();
  if (members.length === 0) return null;
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{t("calendar.people")}</legend>
      <div className="flex flex-wrap gap-3">
        {members.map((m) => (
          <label key={m.id} className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={chosen.includes(m.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, m.id] : chosen.filter((p) => p !== m.id))} />
            {m.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
