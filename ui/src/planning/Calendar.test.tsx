import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CalendarItem } from "../bindings";
import { boardWith, demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";
// The app loads Planning on demand; loaded here, its first test does not wait for it.
import "./PlanningPage";

function item(title: string, startsAt: string, endsAt: string, extra: Partial<CalendarItem> = {}): CalendarItem {
  return { kind: "task", id: title, occurrenceAt: null, title, startsAt, endsAt, allDay: false, timeZone: "Europe/Paris", people: [], clash: false, repeating: false, ...extra };
}

/** Today at `hour`:00, local time, as the calendar's first view shows the current month. */
function today(hour: number): string {
  const d = new Date();
  d.setHours(hour, 0, 0, 0);
  return d.toISOString();
}

describe("the team calendar", () => {
  it("shows the month's tasks in their person's colour and flags a clash", async () => {
    renderApp("/planning", {
      members: [...demoTeam],
      me: "u1",
      calendar: [
        item("Shooting", today(13), today(15), { people: ["u3"], clash: true }),
        item("Interview radio", today(14), today(16), { people: ["u3"], clash: true }),
        item("Envoyer le devis", today(17), today(17), { people: ["u2"] }),
      ],
    });
    const calendar = await screen.findByRole("region", { name: "Calendrier de l'équipe" });
    const shooting = await within(calendar).findByLabelText("Shooting — une personne est prise ailleurs à la même heure");
    expect(shooting.closest(".rbc-event")).toHaveStyle({ backgroundColor: "#16a34a" });
    expect(within(calendar).getByLabelText("Envoyer le devis").closest(".rbc-event")).toHaveStyle({ backgroundColor: "#2563eb" });
    expect(within(calendar).getByRole("button", { name: "Mois" })).toHaveClass("rbc-active");
  });

  it("a new repeating task for two people is sent with its rule, its people and its board, and appears", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { members: [...demoTeam], me: "u1", boards: [boardWith("Lives", ["À faire", "Fait"])] });
    await user.click(await screen.findByRole("button", { name: "Nouvelle tâche" }));
    const dialog = await screen.findByRole("dialog", { name: "Nouvelle tâche" });
    await user.type(within(dialog).getByLabelText("Titre"), "Live du mardi");
    await user.selectOptions(within(dialog).getByLabelText("Répéter"), "Toutes les semaines");
    await user.click(within(dialog).getByLabelText("Inès Laurent"));
    await user.click(within(dialog).getByLabelText("Yanis Belkacem"));
    await user.selectOptions(within(dialog).getByLabelText("Rappel"), "15 minutes avant");
    await user.selectOptions(within(dialog).getByLabelText("Sur le tableau"), "Lives");
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Enregistrer" })).toBeEnabled());
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(state.args.create_task?.[0]?.fields).toMatchObject({
      title: "Live du mardi",
      recurrence: expect.stringMatching(/^FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU)$/),
      assignees: ["u3", "u2"],
      remindMinutes: 15,
      columnId: "c0",
    });
    const calendar = screen.getByRole("region", { name: "Calendrier de l'équipe" });
    expect(await within(calendar).findByLabelText("Live du mardi")).toBeInTheDocument();
  });

  it("a task repeats on the weekdays ticked, or by a rule typed as calendars export it", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { members: [...demoTeam], me: "u1" });
    await user.click(await screen.findByRole("button", { name: "Nouvelle tâche" }));
    const dialog = await screen.findByRole("dialog", { name: "Nouvelle tâche" });
    await user.type(within(dialog).getByLabelText("Titre"), "Répétition");
    await user.selectOptions(within(dialog).getByLabelText("Répéter"), "Toutes les semaines");
    for (const day of ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]) {
      const box = within(dialog).getByLabelText(day);
      if ((box as HTMLInputElement).checked) await user.click(box);
    }
    await user.click(within(dialog).getByLabelText("mar."));
    await user.click(within(dialog).getByLabelText("jeu."));
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(state.args.create_task?.[0]?.fields).toMatchObject({ recurrence: "FREQ=WEEKLY;BYDAY=TU,TH" }));

    await user.click(await screen.findByRole("button", { name: "Nouvelle tâche" }));
    const again = await screen.findByRole("dialog", { name: "Nouvelle tâche" });
    await user.type(within(again).getByLabelText("Titre"), "Point mensuel");
    await user.selectOptions(within(again).getByLabelText("Répéter"), "Personnalisée (règle RRULE)…");
    await user.type(within(again).getByLabelText("Règle de répétition"), "FREQ=MONTHLY;BYDAY=1MO");
    await user.click(within(again).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(state.args.create_task?.[1]?.fields).toMatchObject({ recurrence: "FREQ=MONTHLY;BYDAY=1MO" }));
  });

  it("a title left empty is asked for in the dialog, and nothing is lost", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { members: [...demoTeam], me: "u1" });
    await user.click(await screen.findByRole("button", { name: "Nouvelle tâche" }));
    const dialog = await screen.findByRole("dialog", { name: "Nouvelle tâche" });
    await user.selectOptions(within(dialog).getByLabelText("Répéter"), "Tous les jours");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    expect(await within(dialog).findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Répéter")).toHaveDisplayValue("Tous les jours");
  });

  it("a guest can look at the calendar but not add to it", async () => {
    renderApp("/planning", { members: [...demoTeam, { ...demoTeam[0]!, id: "u9", name: "Invitée", role: "guest" }], me: "u9" });
    await screen.findByRole("region", { name: "Calendrier de l'équipe" });
    await waitFor(() => expect(screen.queryByRole("button", { name: "Nouvelle tâche" })).not.toBeInTheDocument());
  });
});
