/**
 * A browser page with Mermaid and its ELK layout loaded, ready to render many diagrams:
 * loading Mermaid is as slow as drawing, so each page loads it once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { patchLayout } from './elk-label-placement.js';
import { mermaidFiles } from './mermaid-files.js';

/**
 * The page's own origin: every request to it is answered from the ELK layout's files on disk
 * (ES modules import their chunks, which file:// pages may not do), and every other request
 * is refused, so nothing a diagram says can reach the network.
 */
const ORIGIN = 'https://depmap-render.invalid';
const PAGE = '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="container"></div></body></html>';
/** Where the page finds the ELK layout's modules. */
const ELK_PREFIX = '/elk/';

// The code that runs in the page is kept as text: a function would be passed through
// Function.prototype.toString(), and bundlers, test runners and coverage tools rewrite
// functions (`import()` becomes a helper the page does not have).

/** Registers the ELK layouts with the page's Mermaid (the script tag defines `mermaid`). */
const LOAD_ELK = `(async () => {
  const { default: elk } = await import('${ELK_PREFIX}mermaid-layout-elk.esm.min.mjs');
  mermaid.registerLayoutLoaders(elk);
})()`;

/**
 * Mermaid draws labels as SVG text (render-diagram.ts: no HTML labels), and two of its ways
 * were made for HTML: it writes a label's `#38;` codes into the text as `&#38;`, which HTML
 * would decode and SVG text shows as typed; and it breaks a word wider than the wrapping width
 * into pieces (`kafka-g` / `o`), where HTML keeps the word whole and lets it run wider. The
 * page decodes entities as each text is set (single pass: every `&` and `#` that data writes
 * is itself a code, render/escape/mermaid.ts), before Mermaid measures it, and hands Mermaid a
 * segmenter that keeps a word whole, the only use Mermaid makes of Intl.Segmenter.
 */
const SVG_TEXT = `(() => {
  const node = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\\u00a0' };
  const decode = (text) =>
    text.replace(/&(?:#(\\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (entity, decimal, hex, name) => {
      if (name) return named[name.toLowerCase()];
      const code = decimal ? Number(decimal) : parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
  Object.defineProperty(SVGTextContentElement.prototype, 'textContent', {
    configurable: true,
    get() { return node.get.call(this); },
    set(value) { node.set.call(this, typeof value === 'string' ? decode(value) : value); },
  });
  Intl.Segmenter = class {
    segment(text) { return [{ segment: text, index: 0, input: text }]; }
  };
})()`;

/** What the page is made of, for a cache key: its code besides Mermaid's. */
export const PAGE_CODE = JSON.stringify({ page: PAGE, svgText: SVG_TEXT, loadElk: LOAD_ELK });

function serveFiles(elk: string) {
  const cache = new Map<string, Promise<Buffer>>();
  return async (request: HTTPRequest): Promise<void> => {
    const url = new URL(request.url());
    if (url.origin !== ORIGIN) return request.abort();
    if (url.pathname === '/') return request.respond({ status: 200, contentType: 'text/html', body: PAGE });
    if (!url.pathname.startsWith(ELK_PREFIX)) return request.abort();
    const file = path.resolve(elk, decodeURIComponent(url.pathname.slice(ELK_PREFIX.length)));
    if (!file.startsWith(elk + path.sep) || !/\.m?js$/.test(file)) return request.abort();
    let body = cache.get(file);
    if (!body) {
      body = readFile(file).then(patchLayout);
      cache.set(file, body);
    }
    try {
      return request.respond({ status: 200, contentType: 'text/javascript', body: await body });
    } catch {
      return request.abort();
    }
  };
}

/** Opens Mermaid pages in a browser; the pages share one cache of the layout's files. */
export function mermaidPages(): (browser: Browser) => Promise<Page> {
  const files = mermaidFiles();
  const serve = serveFiles(files.elk);
  return async (browser) => {
    const page = await browser.newPage();
    // Nothing a diagram does may reach the network.
    await page.setRequestInterception(true);
    page.on('request', (request) => void serve(request));
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ path: files.bundle });
    await page.evaluate(SVG_TEXT);
    await page.evaluate(LOAD_ELK);
    return page;
  };
}
