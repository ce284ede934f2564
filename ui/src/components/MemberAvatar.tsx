// A team member's initials in their colour: the one avatar of the app
// (team settings, cards on a board, the calendar's colours).
import type { Member } from "../bindings";

/** The colour of someone who has not picked one (and of items nobody is on). */
export const NO_COLOR = "#71717a";

export function memberColor(member: Pick<Member, "color"> | undefined): string {
  return member?.color ?? NO_COLOR;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

/** `labelled`: the avatar says who it is (on a card); otherwise the name is written beside it. */
export function MemberAvatar({ member, size = "md", labelled = false }: { member: Member; size?: "sm" | "md"; labelled?: boolean }) {
  const sizes = size === "sm" ? "size-6 text-[10px] ring-2 ring-white dark:ring-zinc-950" : "size-8 text-xs";
  return (
    <span
      aria-hidden={labelled ? undefined : true}
      aria-label={labelled ? member.name : undefined}
      title={labelled ? member.name : undefined}
      className={`grid shrink-0 place-items-center rounded-full font-semibold text-white ${sizes}`}
      style={{ backgroundColor: memberColor(member) }}
    >
      {initials(member.name)}
    </span>
  );
}
