import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE, hostileMap, hostileReport } from "../helpers/hostile.js";

// A hostile string in every text field of report.html and map.svg must not run in a real browser. Each
// payload sets window.__pwned, opens a dialog or loads a resource; the page is served from 127.0.0.1
// and every request it makes is recorded. Runs on Debian chromium like test/browser/browser.test.ts
// (CI installs it; a developer machine without it skips this file, CI never does).
const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must apt-get install chromium`);

describe.skipIf(!haveChromium)("hostile ids in headless Chromium", () => {
  let server: Server;
  let browser: Browser;
  let origin: string;
  let page: Page | undefined;
  const files = new Map<string, [string, string]>();
  const requests: string[] = [];

  beforeAll(async () => {
    HOSTILE.forEach((s, i) => {
      const svg = hostileMap(s);
      files.set(`/map-${i}.svg`, ["image/svg+xml", svg]);
      files.set(`/report-${i}.html`, ["text/html; charset=utf-8", hostileReport(s, svg).html]);
    });
    server = createServer((req, res) => {
      const url = (req.url ?? "/").split("?")[0]!;
      requests.push(url);
      const f = files.get(url);
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": f[0] }).end(f[1]);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  });

  /** Opens `path`, waits for the load event (after every image has loaded or failed, so an onerror has run), and reports what ran. */
  async function visit(path: string): Promise<{ pwned: unknown; dialogs: string[]; errors: string[]; tags: string[]; title: string; extra: string[] }> {
    page ??= await browser.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    const onDialog = (d: { message(): string; dismiss(): Promise<void> }): void => {
      dialogs.push(d.message());
      void d.dismiss();
    };
    const onError = (e: Error): void => void errors.push(e.message);
    page.on("dialog", onDialog);
    page.on("pageerror", onError);
    const before = requests.length;
    await page.goto(origin + path, { waitUntil: "load" });
    const result = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      tags: [...new Set(Array.from(document.querySelectorAll("*"), (e) => e.localName))].sort(),
      title: document.title,
    }));
    page.off("dialog", onDialog);
    page.off("pageerror", onError);
    const extra = requests.slice(before).filter((u) => u !== path && u !== "/favicon.ico");
    return { ...result, dialogs, errors, extra };
  }

  it("map.svg with a hostile id in every text field opens as SVG, runs nothing and loads nothing", async () => {
    for (let i = 0; i < HOSTILE.length; i++) {
      const r = await visit(`/map-${i}.svg`);
      const what = JSON.stringify(HOSTILE[i]);
      expect(r.pwned, what).toBeUndefined();
      expect(r.dialogs, what).toEqual([]);
      expect(r.errors, what).toEqual([]);
      expect(r.extra, what).toEqual([]);
      // A parse error would show as <parsererror>; only renderMap's own elements are in the document.
      expect(r.tags, what).toEqual(["clipPath", "defs", "g", "path", "pattern", "rect", "svg", "text", "title", "tspan"]);
    }
  });

  it("report.html with a hostile id in every text field and the map inline runs nothing and loads nothing", async () => {
    for (let i = 0; i < HOSTILE.length; i++) {
      const r = await visit(`/report-${i}.html`);
      const what = JSON.stringify(HOSTILE[i]);
      expect(r.pwned, what).toBeUndefined();
      expect(r.dialogs, what).toEqual([]);
      expect(r.errors, what).toEqual([]);
      expect(r.extra, what).toEqual([]);
      for (const t of ["script", "img", "iframe", "object", "embed", "foreignobject", "a", "parsererror"]) expect(r.tags, `${what}: <${t}>`).not.toContain(t);
    }
  });

  it("report.html shows a hostile title as text (document.title is the string, control characters as pictures)", async () => {
    const i = HOSTILE.indexOf(`</title><script>window.__pwned=1</script>`);
    expect((await visit(`/report-${i}.html`)).title).toBe(`</title><script>window.__pwned=1</script>`);
    const c = HOSTILE.indexOf("\u0000\u0001\u0008\u000B\u000C\u001F\u007F");
    expect((await visit(`/report-${c}.html`)).title).toBe("\u2400\u2401\u2408\u240B\u240C\u241F\u2421");
  });

  it("a page that inlines an SVG with onload does run it, so the test above can fail", async () => {
    files.set("/control.html", ["text/html", `<!doctype html><title>c</title><svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"></svg>`]);
    expect((await visit("/control.html")).pwned).toBe(1);
  });
});
