// Settings → Pipeline stages: the stages a card goes through, in order. Each stage is a
// small form (name, kind, how long before an open card is stuck); stages move up and
// down, and a removed stage hands its cards to another one first.
import * as Dialog from "@radix-ui/react-dialog";
import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { StageKind, Stage_Serialize as Stage } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useMay } from "../shared/team";
import { LostReasonDialog } from "./LostReasonDialog";
import { stageName, useRemoveStage, useReorderStage, useSaveStage, useStages } from "./pipeline";

const kinds: StageKind[] = ["open", "won", "lost"];

export function PipelineSettings() {
  const { t } = useTranslation();
  const stages = useStages();
  const may = useMay("configure_pipeline");
  const reorder = useReorderStage();
  const list = stages.data ?? [];
  function shift(index: number, by: -1 | 1) {
    const stage = list[index];
    if (!stage) return;
    // Between the neighbours it lands between, once it has left its place.
    const rest = list.filter((s) => s.id !== stage.id);
    const at = index + by;
    reorder.mutate({ id: stage.id, after: rest[at - 1]?.id ?? null, before: rest[at]?.id ?? null }, { onError: (error) => toast.error(describeError(t, error)) });
  }
  return (
    <section aria-labelledby="pipeline-settings-title" className="space-y-4">
      <div>
        <h2 id="pipeline-settings-title" className="font-semibold">
          {t("pipeline.settings.title")}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("pipeline.settings.lead")}</p>
        {!may ? <p className="text-sm text-zinc-500">{t("pipeline.settings.readOnly")}</p> : null}
      </div>
      {stages.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {describeError(t, stages.error)}
        </p>
      ) : null}
      <ol className="space-y-2">
        {list.map((stage, index) => (
          <li key={`${stage.id}-${stage.label ?? ""}-${stage.kind}-${stage.stuckAfterDays ?? ""}`} className="flex items-end gap-2">
            <StageForm stage={stage} editable={may} />
            {may ? (
              <>
                <IconButton label={t("pipeline.settings.moveUp", { stage: stageName(t, stage) })} disabled={index === 0} onClick={() => shift(index, -1)}>
                  <ArrowUp aria-hidden size={14} />
                </IconButton>
                <IconButton label={t("pipeline.settings.moveDown", { stage: stageName(t, stage) })} disabled={index === list.length - 1} onClick={() => shift(index, 1)}>
                  <ArrowDown aria-hidden size={14} />
                </IconButton>
                <RemoveStage stage={stage} others={list.filter((s) => s.id !== stage.id)} />
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {may ? <NewStage /> : null}
    </section>
  );
}

function IconButton({ label, disabled, onClick, children }: { label: string; disabled?: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" aria-label={label} title={label} disabled={disabled} onClick={onClick} className="mb-0.5 rounded-lg p-2 text-zinc-600 hover:bg-zinc-100 disabled:opacity-30 dark:text-zinc-300 dark:hover:bg-zinc-800">
      {children}
    </button>
  );
}

function StageForm({ stage, editable }: { stage: Stage; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSaveStage();
  const [label, setLabel] = useState(stage.label ?? "");
  const [kind, setKind] = useState<StageKind>(stage.kind);
  const [stuck, setStuck] = useState(stage.stuckAfterDays?.toString() ?? "");
  const [typing, setTyping] = useState<string | null>(null);
  const errors = fieldErrorsOf(t, save.error);
  const name = stageName(t, stage);
  function submit(event: FormEvent) {
    event.preventDefault();
    const days = stuck.trim() === "" ? null : Number(stuck);
    if (days !== null && !Number.isInteger(days)) {
      setTyping(t("validation.not_a_whole_number"));
      return;
    }
    setTyping(null);
    save.mutate(
      { id: stage.id, fields: { label: label.trim() === "" ? null : label, kind, stuckAfterDays: kind === "open" ? days : null } },
      { onSuccess: () => toast.success(t("pipeline.settings.saved")), onError: (error) => (Object.keys(fieldErrorsOf(t, error)).length === 0 ? toast.error(describeError(t, error)) : undefined) },
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={name} className="grid flex-1 grid-cols-[1fr_8rem_9rem_auto] items-end gap-2">
      <TextField label={t("pipeline.settings.label")} name="stage-label" value={label} placeholder={name} onChange={(e) => setLabel(e.target.value)} error={errors.label} disabled={!editable} />
      <SelectField
        label={t("pipeline.settings.kind")}
        name="stage-kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as StageKind)}
        options={kinds.map((k) => ({ value: k, label: t(`pipeline.kinds.${k}`) }))}
        disabled={!editable}
      />
      <TextField
        label={t("pipeline.settings.stuckAfter")}
        name="stage-stuck"
        inputMode="numeric"
        value={stuck}
        onChange={(e) => setStuck(e.target.value)}
        error={typing ?? errors.stuckAfterDays}
        disabled={!editable || kind !== "open"}
      />
      {editable ? (
        <button type="submit" disabled={save.isPending} className="mb-0.5 rounded-lg border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">
          {t("crm.save")}
        </button>
      ) : null}
    </form>
  );
}

function RemoveStage({ stage, others }: { stage: Stage; others: Stage[] }) {
  const { t } = useTranslation();
  const remove = useRemoveStage();
  const [asking, setAsking] = useState(false);
  const [moveTo, setMoveTo] = useState(others[0]?.id ?? "");
  const [needsReason, setNeedsReason] = useState(false);
  const name = stageName(t, stage);
  function run(lostReason: string | null) {
    remove.mutate(
      { id: stage.id, moveTo, lostReason },
      {
        onSuccess: () => {
          setAsking(false);
          toast.success(t("pipeline.settings.saved"));
        },
        onError: (error) => toast.error(describeError(t, error)),
      },
    );
  }
  const target = others.find((s) => s.id === moveTo);
  return (
    <>
      <IconButton label={t("pipeline.settings.remove", { stage: name })} onClick={() => setAsking(true)}>
        <Trash2 aria-hidden size={14} />
      </IconButton>
      <Dialog.Root open={asking} onOpenChange={setAsking}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-50 bg-black/30" />
          <Dialog.Content className="fixed top-1/3 left-1/2 z-50 w-[min(440px,90vw)] -translate-x-1/2 space-y-4 rounded-xl bg-white p-6 shadow-2xl dark:bg-zinc-900">
            <Dialog.Title className="text-lg font-semibold">{t("pipeline.settings.removeTitle", { stage: name })}</Dialog.Title>
            <Dialog.Description className="text-sm text-zinc-600 dark:text-zinc-300">{t("pipeline.settings.removeLead")}</Dialog.Description>
            <SelectField label={t("pipeline.settings.moveTo")} name="stage-move-to" value={moveTo} onChange={(e) => setMoveTo(e.target.value)} options={others.map((s) => ({ value: s.id, label: stageName(t, s) }))} />
            <div className="flex justify-end gap-2">
              <Dialog.Close className="rounded-lg border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">{t("crm.cancel")}</Dialog.Close>
              <button type="button" onClick={() => (target?.kind === "lost" ? setNeedsReason(true) : run(null))} className="rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700">
                {t("crm.delete")}
              </button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      {needsReason && target ? (
        <LostReasonDialog
          name={name}
          stage={stageName(t, target)}
          onCancel={() => setNeedsReason(false)}
          onConfirm={(reason) => {
            setNeedsReason(false);
            run(reason);
          }}
        />
      ) : null}
    </>
  );
}

function NewStage() {
  const { t } = useTranslation();
  const save = useSaveStage();
  const [label, setLabel] = useState("");
  const errors = fieldErrorsOf(t, save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ id: null, fields: { label, kind: "open", stuckAfterDays: null } }, { onSuccess: () => setLabel("") });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("pipeline.settings.add")} className="flex items-end gap-2">
      <div className="flex-1">
        <TextField label={t("pipeline.settings.newLabel")} name="new-stage" value={label} onChange={(e) => setLabel(e.target.value)} error={errors.label} />
      </div>
      <button type="submit" disabled={save.isPending} className="mb-0.5 rounded-lg bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {t("pipeline.settings.add")}
      </button>
    </form>
  );
}
