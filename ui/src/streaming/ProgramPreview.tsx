// What is on air, as a picture OBS takes a few times a second while this is
// on screen (obs-websocket has no video stream; a picture every 250 ms of a
// 480-pixel-wide JPEG is light for OBS and enough to see what viewers see).
// Never more than one request in flight; nothing is asked while the window
// is hidden.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, commands } from "../shared/bridge";

const EVERY_MS = 250;
const WIDTH = 480;

export function ProgramPreview() {
  const { t } = useTranslation();
  const [picture, setPicture] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    async function follow() {
      while (!stopped) {
        if (document.visibilityState === "visible") {
          try {
            const taken = await call(commands.obsProgramSnapshot(WIDTH));
            if (!stopped) setPicture(taken);
          } catch {
            // OBS went away: the health bar says so, and the picture stays.
          }
        }
        await new Promise((resolve) => window.setTimeout(resolve, EVERY_MS));
      }
    }
    void follow();
    return () => {
      stopped = true;
    };
  }, []);
  return (
    <figure className="space-y-1">
      <div className="aspect-video w-full overflow-hidden rounded-xl bg-black">
        {picture ? <img src={picture} alt={t("obs.programPicture")} className="h-full w-full object-contain" /> : null}
      </div>
      <figcaption className="text-xs text-zinc-500">{t("obs.programCaption")}</figcaption>
    </figure>
  );
}
