// Twitch on this computer: the team's application (its public client id,
// made once on dev.twitch.tv) and the streamer's sign-in by the device code
// flow: the app shows a short code, the streamer types it on twitch.tv in
// any browser (a phone will do), and the app is signed in; the tokens go to
// the system keychain. In Settings and on the Streaming screen.
import { openUrl } from "@tauri-apps/plugin-opener";
import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { TwitchAccountState, TwitchApp } from "../bindings";
import { TextField } from "../components/Field";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useTwitchAccount } from "../shared/twitch";
import { useChatKeywords, useForgetTwitchApp, useSaveChatKeywords, useSaveTwitchApp, useTwitchApp, useTwitchCancelSignIn, useTwitchSignIn, useTwitchSignOut } from "./twitchQueries";

const primary = "rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50";
const secondary = "rounded-lg border border-zinc-300 px-4 py-2 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function TwitchAccountPanel() {
  const app = useTwitchApp();
  const { t } = useTranslation();
  if (app.isPending) return null;
  return (
    <div className="space-y-4">
      <AppForm initial={app.data ?? null} />
      {app.data ? (
        <>
          <Account />
          <KeywordsForm />
        </>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("twitch.appFirst")}</p>
      )}
    </div>
  );
}

function AppForm({ initial }: { initial: TwitchApp | null }) {
  const { t } = useTranslation();
  const [clientId, setClientId] = useState(initial?.clientId ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const save = useSaveTwitchApp();
  const forget = useForgetTwitchApp();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    save.mutate(
      { clientId },
      {
        onSuccess: (saved) => {
          setErrors({});
          setClientId(saved.clientId);
          toast.success(t("twitch.appSaved"));
        },
        onError: (error) => {
          setErrors(fieldErrorsOf(t, error));
          setFailure(describeError(t, error));
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid max-w-lg gap-3" noValidate aria-label={t("twitch.app")}>
      <TextField
        label={t("twitch.clientId")}
        name="clientId"
        autoComplete="off"
        spellCheck={false}
        value={clientId}
        error={errors.clientId}
        hint={t("twitch.clientIdHelp")}
        onChange={(e) => setClientId(e.target.value)}
      />
      {failure ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{failure}</p> : null}
      <div className="flex gap-2">
        <button type="submit" disabled={save.isPending} className={primary}>
          {t("twitch.saveApp")}
        </button>
        {initial ? (
          <button type="button" className={secondary} onClick={() => forget.mutate(undefined, { onSuccess: () => setClientId("") })}>
            {t("twitch.forgetApp")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Account() {
  const { t } = useTranslation();
  const account = useTwitchAccount();
  const signIn = useTwitchSignIn();
  const cancel = useTwitchCancelSignIn();
  const signOut = useTwitchSignOut();
  const [failure, setFailure] = useState<string | null>(null);
  const onError = (error: unknown) => setFailure(describeError(t, error));
  const start = () => {
    setFailure(null);
    signIn.mutate(undefined, { onError });
  };

  return (
    <section aria-label={t("twitch.account")} className="max-w-lg space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <p role="status" data-testid="twitch-account" className="text-sm font-medium">
        {describeAccount(t, account)}
      </p>
      {account?.state === "signing_in" ? (
        <Code state={account} onCancel={() => cancel.mutate(undefined, { onError })} />
      ) : account?.state === "signed_in" ? (
        <button type="button" className={secondary} disabled={signOut.isPending} onClick={() => signOut.mutate(undefined, { onError })}>
          {t("twitch.signOut")}
        </button>
      ) : account === null || account.state === "not_configured" ? null : (
        <button type="button" className={primary} disabled={signIn.isPending} onClick={start}>
          {account.state === "sign_in_again" ? t("twitch.signInAgain") : t("twitch.signIn")}
        </button>
      )}
      {failure ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{failure}</p> : null}
    </section>
  );
}

/** The words the chat highlights, one per line (a contest, a sponsor's name). */
function KeywordsForm() {
  const kept = useChatKeywords();
  return kept.isPending ? null : <KeywordsFields initial={kept.data?.keywords ?? []} />;
}

function KeywordsFields({ initial }: { initial: string[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial.join("\n"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveChatKeywords();
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate(text.split(/[\n,]/), {
      onSuccess: (saved) => {
        setErrors({});
        setText(saved.keywords.join("\n"));
        toast.success(t("twitch.keywordsSaved"));
      },
      onError: (error) => setErrors(fieldErrorsOf(t, error)),
    });
  }
  return (
    <form onSubmit={onSubmit} className="grid max-w-lg gap-2" noValidate aria-label={t("twitch.keywords")}>
      <label htmlFor="chat-keywords" className="text-sm font-medium">{t("twitch.keywords")}</label>
      <textarea id="chat-keywords" rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby="chat-keywords-hint" aria-invalid={errors.keywords !== undefined} className="rounded-md border border-zinc-300 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
      <p id="chat-keywords-hint" className="text-xs text-zinc-500">{errors.keywords ?? t("twitch.keywordsHelp")}</p>
      <div>
        <button type="submit" disabled={save.isPending} className={secondary}>
          {t("twitch.saveKeywords")}
        </button>
      </div>
    </form>
  );
}

function Code({ state, onCancel }: { state: Extract<TwitchAccountState, { state: "signing_in" }>; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const until = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" }).format(new Date(state.expires_at));
  return (
    <div className="space-y-3">
      <p className="text-sm">{t("twitch.typeCode", { until })}</p>
      <p className="select-all text-center font-mono text-3xl font-bold tracking-widest" aria-label={t("twitch.code")}>
        {state.user_code}
      </p>
      <div className="flex flex-wrap gap-2">
        <a
          href={state.verification_uri}
          className={primary}
          onClick={(event) => {
            event.preventDefault();
            void openUrl(state.verification_uri).catch((error) => console.warn("twitch.tv could not be opened", error));
          }}
        >
          {t("twitch.openTwitch")}
        </a>
        <button type="button" className={secondary} onClick={() => void navigator.clipboard?.writeText(state.user_code).then(() => toast.success(t("twitch.codeCopied")))}>
          {t("twitch.copyCode")}
        </button>
        <button type="button" className={secondary} onClick={onCancel}>
          {t("twitch.cancel")}
        </button>
      </div>
      <p className="text-xs text-zinc-500">{t("twitch.waiting")}</p>
    </div>
  );
}

function describeAccount(t: TFunction, account: TwitchAccountState | null): string {
  if (account === null) return t("app.loading");
  switch (account.state) {
    case "signed_in":
      return account.unchecked ? t("twitch.signedInUnchecked", { login: account.login }) : t("twitch.signedIn", { login: account.login });
    case "sign_in_again":
      return t(`twitch.problem.${account.reason}`);
    default:
      return t(`twitch.state.${account.state}`);
  }
}
