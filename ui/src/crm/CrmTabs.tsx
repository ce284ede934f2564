// The CRM's views: the artist list, the prospecting pipeline, MONA's campaigns, SPARK's sponsors.
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";

export function CrmTabs() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const onPipeline = location.startsWith("/crm/pipeline");
  const onCampaigns = location.startsWith("/crm/campaigns");
  const onSponsors = location.startsWith("/crm/sponsors");
  const tab = (href: string, current: boolean, label: string) => (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-lg px-3 py-1.5 text-sm ${current ? "bg-brand-50 font-medium text-brand-700 dark:bg-zinc-800 dark:text-brand-100" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label={t("crm.views")} className="mb-3 flex gap-1">
      {tab("/crm", !onPipeline && !onCampaigns && !onSponsors, t("crm.artistsTab"))}
      {tab("/crm/pipeline", onPipeline, t("pipeline.title"))}
      {tab("/crm/campaigns", onCampaigns, t("campaigns.pageTitle"))}
      {tab("/crm/sponsors", onSponsors, t("sponsors.title"))}
    </nav>
  );
}
