import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

function onElodiesCard() {
  const view = renderApp("/crm");
  handle(view.state, "load_demo_data", {});
  const id = view.state.artists[0]?.id ?? "";
  window.location.hash = `#/crm/artists/${id}`;
  return { ...view, id };
}

describe("files kept with an artist's card", () => {
  it("a contract chosen from the computer is listed with its size, and taking it off can be undone", async () => {
    const user = userEvent.setup();
    const { state, id } = onElodiesCard();
    const files = await screen.findByRole("region", { name: "Fichiers" });
    expect(within(files).getByText("Aucun fichier : contrats, dossiers de presse, photos.")).toBeInTheDocument();

    const contract = new File(["%PDF-1.7 contrat signé, offre 390 €"], "Contrat signé.pdf", { type: "application/pdf" });
    await user.upload(within(files).getByLabelText("Ajouter un fichier"), contract);
    expect(await within(files).findByRole("button", { name: "Ouvrir Contrat signé.pdf" })).toBeInTheDocument();
    expect(await screen.findByText("Contrat signé.pdf est rangé avec la fiche.")).toBeInTheDocument();
    expect(within(files).getByText(/^\d+ octets · /)).toBeInTheDocument();
    expect(state.args.attach_artist_file?.[0]).toMatchObject({ artistId: id, name: "Contrat signé.pdf" });

    await user.click(within(files).getByRole("button", { name: "Ouvrir Contrat signé.pdf" }));
    expect(state.calls).toContain("open_kept_file");

    await user.click(within(files).getByRole("button", { name: "Retirer Contrat signé.pdf de la fiche" }));
    expect(await within(files).findByText("Aucun fichier : contrats, dossiers de presse, photos.")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Annuler" }));
    expect(await within(files).findByRole("button", { name: "Ouvrir Contrat signé.pdf" })).toBeInTheDocument();
  });

  it("a file no program opens says where it is kept, so it can be found by hand", async () => {
    const user = userEvent.setup();
    const { state } = onElodiesCard();
    const files = await screen.findByRole("region", { name: "Fichiers" });
    await user.upload(within(files).getByLabelText("Ajouter un fichier"), new File(["maquette"], "Pochette.kra"));
    const path = "/home/elodie/.local/share/mona-spark/files/9f2c.kra";
    state.failNext = { command: "open_kept_file", error: { code: "file_not_opened", path } };
    await user.click(await within(files).findByRole("button", { name: "Ouvrir Pochette.kra" }));
    expect(await screen.findByText(`Aucun programme de cet ordinateur n'a ouvert le fichier. Il est rangé ici : ${path}`)).toBeInTheDocument();
  });

  it("a file too large for a card is refused with the limit, said about the file", async () => {
    const user = userEvent.setup();
    const { state } = onElodiesCard();
    const files = await screen.findByRole("region", { name: "Fichiers" });
    state.failNext = { command: "attach_artist_file", error: { code: "invalid", fields: [{ field: "file", problem: { code: "too_large", max: 50 } }] } };
    await user.upload(within(files).getByLabelText("Ajouter un fichier"), new File(["x"], "concert.mov"));
    expect(await screen.findByText("Le fichier dépasse 50 Mo : les vidéos vont dans la bibliothèque du Content Studio.")).toBeInTheDocument();
    expect(within(files).queryByText("concert.mov")).not.toBeInTheDocument();
  });
});
