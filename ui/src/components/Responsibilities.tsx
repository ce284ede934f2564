// Who is responsible for a record, who helps and who is kept informed: the
// same block on an artist's card, an event and (later) a sponsor.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Part, Subject } from "../bindings";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useMay, useMembers } from "../shared/team";
import { MemberAvatar } from "./MemberAvatar";

const PARTS: Part[] = ["responsible", "helper", "informed"];

export function Responsibilities({ subject, id }: { subject: Subject; id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ["responsibilities", subject, id];
  const parts = useQuery({ queryKey: key, queryFn: () => call(commands.responsibilitiesOf(subject, id)) });
  const members = useMembers().data ?? [];
  const may = useMay("edit_records");
  const set = useMutation({
    mutationFn: ({ userId, part }: { userId: string; part: Part | null }) => call(commands.setResponsibility(subject, id, userId, part)),
    onSuccess: (list) => client.setQueryData(key, list),
    onError: (error) => toast.error(describeError(t, error)),
  });
  const [who, setWho] = useState("");
  const [part, setPart] = useState<Part>("responsible");
  const listed = parts.data ?? [];
  const free = members.filter((m) => !listed.some((p) => p.userId === m.id));
  const control = "rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <section aria-labelledby={`parts-${id}`} className="space-y-2">
      <h3 id={`parts-${id}`} className="text-sm font-semibold text-zinc-500">
        {t("responsibilities.title")}
      </h3>
      {listed.length === 0 ? <p className="text-sm text-zinc-500">{t("responsibilities.none")}</p> : null}
      <ul className="space-y-1">
        {listed.map((p) => {
          const member = members.find((m) => m.id === p.userId);
          if (!member) return null;
          return (
            <li key={p.userId} className="flex items-center gap-2 text-sm">
              <MemberAvatar member={member} size="sm" />
              <span className="flex-1">{member.name}</span>
              {may ? (
                <>
                  <select aria-label={t("responsibilities.partOf", { name: member.name })} value={p.part} onChange={(e) => set.mutate({ userId: p.userId, part: e.target.value as Part })} className={control}>
                    {PARTS.map((option) => (
                      <option key={option} value={option}>
                        {t(`responsibilities.part.${option}`)}
                      </option>
                    ))}
                  </select>
                  <button type="button" aria-label={t("responsibilities.remove", { name: member.name })} onClick={() => set.mutate({ userId: p.userId, part: null })} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                    <X aria-hidden size={14} />
                  </button>
                </>
              ) : (
                <span className="text-zinc-500">{t(`responsibilities.part.${p.part}`)}</span>
              )}
            </li>
          );
        })}
      </ul>
      {may && free.length > 0 ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (who) set.mutate({ userId: who, part }, { onSuccess: () => setWho("") });
          }}
        >
          <select aria-label={t("responsibilities.who")} value={who} onChange={(e) => setWho(e.target.value)} className={control}>
            <option value="">{t("responsibilities.choose")}</option>
            {free.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <select aria-label={t("responsibilities.which")} value={part} onChange={(e) => setPart(e.target.value as Part)} className={control}>
            {PARTS.map((option) => (
              <option key={option} value={option}>
                {t(`responsibilities.part.${option}`)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!who || set.isPending} className="rounded-lg bg-brand-600 px-3 py-1 text-sm font-semibold text-white disabled:opacity-50">
            {t("responsibilities.add")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
