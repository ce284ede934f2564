import { useQuery } from "@tanstack/react-query";
import { UserPlus, Users } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { EmptyModule } from "../components/EmptyModule";
import { artistListQuery } from "../crm/queries";
import { formatNumber } from "../i18n";
import { useLanguage } from "../shared/preferences";

/** The Hub: today a real artist count and the quick actions that exist; its dashboards come later. */
export function HubPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const artists = useQuery(artistListQuery({ search: null, sort: "name", direction: "asc", offset: 0, limit: 1 }));
  return (
    <EmptyModule module="hub">
      <div className="mb-8 grid grid-cols-2 gap-4">
        <Link href="/crm" className="rounded-xl border border-zinc-200 p-5 hover:border-brand-500 dark:border-zinc-800">
          <span className="flex items-center gap-2 text-sm text-zinc-500">
            <Users aria-hidden size={16} />
            {t("hub.artists")}
          </span>
          <span className="mt-1 block text-3xl font-bold tabular-nums" data-testid="kpi-artists">
            {artists.data ? formatNumber(language, artists.data.total) : "…"}
          </span>
        </Link>
        <section aria-labelledby="quick-actions" className="rounded-xl border border-zinc-200 p-5 dark:border-zinc-800">
          <h2 id="quick-actions" className="mb-3 text-sm text-zinc-500">
            {t("hub.quickActions")}
          </h2>
          <Link href="/crm/artists/new" className="inline-flex items-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            <UserPlus aria-hidden size={16} />
            {t("hub.newArtist")}
          </Link>
        </section>
      </div>
    </EmptyModule>
  );
}
