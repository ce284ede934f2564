// TanStack Query hooks for MONA's campaigns: the catalogue, the campaigns sold, revenue.
// A sale also fills Planning and changes the card's score: it refreshes them too.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CampaignStatus, Offer_Deserialize as Offer, PaymentStatus, Sale_Deserialize as Sale, Tier } from "../bindings";
import { call, commands } from "../shared/bridge";
import { planningKeys } from "../planning/queries";
import { pipelineKeys } from "./pipeline";
import { artistKeys } from "./queries";

export const campaignKeys = {
  all: ["campaigns"] as const,
  catalogue: ["campaigns", "catalogue"] as const,
  ofArtist: (artistId: string) => ["campaigns", "artist", artistId] as const,
  list: (month: string | null) => ["campaigns", "list", month] as const,
  revenue: (months: number) => ["campaigns", "revenue", months] as const,
};

export const tiers: Tier[] = ["essential_290", "boost_390", "premium_490"];
export const campaignStatuses: CampaignStatus[] = ["draft", "sold", "running", "completed", "cancelled"];
export const paymentStatuses: PaymentStatus[] = ["unpaid", "deposit", "paid", "refunded"];

export const useCatalogue = () => useQuery({ queryKey: campaignKeys.catalogue, queryFn: () => call(commands.offerCatalogue()) });
export const useArtistCampaigns = (artistId: string) =>
  useQuery({ queryKey: campaignKeys.ofArtist(artistId), queryFn: () => call(commands.artistCampaigns(artistId)) });
export const useCampaignList = (month: string | null) =>
  useQuery({ queryKey: campaignKeys.list(month), queryFn: () => call(commands.listCampaigns(month)) });
export const useRevenue = (months: number) => useQuery({ queryKey: campaignKeys.revenue(months), queryFn: () => call(commands.campaignRevenue(months)) });

function useCampaignMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: campaignKeys.all }),
        client.invalidateQueries({ queryKey: artistKeys.all }),
        client.invalidateQueries({ queryKey: pipelineKeys.all }),
        client.invalidateQueries({ queryKey: planningKeys.all }),
      ]);
    },
  });
}

export const useSellCampaign = () => useCampaignMutation((sale: Sale) => call(commands.sellCampaign(sale)));
export const useSetCampaignStatus = () =>
  useCampaignMutation(({ id, status }: { id: string; status: CampaignStatus }) => call(commands.setCampaignStatus(id, status)));
export const useSetCampaignPayment = () =>
  useCampaignMutation(({ id, payment }: { id: string; payment: PaymentStatus }) => call(commands.setCampaignPayment(id, payment, null)));
export const useDeliver = () =>
  useCampaignMutation(({ id, delivered, proofUrl }: { id: string; delivered: boolean; proofUrl: string | null }) =>
    call(commands.deliverCampaignItem(id, delivered, proofUrl)),
  );
export const useSaveOffer = () => useCampaignMutation((offer: Offer) => call(commands.saveOffer(offer)));
export const useRemoveOffer = () => useCampaignMutation((id: string) => call(commands.removeOffer(id)));

/** Typed euros ("390", "390,50", "1 200") as cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u202f\u00a0€]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}
