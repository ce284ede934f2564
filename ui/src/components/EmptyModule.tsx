import { useTranslation } from "react-i18next";

type PlannedModule = "hub" | "content";

/** An honest empty state: this module is not built yet, and here is what it will hold. */
export function EmptyModule({ module, children }: { module: PlannedModule; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const items = t(`empty.${module}.items`, { returnObjects: true }) as readonly string[];
  return (
    <section className="mx-auto max-w-2xl p-10" aria-labelledby={`${module}-title`}>
      <h1 id={`${module}-title`} className="mb-2 text-2xl font-bold">
        {t(`empty.${module}.title`)}
      </h1>
      <p className="mb-6 text-zinc-600 dark:text-zinc-300">{t(`empty.${module}.lead`)}</p>
      {children}
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">{t("empty.planned")}</h2>
      <ul className="list-disc space-y-1 pl-6 text-zinc-700 dark:text-zinc-300">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
