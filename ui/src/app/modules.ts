// The app's modules, in sidebar order. One place: the sidebar, the palette and the shortcuts read it.
import { Clapperboard, Home, type LucideIcon, CalendarDays, Radio, Settings, Users } from "lucide-react";

export type ModuleId = "hub" | "crm" | "content" | "planning" | "streaming" | "settings";

export interface AppModule {
  id: ModuleId;
  path: string;
  icon: LucideIcon;
  /** Digit of the Ctrl/Cmd shortcut that opens it. */
  key: string;
}

/** Where the window opens, and where an unknown address leads. */
export const homePath = "/hub";

export const modules: AppModule[] = [
  { id: "hub", path: homePath, icon: Home, key: "1" },
  { id: "crm", path: "/crm", icon: Users, key: "2" },
  { id: "content", path: "/content", icon: Clapperboard, key: "3" },
  { id: "planning", path: "/planning", icon: CalendarDays, key: "4" },
  { id: "streaming", path: "/streaming", icon: Radio, key: "5" },
  { id: "settings", path: "/settings", icon: Settings, key: "6" },
];
