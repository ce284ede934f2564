// Entry point: one script, evaluated in import order. `startupAnswers` comes
// first so Rust is already reading the settings while React and the app are
// evaluated; `boot` renders the first screen as soon as they have arrived
// (docs/PERFORMANCE.md, launch to interactive).
import { launchClock } from "./launchClock";
import { startupAnswers } from "./startupAnswers";
import { boot } from "./boot";
import "./styles.css";

launchClock.evaluated = performance.now();
void boot(startupAnswers);
