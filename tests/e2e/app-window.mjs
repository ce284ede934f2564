// Drives the real app window through tauri-driver and WebKitWebDriver.
// One `AppWindow` is one launch of the built app on a data folder of the test's choosing.
import { execFile, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { connect, createServer } from "node:net";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { remote } from "webdriverio";

const root = resolve(import.meta.dirname, "../..");
// The debug build by default; benchmarks drive the release build.
export const appBinary = process.env.MONA_APP_BINARY ?? join(root, "target/debug/mona-spark");
export const artifacts = join(root, "tests/artifacts");
mkdirSync(artifacts, { recursive: true });

const execFileAsync = promisify(execFile);

let driver;
let driverPort;

/**
 * Starts tauri-driver once per test file; the app inherits its environment (LANG decides the OS locale).
 * Its two ports are ones the system hands out free: a port picked at random once
 * fell on this machine's PostgreSQL, and every launch of that file failed.
 */
export async function startDriver(env = {}) {
  driverPort = await freePort();
  const nativePort = await freePort();
  driver = spawn("tauri-driver", ["--port", String(driverPort), "--native-port", String(nativePort)], {
    env: { ...process.env, LANG: "fr_FR.UTF-8", LANGUAGE: "", LC_ALL: "", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Ready when it accepts connections (a loaded machine takes longer than a blink).
  for (let waited = 0; waited < 30_000; waited += 200) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with code ${driver.exitCode}`);
    if (await accepts(driverPort)) return;
    await sleep(200);
  }
  throw new Error(`tauri-driver did not listen on port ${driverPort} within 30 s`);
}

/** A TCP port nothing listens on, as the system hands it out. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolveAccepts) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolveAccepts(true);
    });
    socket.on("error", () => resolveAccepts(false));
  });
}

export function stopDriver() {
  driver?.kill();
}

export async function newDataFolder() {
  return mkdtemp(join(tmpdir(), "mona-spark-e2e-"));
}

export class AppWindow {
  static async launch(dataFolder, extraArgs = []) {
    const browser = await remote({
      hostname: "127.0.0.1",
      port: driverPort,
      logLevel: "error",
      connectionRetryCount: 5,
      capabilities: { "tauri:options": { application: appBinary, args: ["--data-dir", dataFolder, ...extraArgs] } },
    });
    return new AppWindow(browser);
  }

  constructor(browser) {
    this.browser = browser;
  }

  /** The first element of `tag` whose visible text contains `text`. */
  byText(tag, text, timeout = 10_000) {
    return this.waitFor(`//${tag}[contains(normalize-space(.), ${xpathString(text)})]`, timeout);
  }

  async waitFor(selector, timeout = 10_000) {
    const element = await this.browser.$(selector);
    await element.waitForDisplayed({ timeout });
    return element;
  }

  async click(tag, text) {
    await afresh(() => this.byText(tag, text), (element) => element.click());
  }

  async type(selector, value) {
    await afresh(() => this.waitFor(selector), (element) => element.setValue(value));
  }

  /**
   * Fills a date or time field. WebKit's date fields take their digits in
   * the locale's order, segment by segment; the value is set the way a
   * picker sets it instead, with the input event React listens to.
   */
  async pick(selector, value) {
    await afresh(
      () => this.waitFor(selector),
      (element) =>
        this.browser.execute(
          (field, text) => {
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
            setter.call(field, text);
            field.dispatchEvent(new Event("input", { bubbles: true }));
          },
          element,
          value,
        ),
    );
  }

  /** The first run on an empty data folder, as the person `name`. */
  async startEmptyAs(name) {
    await this.click("button", "Commencer avec une base vide");
    await this.type("input[name=my-name]", name);
    await this.click("button", "Continuer");
  }

  async text(selector) {
    return afresh(() => this.waitFor(selector), (element) => element.getText());
  }

  /**
   * Photographs the X screen, which is what a person sees. WebKitWebDriver's
   * own screenshot waits for the page's next painted frame; where the window
   * paints without compositing (no GPU, `src-tauri/painting.rs`) a screen on
   * which nothing changes paints none, and that screenshot never returns.
   */
  async screenshot(name) {
    await execFileAsync("import", ["-window", "root", join(artifacts, `${name}.png`)]);
  }

  async close() {
    await this.browser.deleteSession();
  }
}

/**
 * Does `act` on the element `find` gives, finding it again when the page
 * replaced it in between (React drew that part again; on a busy machine an
 * answer arriving from Rust can land between the two): what a person aims
 * at is the field or button on screen, not one node.
 */
async function afresh(find, act) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await act(await find());
    } catch (error) {
      if (attempt === 3 || !/stale/i.test(String(error?.message ?? error))) throw error;
    }
  }
}

function xpathString(text) {
  return text.includes("'") ? `concat('${text.split("'").join(`', "'", '`)}')` : `'${text}'`;
}
