/**
 * Finding a Chrome or Chromium to draw SVGs with: depmap never downloads one (it drives
 * the browser with puppeteer-core), it uses what the machine has.
 */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LINUX_PATHS = [
  '/usr/lib/chromium/chromium',
  '/usr/lib/chromium-browser/chromium-browser',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];
const MAC_PATHS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
];
const WINDOWS_PATHS = ['Google/Chrome/Application/chrome.exe', 'Chromium/Application/chrome.exe'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];

/** Binaries inside Puppeteer's cache (`~/.cache/puppeteer/<browser>/<platform>-<build>/…`). */
const CACHE_BINARIES: Record<string, string[]> = {
  'chrome-headless-shell': [
    'chrome-headless-shell-linux64/chrome-headless-shell',
    'chrome-headless-shell-mac-arm64/chrome-headless-shell',
    'chrome-headless-shell-mac-x64/chrome-headless-shell',
    'chrome-headless-shell-win64/chrome-headless-shell.exe',
  ],
  chrome: [
    'chrome-linux64/chrome',
    'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    'chrome-win64/chrome.exe',
  ],
};

export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: apt-get install chromium; Alpine: apk add chromium; macOS: brew install --cask chromium) ' +
  'or Google Chrome, or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary; every other format works without one';

function fromCache(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(home, '.cache', 'puppeteer');
  for (const [browser, binaries] of Object.entries(CACHE_BINARIES)) {
    let builds: string[];
    try {
      builds = readdirSync(path.join(cacheDir, browser));
    } catch {
      continue;
    }
    // Newest build first: names are `<platform>-<version>`.
    builds.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    for (const build of builds) {
      for (const binary of binaries) {
        const candidate = path.join(cacheDir, browser, build, binary);
        if (existsSync(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

/** A regular file this process may run (a path that merely exists, like /etc/passwd, is no browser). */
function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why there is no browser, in one line. */
export function noBrowserMessage(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit)
    return `SVG needs Chrome or Chromium, and PUPPETEER_EXECUTABLE_PATH names ${explicit}, which ${existsSync(explicit) ? 'is not an executable file' : 'does not exist'}`;
  return 'SVG needs Chrome or Chromium, and none was found';
}

/**
 * A Chrome or Chromium binary: PUPPETEER_EXECUTABLE_PATH when set, then the usual system
 * locations and PATH, then Puppeteer's download cache. Undefined when there is none.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // A browser the user named and that is not there is no browser: falling back to another
  // one would hide the mistake.
  const explicit = env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  const candidates = [...LINUX_PATHS, ...MAC_PATHS];
  for (const dir of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]) {
    if (dir) candidates.push(...WINDOWS_PATHS.map((p) => path.join(dir, p)));
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir) candidates.push(...PATH_NAMES.map((name) => path.join(dir, name)));
  }
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  return fromCache(env);
}
