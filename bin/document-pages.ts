/**
 * Draws every page of each example document, one under the other, as a PNG in docs/screenshots/, so that a reader of the docs sees
 * what the platform's PDFs look like: `npx tsx bin/document-pages.ts`. Each PDF is rendered by the same code the
 * Lambda functions run (functions/adapters/pdf/render.ts), then opened with pdf.js inside the headless Chromium
 * that @sparticuz/chromium ships, served from a loopback server, and the page's pages are saved as one image. No native
 * dependency and no network beyond 127.0.0.1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';
import { renderPdf } from '#adapters/pdf/render.js';
import type { PrintableDocument } from '#model/document.js';
import { EXAMPLE_DOCUMENTS } from '../test/support/printable-documents.js';

const ROOT = new URL('../', import.meta.url).pathname;
const PDFJS = join(ROOT, 'node_modules/pdfjs-dist');
const OUT = join(ROOT, 'docs/screenshots');

const PAGE_HTML = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#d9dce1">
<div id="pages" style="display:inline-flex;flex-direction:column;gap:12px;padding:12px"></div>
<script type="module">
import * as pdfjs from '/pdfjs/build/pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/build/pdf.worker.min.mjs';
const name = new URLSearchParams(location.search).get('pdf');
const pdf = await pdfjs.getDocument({ url: '/pdf/' + name, standardFontDataUrl: '/pdfjs/standard_fonts/', useSystemFonts: false }).promise;
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const viewport = page.getViewport({ scale: 1.25 });
  const canvas = document.createElement('canvas');
  canvas.width = viewport.width; canvas.height = viewport.height;
  canvas.style.background = '#fff';
  document.getElementById('pages').append(canvas);
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
}
document.body.dataset.rendered = 'yes';
</script>`;

const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

export async function drawPages(documents: Readonly<Record<string, PrintableDocument>>): Promise<string[]> {
  const pdfs = new Map<string, Uint8Array>();
  for (const [name, document] of Object.entries(documents)) pdfs.set(name, await renderPdf(document));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML);
    } else if (path.startsWith('/pdf/') && pdfs.has(path.slice(5))) {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdfs.get(path.slice(5)));
    } else if (path.startsWith('/pdfjs/') && /^\/pdfjs\/(build|standard_fonts)\/[\w.-]+$/.test(path)) {
      try {
        const body = readFileSync(join(PDFJS, path.slice('/pdfjs/'.length)));
        const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
        res.writeHead(200, { 'content-type': type }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  });
  const written: string[] = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 1270, deviceScaleFactor: 1 });
    for (const name of pdfs.keys()) {
      await page.goto(`http://127.0.0.1:${port}/?pdf=${encodeURIComponent(name)}`);
      await page.waitForSelector('body[data-rendered="yes"]', { timeout: 30_000 });
      const pages = await page.$('#pages');
      const file = join(OUT, `${name}.png`);
      const png = await pages?.screenshot({ type: 'png' });
      if (!png) throw new Error(`No page drawn for ${name}`);
      writeFileSync(file, png);
      written.push(file);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of await drawPages(EXAMPLE_DOCUMENTS)) process.stdout.write(`${file}\n`);
}
