import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";

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
});
