// The team as the UI sees it: its members, who uses this computer, and
// what each role may do. The rights are enforced in Rust; the UI only uses
// them to offer what the person may do.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Action, Member, MemberFields_Deserialize as MemberFields } from "../bindings";
import { call, commands } from "./bridge";

export const membersKey = ["members"] as const;
export const currentMemberKey = ["current-member"] as const;
/** The team's tags, shared by tasks and artist cards. */
export const tagsKey = ["tags"] as const;
const roleRightsKey = ["role-rights"] as const;

export function useMembers() {
  return useQuery({ queryKey: membersKey, queryFn: () => call(commands.listMembers()) });
}

export function useTags() {
  return useQuery({ queryKey: tagsKey, queryFn: () => call(commands.listTags()) });
}

export function useCurrentMember() {
  return useQuery({ queryKey: currentMemberKey, queryFn: () => call(commands.currentMember()) });
}

export function useRoleRights() {
  return useQuery({ queryKey: roleRightsKey, queryFn: () => commands.roleRights(), staleTime: Infinity });
}

/** Whether the person using this computer may do `action` (everything when nobody is chosen). */
export function useMay(action: Action): boolean {
  const me = useCurrentMember().data;
  const rights = useRoleRights().data;
  if (!me) return true;
  return rights?.find((r) => r.role === me.role)?.rights.includes(action) ?? false;
}

function useTeamMutation<A>(run: (args: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: membersKey });
      await client.invalidateQueries({ queryKey: currentMemberKey });
    },
  });
}

export function useJoinTeam() {
  return useTeamMutation((fields: MemberFields) => call(commands.joinTeam(fields)));
}

export function useChooseMe() {
  return useTeamMutation((id: string) => call(commands.chooseMe(id)));
}

export function useAddMember() {
  return useTeamMutation((fields: MemberFields) => call(commands.addMember(fields)));
}

export function useUpdateMember() {
  return useTeamMutation(({ id, fields }: { id: string; fields: MemberFields }) => call(commands.updateMember(id, fields)));
}

export function useRemoveMember() {
  return useTeamMutation((member: Member) => call(commands.removeMember(member.id)));
}

/** A member's fields as the forms send them back. */
export function fieldsOf(member: Member): MemberFields {
  return { name: member.name, email: member.email, role: member.role, color: member.color, timeZone: member.timeZone };
}
