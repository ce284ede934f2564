// Settings → Team sync: where the team's server is, a connection test with
// a precise answer, the admin's "prepare the server", and the password sent
// once to the system keychain.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { TeamServer_Serialize, TlsMode } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { call, commands } from "../shared/bridge";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useLeaveTeamServer, useSaveTeamServer, useTeamServer } from "../shared/sync";

const blank: TeamServer_Serialize = { host: "", port: 5432, database: "", user: "", tls: "require", caFile: null, deviceName: "" };
const tlsModes: TlsMode[] = ["disable", "require", "verify-full"];

export function TeamSyncSettings() {
  const saved = useTeamServer();
  // The form starts from the saved settings once they arrive, and keeps what
  // was typed when the device leaves the team (to join again easily).
  return saved.isPending ? null : <TeamSyncForm initial={saved.data ?? blank} known={Boolean(saved.data)} />;
}

function TeamSyncForm({ initial, known }: { initial: TeamServer_Serialize; known: boolean }) {
  const { t } = useTranslation();
  const [server, setServer] = useState<TeamServer_Serialize>(initial);
  const [password, setPassword] = useState("");
  const [workspace, setWorkspace] = useState("");
  const [signIn, setSignIn] = useState({ user: "", password: "" });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const save = useSaveTeamServer();
  const leave = useLeaveTeamServer();
  const typedPassword = password === "" ? null : password;

  const field = (name: "host" | "port" | "database" | "user" | "deviceName" | "caFile") => ({
    name,
    value: String(server[name] ?? ""),
    error: errors[name],
    onChange: (e: { target: { value: string } }) =>
      setServer((s) => ({ ...s, [name]: name === "port" ? Number(e.target.value.replace(/\D/g, "")) || 0 : e.target.value })),
  });

  async function attempt(work: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
      setErrors({});
    } catch (error) {
      setErrors(fieldErrorsOf(t, error));
      setMessage({ ok: false, text: describeError(t, error) });
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void attempt(async () => {
      await save.mutateAsync({ server, password: typedPassword });
      setPassword("");
      toast.success(t("sync.saved"));
      return t("sync.saved");
    });
  }

  return (
    <section aria-labelledby="team-sync-title" className="space-y-4">
      <div>
        <h2 id="team-sync-title" className="font-semibold">{t("sync.title")}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("sync.lead")}</p>
      </div>
      <form onSubmit={onSubmit} className="grid max-w-lg grid-cols-3 gap-4" noValidate>
        <div className="col-span-2"><TextField label={t("sync.host")} autoComplete="off" {...field("host")} /></div>
        <TextField label={t("sync.port")} inputMode="numeric" {...field("port")} />
        <TextField label={t("sync.database")} {...field("database")} />
        <TextField label={t("sync.user")} autoComplete="username" {...field("user")} />
        <TextField
          label={t("sync.password")}
          type="password"
          autoComplete="current-password"
          name="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p className="col-span-3 -mt-2 text-xs text-zinc-500">{t("sync.passwordHint")}</p>
        <div className="col-span-3">
          <SelectField
            label={t("sync.tls")}
            name="tls"
            hint={t(`sync.tlsHint.${server.tls}`)}
            value={server.tls}
            options={tlsModes.map((mode) => ({ value: mode, label: t(`sync.tlsMode.${mode}`) }))}
            onChange={(e) => setServer((s) => ({ ...s, tls: e.target.value as TlsMode }))}
          />
        </div>
        {server.tls === "verify-full" ? (
          <div className="col-span-3">
            <TextField label={t("sync.caFile")} hint={t("sync.caFileHint")} autoComplete="off" {...field("caFile")} />
          </div>
        ) : null}
        <div className="col-span-3">
          <TextField label={t("sync.deviceName")} hint={t("sync.deviceNameHint")} {...field("deviceName")} />
        </div>
        <div className="col-span-3 flex flex-wrap gap-2">
          <button type="submit" disabled={busy} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
            {t("sync.save")}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void attempt(async () => t("sync.testOk", { workspace: (await call(commands.testTeamServer(server, typedPassword))).workspace }))
            }
            className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t("sync.test")}
          </button>
          {known ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => void attempt(async () => (await leave.mutateAsync(), t("sync.left")))}
              className="rounded-lg px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50 dark:text-red-400 dark:hover:bg-red-950"
            >
              {t("sync.leave")}
            </button>
          ) : null}
        </div>
      </form>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}>
          {message.text}
        </p>
      ) : null}
      <details className="max-w-lg rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">{t("sync.prepareTitle")}</summary>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">{t("sync.prepareLead")}</p>
        <div className="mt-3 flex items-end gap-2">
          <div className="flex-1">
            <TextField label={t("sync.workspace")} name="workspace" value={workspace} error={errors.workspace} onChange={(e) => setWorkspace(e.target.value)} />
          </div>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void attempt(async () =>
                t("sync.prepared", { workspace: (await call(commands.prepareTeamServer(server, typedPassword, workspace))).workspace }),
              )
            }
            className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t("sync.prepare")}
          </button>
        </div>
        <h3 className="mt-5 text-sm font-semibold">{t("sync.signInTitle")}</h3>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">{t("sync.signInLead")}</p>
        <div className="mt-3 grid grid-cols-2 items-end gap-2">
          <TextField
            label={t("sync.signInUser")}
            name="signInUser"
            autoComplete="off"
            value={signIn.user}
            error={errors.signInUser}
            onChange={(e) => setSignIn((s) => ({ ...s, user: e.target.value }))}
          />
          <TextField
            label={t("sync.signInPassword")}
            name="signInPassword"
            type="password"
            autoComplete="new-password"
            value={signIn.password}
            error={errors.signInPassword}
            onChange={(e) => setSignIn((s) => ({ ...s, password: e.target.value }))}
          />
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void attempt(async () => {
                await call(commands.createTeamSignIn(server, typedPassword, signIn));
                const user = signIn.user.trim();
                setSignIn({ user: "", password: "" });
                return t("sync.signInCreated", { user });
              })
            }
            className="col-span-2 justify-self-start rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t("sync.signInCreate")}
          </button>
        </div>
      </details>
    </section>
  );
}
