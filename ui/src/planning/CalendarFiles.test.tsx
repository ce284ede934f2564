import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";
// The app loads Planning on demand; loaded here, its first test does not wait for it.
import "./PlanningPage";

const googleFile = () => new File(["BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"], "spark-collectif.ics", { type: "text/calendar" });

describe("calendar files and events", () => {
  it("an .ics file is previewed, then imported when confirmed", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", {
      members: [...demoTeam],
      me: "u1",
      icsAnswer: {
        events: 3, updates: 0, repeating: 1, unknownAttendees: ["prod@studio-lumiere.fr"],
        sample: [{ title: "Live du mardi", startsAt: "2027-03-09T19:00:00.000Z", allDay: false, repeating: true }],
      },
    });
    await user.upload(await screen.findByTestId("ics-file"), googleFile());
    const dialog = await screen.findByRole("dialog", { name: "Importer « spark-collectif.ics »" });
    expect(dialog).toHaveAccessibleDescription("3 événements, dont 1 récurrent");
    expect(within(dialog).getByText("Participants qui ne sont pas dans l'équipe (laissés de côté) : prod@studio-lumiere.fr")).toBeInTheDocument();
    expect(within(dialog).getByText("9 mars 2027 à 20:00 · récurrent")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Importer" }));
    expect(await screen.findByText("3 événement(s) ajouté(s), 0 mis à jour.")).toBeInTheDocument();
    expect(state.args.import_calendar_file?.[0]).toMatchObject({ timeZone: "Europe/Paris" });
  });

  it("an Outlook file with a Windows time zone is refused with the event and the zone named", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", {
      members: [...demoTeam],
      me: "u1",
      icsAnswer: { code: "calendar_file", problem: { code: "unknown_time_zone", event: 1, title: "Point sponsor", zone: "Romance Standard Time" } },
    });
    await user.upload(await screen.findByTestId("ics-file"), googleFile());
    expect(await screen.findByText(/L'événement n° 1 \(« Point sponsor »\) utilise un fuseau horaire inconnu : Romance Standard Time\..*Rien n'a été importé\./)).toBeInTheDocument();
    expect(state.calls).not.toContain("import_calendar_file");
  });

  it("exporting says where the file went", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { members: [...demoTeam], me: "u1" });
    await user.click(await screen.findByRole("button", { name: "Exporter (.ics)" }));
    expect(await screen.findByText("Calendrier exporté : /home/camille/Téléchargements/mona-spark-calendar-2026-12-01.ics")).toBeInTheDocument();
  });

  it("a new event made from the calendar keeps its kind, place and people", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { members: [...demoTeam], me: "u1" });
    await user.click(await screen.findByRole("button", { name: "Nouvelle tâche" }));
    await user.click(await screen.findByRole("radio", { name: "Événement" }));
    const dialog = await screen.findByRole("dialog", { name: "Nouvel événement" });
    await user.type(within(dialog).getByLabelText("Titre"), "Shooting pochette");
    await user.selectOptions(within(dialog).getByLabelText("Type"), "Tournage");
    await user.type(within(dialog).getByLabelText("Lieu"), "Studio B");
    await user.click(within(dialog).getByLabelText("Inès Laurent"));
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(state.args.create_event?.[0]?.fields).toMatchObject({ title: "Shooting pochette", kind: "shoot", location: "Studio B", attendees: ["u3"], ownerId: "u1" });
    const calendar = screen.getByRole("region", { name: "Calendrier de l'équipe" });
    await user.click(await within(calendar).findByLabelText("Shooting pochette"));
    const opened = await screen.findByRole("dialog", { name: "Shooting pochette" });
    expect(within(opened).getByLabelText("Lieu")).toHaveValue("Studio B");
  });

  it("an event moved to another start keeps its length", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { members: [...demoTeam], me: "u1" });
    await user.click(await screen.findByRole("button", { name: "Nouvelle tâche" }));
    await user.click(await screen.findByRole("radio", { name: "Événement" }));
    const dialog = await screen.findByRole("dialog", { name: "Nouvel événement" });
    await user.type(within(dialog).getByLabelText("Titre"), "Release party");
    const start = within(dialog).getByLabelText("Début");
    const end = within(dialog).getByLabelText("Fin");
    const offered = Date.parse(`${(end as HTMLInputElement).value}:00`) - Date.parse(`${(start as HTMLInputElement).value}:00`);
    expect(offered).toBe(3_600_000);
    fireEvent.change(start, { target: { value: "2027-01-15T20:00" } });
    expect(end).toHaveValue("2027-01-15T21:00");
    fireEvent.change(end, { target: { value: "2027-01-15T23:30" } });
    fireEvent.change(start, { target: { value: "2027-01-16T21:00" } });
    expect(end).toHaveValue("2027-01-17T00:30");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(state.args.create_event?.[0]?.fields).toMatchObject({ title: "Release party" }));
  });
});

describe("a repeating event", () => {
  it("changed from one of its Tuesdays asks whether for this one or the following, and says which", async () => {
    const user = userEvent.setup();
    const tuesday = new Date();
    tuesday.setHours(20, 0, 0, 0);
    const end = new Date(tuesday.getTime() + 2 * 3_600_000);
    const series = {
      id: "e1",
      fields: {
        title: "Live du mardi", kind: "live" as const, description: "", startsAt: "2026-01-06T19:00:00.000Z", endsAt: "2026-01-06T21:00:00.000Z",
        timeZone: "Europe/Paris", allDay: false, location: null, status: "planned" as const, recurrence: "FREQ=WEEKLY", attendees: [],
        artistId: null, sponsorId: null, ownerId: "u1",
      },
      createdAt: "2026-01-01T10:00:00.000Z",
      updatedAt: "2026-01-01T10:00:00.000Z",
    };
    const { state } = renderApp("/planning", {
      members: [...demoTeam],
      me: "u1",
      events: [series],
      calendar: [{ kind: "event", id: "e1", occurrenceAt: tuesday.toISOString(), title: "Live du mardi", startsAt: tuesday.toISOString(), endsAt: end.toISOString(), allDay: false, timeZone: "Europe/Paris", people: [], clash: false, repeating: true }],
    });
    const calendar = await screen.findByRole("region", { name: "Calendrier de l'équipe" });
    await user.click(await within(calendar).findByLabelText("Live du mardi"));
    const dialog = await screen.findByRole("dialog", { name: "Live du mardi" });
    expect(within(dialog).getByLabelText("Début")).toHaveValue(`${tuesday.getFullYear()}-${String(tuesday.getMonth() + 1).padStart(2, "0")}-${String(tuesday.getDate()).padStart(2, "0")}T20:00`);
    await user.type(within(dialog).getByLabelText("Lieu"), "Studio B");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    const question = await screen.findByRole("alertdialog", { name: "Modifier un élément répété" });
    await user.click(within(question).getByRole("button", { name: "Cette occurrence" }));
    await waitFor(() => expect(state.args.update_event_occurrence?.[0]).toMatchObject({ id: "e1", occurrenceAt: tuesday.toISOString(), scope: "this_one", fields: { location: "Studio B" } }));
  });
});
