import type { Browser } from 'puppeteer-core';
import { DepmapError } from '../errors.js';
import { firstLine } from './first-line.js';

const LAUNCH_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts a headless `executablePath`; puppeteer-core is imported here, lazily, and nowhere else. */
export async function launchBrowser(executablePath: string, env: NodeJS.ProcessEnv): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const args = [...LAUNCH_ARGS];
  // Chromium refuses to start as root with its sandbox, and containers often run as root.
  if (process.getuid?.() === 0 || env.DEPMAP_CHROMIUM_NO_SANDBOX === '1') args.push('--no-sandbox');
  try {
    return await puppeteer.launch({ executablePath, headless: true, args, env: env as Record<string, string> });
  } catch (error) {
    throw new DepmapError(
      `cannot start the browser ${executablePath}: ${firstLine(error instanceof Error ? error.message : String(error))}`,
      {
        hint: 'check that it runs (`<browser> --headless --version`), or set PUPPETEER_EXECUTABLE_PATH to another one',
        cause: error,
      },
    );
  }
}
