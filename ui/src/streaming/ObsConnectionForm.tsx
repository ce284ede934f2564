// Which OBS this computer drives: its address, and its password sent once to
// the system keychain. On the Streaming screen and in Settings.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { ObsConnection, ObsSetup } from "../bindings";
import { TextField } from "../components/Field";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useForgetObsSetup, useObsSetup, useSaveObsSetup } from "./queries";

const defaults: ObsConnection = { host: "127.0.0.1", port: 4455 };

export function ObsConnectionForm({ onSaved }: { onSaved?: () => void }) {
  const setup = useObsSetup();
  return setup.isPending ? null : <Form initial={setup.data ?? null} onSaved={onSaved} />;
}

function Form({ initial, onSaved }: { initial: ObsSetup | null; onSaved?: () => void }) {
  const { t } = useTranslation();
  const [connection, setConnection] = useState<ObsConnection>(initial?.connection ?? defaults);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const save = useSaveObsSetup();
  const forget = useForgetObsSetup();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    save.mutate(
      { connection, password: password === "" ? null : password },
      {
        onSuccess: () => {
          setErrors({});
          setPassword("");
          toast.success(t("obs.saved"));
          onSaved?.();
        },
        onError: (error) => {
          setErrors(fieldErrorsOf(t, error));
          setFailure(describeError(t, error));
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid max-w-lg grid-cols-3 gap-4" noValidate aria-label={t("obs.connection")}>
      <p className="col-span-3 text-sm text-zinc-600 dark:text-zinc-300">{t("obs.howTo")}</p>
      <div className="col-span-2">
        <TextField
          label={t("obs.host")}
          name="host"
          autoComplete="off"
          value={connection.host}
          error={errors.host}
          onChange={(e) => setConnection((c) => ({ ...c, host: e.target.value }))}
        />
      </div>
      <TextField
        label={t("obs.port")}
        name="port"
        inputMode="numeric"
        value={String(connection.port || "")}
        error={errors.port}
        onChange={(e) => setConnection((c) => ({ ...c, port: Number(e.target.value.replace(/\D/g, "").slice(0, 5)) || 0 }))}
      />
      <div className="col-span-3">
        <TextField
          label={t("obs.password")}
          name="password"
          type="password"
          autoComplete="off"
          value={password}
          hint={initial?.hasPassword ? t("obs.passwordKept") : t("obs.passwordHelp")}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {failure ? <p role="alert" className="col-span-3 text-sm text-red-600 dark:text-red-400">{failure}</p> : null}
      <div className="col-span-3 flex gap-2">
        <button type="submit" disabled={save.isPending} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("obs.save")}
        </button>
        {initial ? (
          <button
            type="button"
            onClick={() => forget.mutate()}
            className="rounded-lg border border-zinc-300 px-4 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t("obs.forget")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
