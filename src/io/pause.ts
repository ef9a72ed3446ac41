/**
 * Named points where a test can stop depmap for real, to deliver a real signal at a known
 * moment of a write (between the two renames of a folder swap, say). Set
 * DEPMAP_TEST_PAUSE=<name>: depmap prints `depmap: paused at <name>` on stderr and waits
 * until it is killed. Without the variable this costs one comparison.
 */
export async function pausePoint(name: string): Promise<void> {
  if (process.env.DEPMAP_TEST_PAUSE !== name) return;
  process.stderr.write(`depmap: paused at ${name}\n`);
  // A timer keeps the event loop (and so the signal handlers) alive.
  await new Promise<void>(() => setInterval(() => undefined, 1 << 30));
}
