// Renders an SVG file to PNG with headless Chromium (playwright-core). Usage: npx tsx scripts/render-png.ts in.svg out.png [scale]
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";

/** Renders SVG text to a PNG file at `scale` device pixels per CSS pixel. */
export async function svgToPng(svg: string, pngPath: string, scale = 1): Promise<void> {
  const m = /width="(\d+)" height="(\d+)"/.exec(svg);
  const width = Number(m?.[1] ?? 794);
  const height = Number(m?.[2] ?? 1123);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: scale });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path: pngPath, clip: { x: 0, y: 0, width, height } });
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [inPath, outPath, scale] = process.argv.slice(2);
  if (inPath === undefined || outPath === undefined) throw new Error("usage: render-png.ts in.svg out.png [scale]");
  await svgToPng(await readFile(inPath, "utf8"), outPath, scale === undefined ? 1 : Number(scale));
}
