// Settings → Team: who uses this computer, the members and their roles,
// and what each role allows.
import { Check } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Member, Role } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { MemberAvatar } from "../components/MemberAvatar";
import { readerTimeZone } from "../i18n";
import { describeError, fieldErrorsOf } from "../shared/errors";
import {
  fieldsOf,
  useAddMember,
  useChooseMe,
  useCurrentMember,
  useMay,
  useMembers,
  useRemoveMember,
  useRoleRights,
  useUpdateMember,
} from "../shared/team";

const ROLES: Role[] = ["admin", "manager", "streamer", "guest"];

export function TeamSettings() {
  const { t } = useTranslation();
  const members = useMembers().data ?? [];
  const me = useCurrentMember().data ?? null;
  const mayManage = useMay("manage_team");
  return (
    <section aria-labelledby="team-title" className="space-y-4">
      <div>
        <h2 id="team-title" className="font-semibold">{t("team.title")}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("team.lead")}</p>
      </div>
      <ThisComputer members={members} me={me} />
      <h3 className="text-sm font-semibold">{t("team.members")}</h3>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {members.map((member) => (
          <MemberRow key={member.id} member={member} editable={mayManage} />
        ))}
      </ul>
      {mayManage ? <AddMemberForm count={members.length} /> : null}
      <RightsTable />
    </section>
  );
}

function ThisComputer({ members, me }: { members: Member[]; me: Member | null }) {
  const { t } = useTranslation();
  const choose = useChooseMe();
  if (members.length === 0) return <p className="text-sm text-zinc-500">{t("team.nobody")}</p>;
  return (
    <div className="max-w-sm">
      <SelectField
        label={t("team.me")}
        name="me"
        value={me?.id ?? ""}
        hint={me ? undefined : t("team.nobody")}
        onChange={(e) => {
          if (e.target.value) choose.mutate(e.target.value, { onError: (error) => toast.error(describeError(t, error)) });
        }}
        options={[
          ...(me ? [] : [{ value: "", label: "—" }]),
          ...members.map((m) => ({ value: m.id, label: `${m.name} (${t(`team.roles.${m.role}`)})` })),
        ]}
      />
    </div>
  );
}

function MemberRow({ member, editable }: { member: Member; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateMember();
  const remove = useRemoveMember();
  const changeRole = (role: Role) =>
    update.mutate(
      { id: member.id, fields: { ...fieldsOf(member), role } },
      {
        onSuccess: () => toast.success(t("team.saved", { name: member.name })),
        onError: (error) => toast.error(describeError(t, error)),
      },
    );
  return (
    <li className="flex items-center gap-3 p-3 text-sm" aria-label={member.name}>
      <MemberAvatar member={member} />
      <span className="min-w-0 flex-1">
        <span className="block font-medium">{member.name}</span>
        {member.email ? <span className="block truncate text-xs text-zinc-500">{member.email}</span> : null}
      </span>
      {editable ? (
        <>
          <label className="sr-only" htmlFor={`role-${member.id}`}>
            {t("team.role")}
          </label>
          <select
            id={`role-${member.id}`}
            value={member.role}
            disabled={update.isPending}
            onChange={(e) => changeRole(e.target.value as Role)}
            className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`team.roles.${role}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(member, {
                onSuccess: () => toast.success(t("team.removed", { name: member.name })),
                onError: (error) => toast.error(describeError(t, error)),
              })
            }
            className="rounded-lg border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t("team.remove", { name: member.name })}
          </button>
        </>
      ) : (
        <span className="text-zinc-500">{t(`team.roles.${member.role}`)}</span>
      )}
    </li>
  );
}

/** Distinct colours for the calendar, offered in turn to new members. */
const PALETTE = ["#e11d48", "#2563eb", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];

function AddMemberForm({ count }: { count: number }) {
  const { t } = useTranslation();
  const add = useAddMember();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("streamer");
  const [color, setColor] = useState(PALETTE[count % PALETTE.length] ?? "#e11d48");
  const errors = fieldErrorsOf(t, add.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { name, email: email || null, role, color, timeZone: readerTimeZone() },
      {
        onSuccess: () => {
          toast.success(t("team.added", { name: name.trim() }));
          setName("");
          setEmail("");
          setColor(PALETTE[(count + 1) % PALETTE.length] ?? color);
        },
      },
    );
  }
  return (
    <form onSubmit={submit} className="grid max-w-xl grid-cols-2 gap-3 rounded-lg border border-dashed border-zinc-300 p-4 dark:border-zinc-700" noValidate>
      <TextField label={t("team.name")} name="member-name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      <TextField label={t("team.email")} name="member-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
      <SelectField
        label={t("team.role")}
        name="member-role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        options={ROLES.map((r) => ({ value: r, label: t(`team.roles.${r}`) }))}
      />
      <TextField label={t("team.color")} name="member-color" type="color" value={color} onChange={(e) => setColor(e.target.value)} error={errors.color} />
      {add.error && !Object.keys(errors).length ? (
        <p role="alert" className="col-span-2 text-sm text-red-600">{describeError(t, add.error)}</p>
      ) : null}
      <div className="col-span-2">
        <button type="submit" disabled={add.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
          {t("team.add")}
        </button>
      </div>
    </form>
  );
}

function RightsTable() {
  const { t } = useTranslation();
  const rights = useRoleRights().data ?? [];
  const actions = rights.find((r) => r.role === "admin")?.rights ?? [];
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">{t("team.rights")}</h3>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th scope="col" className="sr-only">{t("team.rights")}</th>
            {rights.map((r) => (
              <th key={r.role} scope="col" className="px-2 py-1 text-center font-medium">
                {t(`team.roles.${r.role}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action} className="border-t border-zinc-200 dark:border-zinc-800">
              <th scope="row" className="py-1 pr-2 font-normal first-letter:uppercase">{t(`team.actions.${action}`)}</th>
              {rights.map((r) => (
                <td key={r.role} className="px-2 py-1 text-center">
                  {r.rights.includes(action) ? (
                    <Check aria-label={t("team.allowed")} className="mx-auto size-4 text-emerald-600" />
                  ) : (
                    <span className="sr-only">{t("team.notAllowed")}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
