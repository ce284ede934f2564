import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const reminder = {
  taskId: "t1",
  title: "Live du mardi",
  occursAt: "2026-12-01T19:00:00.000Z",
  dueAt: "2026-12-01T18:45:00.000Z",
  notificationId: "n1",
};

describe("reminders and the notification centre", () => {
  it("a reminder that came due shows in the window and in the system, then waits unread in the centre", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/hub", { members: [...demoTeam], me: "u1", dueReminders: [reminder] });
    expect(await screen.findByText("Rappel : Live du mardi")).toBeInTheDocument();
    await waitFor(() => expect(state.osNotifications).toEqual([{ title: "Rappel : Live du mardi", body: "Prévu le 1 décembre 2026 à 20:00" }]));
    const bell = await screen.findByRole("button", { name: "Ouvrir les notifications (1 non lue)" });
    await user.click(bell);
    const centre = await screen.findByRole("dialog", { name: "Notifications" });
    const entry = within(centre).getByRole("button", { name: /Live du mardi/ });
    expect(entry).toHaveTextContent("Rappel (non lue)Live du mardiPrévu le 1 décembre 2026 à 20:00");
    await user.click(within(centre).getByRole("button", { name: "Tout marquer comme lu" }));
    await waitFor(() => expect(within(centre).getByRole("button", { name: /Live du mardi/ })).toHaveTextContent(/^RappelLive du mardi/));
    await user.keyboard("{Escape}");
    expect(await screen.findByRole("button", { name: "Ouvrir les notifications" })).toBeInTheDocument();
  });

  it("with nothing to say, the centre says where reminders will come", async () => {
    const user = userEvent.setup();
    renderApp("/hub");
    await user.click(await screen.findByRole("button", { name: "Ouvrir les notifications" }));
    expect(await screen.findByText("Rien de nouveau. Les rappels de vos tâches arriveront ici.")).toBeInTheDocument();
  });
});

describe("keeping in touch", () => {
  it("an artist due a contact shows in the centre with the day it fell due, and opens the card", async () => {
    const user = userEvent.setup();
    const view = renderApp("/hub", {
      notifications: [
        {
          id: "n-kit",
          kind: "keep_in_touch",
          title: "Noé Lacroix",
          body: "2026-11-20",
          entityType: "artist",
          entityId: "a-noe",
          occursAt: null,
          read: false,
          createdAt: "2026-11-20T08:00:00.000Z",
        },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Ouvrir les notifications (1 non lue)" }));
    const centre = await screen.findByRole("dialog", { name: "Notifications" });
    const entry = within(centre).getByRole("button", { name: /Noé Lacroix/ });
    expect(entry).toHaveTextContent("Garder le contact (non lue)Noé LacroixPas d'échange depuis trop longtemps : contact prévu le 20 nov. 2026");
    expect(view.state.calls).toContain("notify_contacts_due");
  });

  it("a recording OBS finished that could not be archived says why", async () => {
    const user = userEvent.setup();
    renderApp("/hub", {
      notifications: [
        {
          id: "n-rec",
          kind: "recording_failed",
          title: "2026-12-04 22-00-00.mkv",
          body: "missing",
          entityType: null,
          entityId: null,
          occursAt: null,
          read: false,
          createdAt: "2026-12-04T21:00:00.000Z",
        },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Ouvrir les notifications (1 non lue)" }));
    const centre = await screen.findByRole("dialog", { name: "Notifications" });
    expect(within(centre).getByText("2026-12-04 22-00-00.mkv").closest("li")).toHaveTextContent(
      "Enregistrement non archivé (non lue)2026-12-04 22-00-00.mkvLe fichier n'est plus là où OBS l'a écrit.",
    );
  });
});
