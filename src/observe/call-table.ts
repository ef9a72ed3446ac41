/**
 * The calls seen so far, one entry per caller, callee, kind and protocol: counts, errors,
 * first and last time, a fixed-size latency histogram, the first record that showed it and
 * the files. Memory grows with the number of distinct calls, never with the number of spans.
 */
import type { CalleeKind, ObservedCall } from './model.js';
import { LatencyHistogram } from './latency.js';

/** One observation of a call (a span pair, a peer span, a dependency link, a metric series). */
export interface CallSighting {
  caller: string;
  callerNamespace: string | undefined;
  callee: string;
  calleeNamespace: string | undefined;
  calleeKind: CalleeKind;
  protocol: string | undefined;
  /** Other names the spans give the callee (`server.address`, `db.namespace`), for the join. */
  aliases?: readonly string[];
  /** How many calls this sighting stands for (1 for a span; a link's callCount). */
  calls: number;
  errors: number;
  /** Ms since the epoch. */
  start: number | undefined;
  durationMs: number | undefined;
  file: string;
  line: number;
  /** The file of the other side, when a call's two spans were read from different files. */
  otherFile?: string;
}

/** Distinct alias names kept per call: enough for a host, a database and its system. */
const MAX_ALIASES = 4;

interface Entry {
  call: ObservedCall;
  aliases: Set<string>;
  latency: LatencyHistogram | undefined;
  sources: Set<string>;
}

export class CallTable {
  private readonly entries = new Map<string, Entry>();
  private from = Infinity;
  private to = -Infinity;

  add(s: CallSighting): void {
    const entry = this.entryOf(s);
    const call = entry.call;
    call.calls += s.calls;
    call.errors += s.errors;
    if (s.start !== undefined) {
      if (call.firstSeen === undefined || s.start < call.firstSeen) call.firstSeen = s.start;
      if (call.lastSeen === undefined || s.start > call.lastSeen) call.lastSeen = s.start;
    }
    if (s.durationMs !== undefined) (entry.latency ??= new LatencyHistogram()).add(s.durationMs, s.calls);
    if (s.aliases)
      for (const alias of s.aliases)
        if (alias !== s.callee && entry.aliases.size < MAX_ALIASES) entry.aliases.add(alias);
  }

  /** `count` durations of about `ms` (a bucket of a service-graph histogram). */
  addLatency(s: CallSighting, ms: number, count: number): void {
    if (count > 0) (this.entryOf(s).latency ??= new LatencyHistogram()).add(ms, count);
  }

  private entryOf(s: CallSighting): Entry {
    const key = `${s.caller}\0${s.callerNamespace ?? ''}\0${s.callee}\0${s.calleeNamespace ?? ''}\0${s.calleeKind}\0${s.protocol ?? ''}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const call: ObservedCall = {
        caller: s.caller,
        callee: s.callee,
        calleeKind: s.calleeKind,
        calls: 0,
        errors: 0,
        evidence: { file: s.file, line: s.line },
        sources: [],
      };
      if (s.callerNamespace !== undefined) call.callerNamespace = s.callerNamespace;
      if (s.calleeNamespace !== undefined) call.calleeNamespace = s.calleeNamespace;
      if (s.protocol !== undefined) call.protocol = s.protocol;
      entry = { call, aliases: new Set(), latency: undefined, sources: new Set() };
      this.entries.set(key, entry);
    }
    entry.sources.add(s.file);
    if (s.otherFile !== undefined) entry.sources.add(s.otherFile);
    return entry;
  }

  /** A time the input carries (any span, any sample), for the window of the observations. */
  seen(ms: number): void {
    if (ms < this.from) this.from = ms;
    if (ms > this.to) this.to = ms;
  }

  window(): { from: number; to: number } | undefined {
    return this.from <= this.to ? { from: this.from, to: this.to } : undefined;
  }

  /** The calls, in a stable order (caller, callee, protocol), with no call of zero count. */
  calls(): ObservedCall[] {
    const out: ObservedCall[] = [];
    for (const { call, aliases, latency, sources } of this.entries.values()) {
      if (call.calls === 0) continue;
      const percentiles = latency?.percentiles();
      if (percentiles) call.latencyMs = percentiles;
      if (aliases.size > 0) call.calleeAliases = [...aliases];
      call.sources = [...sources].sort();
      out.push(call);
    }
    const order = (c: ObservedCall) =>
      `${c.callerNamespace ?? ''}/${c.caller}\0${c.calleeNamespace ?? ''}/${c.callee}\0${c.calleeKind}\0${c.protocol ?? ''}`;
    return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }
}
