// MONA's campaigns: revenue month by month (sold and paid), and the campaigns sold in the
// chosen month with where each stands.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "wouter";
import { LineChart } from "../components/LineChart";
import { dateTimeFormat, formatCalendarDay, formatMoney } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { CrmTabs } from "./CrmTabs";
import { useCampaignList, useRevenue } from "./campaigns";

const MONTHS = 12;

export function CampaignsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [, navigate] = useLocation();
  const revenue = useRevenue(MONTHS);
  const months = revenue.data ?? [];
  const [month, setMonth] = useState<string | null>(null);
  const shown = month ?? months.at(-1)?.month ?? null;
  const campaigns = useCampaignList(shown);
  const monthName = (m: string) =>
    dateTimeFormat(language, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${m}-01T00:00:00Z`));
  const total = months.reduce((sum, m) => sum + m.soldMinor, 0);
  return (
    <div className="h-full overflow-y-auto p-6">
      <CrmTabs />
      <header className="mb-4 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold">{t("campaigns.pageTitle")}</h1>
      </header>
      {revenue.isError ? (
        <p role="alert" className="text-red-600">
          {describeError(t, revenue.error)}
        </p>
      ) : null}
      <section aria-labelledby="revenue-title" className="mb-6 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="revenue-title" className="mb-1 font-semibold">
          {t("campaigns.revenueTitle", { count: MONTHS })}
        </h2>
        <p className="mb-3 text-sm text-zinc-500">{t("campaigns.revenueTotal", { total: formatMoney(language, total) })}</p>
        {months.length > 0 ? (
          <LineChart
            label={t("campaigns.revenueTitle", { count: MONTHS })}
            points={months.map((m) => ({ at: Date.parse(`${m.month}-01T00:00:00Z`) / 1000, value: m.soldMinor / 100 }))}
            formatAt={(seconds) => dateTimeFormat(language, { month: "short", timeZone: "UTC" }).format(new Date(seconds * 1000))}
            formatValue={(euros) => formatMoney(language, euros * 100)}
            height={140}
          />
        ) : null}
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">{t("campaigns.revenueTitle", { count: MONTHS })}</caption>
          <thead>
            <tr className="text-left text-zinc-500">
              <th className="py-1 font-medium">{t("campaigns.month")}</th>
              <th className="py-1 text-right font-medium">{t("campaigns.count")}</th>
              <th className="py-1 text-right font-medium">{t("campaigns.soldAmount")}</th>
              <th className="py-1 text-right font-medium">{t("campaigns.paidAmount")}</th>
            </tr>
          </thead>
          <tbody>
            {[...months].reverse().map((m) => (
              <tr key={m.month} className={`border-t border-zinc-100 dark:border-zinc-900 ${m.month === shown ? "bg-brand-50 dark:bg-zinc-800" : ""}`}>
                <th scope="row" className="py-1 text-left font-normal">
                  <button type="button" onClick={() => setMonth(m.month)} aria-pressed={m.month === shown} className="capitalize underline-offset-2 hover:underline">
                    {monthName(m.month)}
                  </button>
                </th>
                <td className="py-1 text-right tabular-nums">{m.campaigns}</td>
                <td className="py-1 text-right tabular-nums">{formatMoney(language, m.soldMinor)}</td>
                <td className="py-1 text-right tabular-nums">{formatMoney(language, m.paidMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {shown ? (
        <section aria-labelledby="month-campaigns-title">
          <h2 id="month-campaigns-title" className="mb-2 font-semibold capitalize">
            {t("campaigns.soldIn", { month: monthName(shown) })}
          </h2>
          {campaigns.data?.length === 0 ? <p className="text-sm text-zinc-500">{t("campaigns.noneThisMonth")}</p> : null}
          <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {(campaigns.data ?? []).map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => navigate(`/crm/artists/${c.artistId}`)} className="flex w-full items-center gap-3 px-3 py-2 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900">
                  <span className="flex-1 font-medium">{c.artistName}</span>
                  <span>{c.offerName}</span>
                  <span className="w-24 text-zinc-500">{t(`campaigns.statuses.${c.status}`)}</span>
                  <span className="w-24 text-zinc-500">{t(`campaigns.payments.${c.paymentStatus}`)}</span>
                  <span className="w-20 text-zinc-500">{c.soldAt ? formatCalendarDay(language, c.soldAt.slice(0, 10)) : ""}</span>
                  <span className="w-24 text-right tabular-nums">{formatMoney(language, c.priceMinor, c.currency)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
