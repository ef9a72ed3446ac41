#!/usr/bin/env node
// Renders .mmd files to PNG (next to each file) to look at them as a reader would:
//   npm run build && node bench/render/look.mjs docs/architecture/index.mmd …
import { readFile, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer';
import { findBrowser, renderSvgs } from '../../build/render/svg.js';

const files = process.argv.slice(2);
const diagrams = await Promise.all(files.map(async (file) => ({ name: file, mermaid: await readFile(file, 'utf8') })));
const svgs = await renderSvgs(diagrams);
const args = ['--no-sandbox', '--disable-gpu'];
const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1600, height: 1000, deviceScaleFactor: Number(process.env.SCALE ?? 1.5) });
  for (const [file, svg] of svgs) {
    await page.setContent(`<!doctype html><body style="margin:0;background:white">${svg}</body>`);
    const element = await page.$('svg');
    const out = file.replace(/\.(mmd|md)$/, '') + '.png';
    await writeFile(out, await element.screenshot({ type: 'png' }));
    console.log(out);
  }
} finally {
  await browser.close();
}
