// TanStack Query hooks for SPARK's sponsors: the list, one sponsor with its people, deals
// and promises, and the deals' pipeline. Every change answers with the whole sponsor.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  DeliverableFields_Deserialize as DeliverableFields,
  DeliverableStatus,
  OpportunityFields_Deserialize as OpportunityFields,
  Proof_Deserialize as Proof,
  SponsorFields_Deserialize as SponsorFields,
} from "../bindings";
import { call, commands } from "../shared/bridge";

export const sponsorKeys = {
  all: ["sponsors"] as const,
  list: (search: string) => ["sponsors", "list", search] as const,
  one: (id: string) => ["sponsors", "one", id] as const,
  deals: ["sponsors", "deals"] as const,
};

export const useSponsorList = (search: string) =>
  useQuery({ queryKey: sponsorKeys.list(search), queryFn: () => call(commands.listSponsors(search || null)), placeholderData: (previous) => previous });
export const useSponsor = (id: string | undefined) =>
  useQuery({ queryKey: sponsorKeys.one(id ?? ""), queryFn: () => call(commands.getSponsor(id ?? "")), enabled: id !== undefined, retry: false });
export const useDealPipeline = () => useQuery({ queryKey: sponsorKeys.deals, queryFn: () => call(commands.dealPipeline()) });

function useSponsorMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: sponsorKeys.all }) });
}

export const useCreateSponsor = () => useSponsorMutation((fields: SponsorFields) => call(commands.createSponsor(fields)));
export const useUpdateSponsor = () =>
  useSponsorMutation(({ id, fields }: { id: string; fields: SponsorFields }) => call(commands.updateSponsor(id, fields)));
export const useDeleteSponsor = () => useSponsorMutation((id: string) => call(commands.deleteSponsor(id)));
export const useRestoreSponsor = () => useSponsorMutation((id: string) => call(commands.restoreSponsor(id)));
export const useSaveOpportunity = () =>
  useSponsorMutation(({ sponsorId, id, fields }: { sponsorId: string; id: string | null; fields: OpportunityFields }) =>
    call(commands.saveOpportunity(sponsorId, id, fields)),
  );
export const useRemoveOpportunity = () => useSponsorMutation((id: string) => call(commands.removeOpportunity(id)));
export const useSaveSponsorDeliverable = () =>
  useSponsorMutation(({ sponsorId, id, fields }: { sponsorId: string; id: string | null; fields: DeliverableFields }) =>
    call(commands.saveSponsorDeliverable(sponsorId, id, fields)),
  );
export const useSetDeliverableStatus = () =>
  useSponsorMutation(({ id, status, proof }: { id: string; status: DeliverableStatus; proof: Proof }) => call(commands.setDeliverableStatus(id, status, proof)));
