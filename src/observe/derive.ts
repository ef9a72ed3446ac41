/**
 * Calls from spans, by the OpenTelemetry semantic conventions. Pure: spans in, sightings
 * into a CallTable out.
 *
 * - A CLIENT or PRODUCER span whose child SERVER or CONSUMER span has another service is a
 *   call between the two services (a Zipkin server span sharing its client's id counts as
 *   its child).
 * - A CLIENT span to a database (`db.system.name` / `db.system`) is a call to that database,
 *   named by `db.namespace`, else `server.address`, else the system; the other names go to the
 *   join as aliases. Databases are not instrumented, so it is counted at once.
 * - A PRODUCER (or CLIENT) span with `messaging.system` and `messaging.destination.name` is a
 *   call to the queue; so is a CONSUMER span with them: the consumer uses the queue, as a
 *   manifest declares it (`services: [{ name: orders-events, kind: queue }]` on both sides).
 *   There is no producer → consumer edge besides: the queue is between them.
 * - A CLIENT span no child answers is a call to the peer its attributes name:
 *   `service.peer.name` / `peer.service` (kind service), else `server.address` (kind
 *   external); without any, it is dropped.
 *
 * Spans of one call are written apart (each service exports its own batches), so the two
 * sides wait for each other in a bounded window: a pending CLIENT span and a pending SERVER
 * span are kept by span id for {@link PENDING_WINDOW} later spans, then evicted (an evicted
 * CLIENT span counts as a call to its peer, as above). Memory is bounded by the window,
 * whatever the file size.
 */
import type { CallSighting, CallTable } from './call-table.js';
import { protocolOf, type SpanRecord } from './span.js';

/** Spans a pending call side waits for the other: about 30 MB of pending spans at most. */
export const PENDING_WINDOW = 200_000;

interface Pending {
  span: SpanRecord;
  seq: number;
  /** The span id it is waiting under: its own (a client), or its parent's (a server). */
  key: string;
  client: boolean;
}

export class SpanFold {
  private readonly clients = new Map<string, Pending>();
  private readonly servers = new Map<string, Pending>();
  private readonly ring: (Pending | undefined)[];
  private seq = 0;

  constructor(
    private readonly table: CallTable,
    private readonly window = PENDING_WINDOW,
  ) {
    this.ring = new Array<Pending | undefined>(window);
  }

  /** A span that is no side of a call (INTERNAL): it only moves the window on. */
  tick(): void {
    this.expire();
    this.place(undefined);
  }

  add(span: SpanRecord): void {
    this.expire();
    const { facts } = span;
    if (span.kind === 'client' || span.kind === 'producer') {
      if (span.kind === 'client' && facts.dbSystem !== undefined) return this.toDatabase(span);
      if (facts.messagingSystem !== undefined && facts.destination !== undefined) return this.toQueue(span);
      const server = this.servers.get(span.spanId);
      if (server === undefined) return this.place({ span, seq: this.seq, key: span.spanId, client: true });
      this.drop(this.servers, server);
      this.place(undefined);
      return this.matched(span, server.span);
    }
    if (span.kind === 'consumer' && facts.messagingSystem !== undefined && facts.destination !== undefined)
      return this.toQueue(span);
    if (span.parentId === undefined) return this.place(undefined);
    const client = this.clients.get(span.parentId);
    if (client === undefined) return this.place({ span, seq: this.seq, key: span.parentId, client: false });
    this.drop(this.clients, client);
    this.place(undefined);
    this.matched(client.span, span);
  }

  /** The end of the input: every client still waiting counts as a call to its peer. */
  finish(): void {
    for (const pending of this.clients.values()) this.toPeer(pending.span);
    this.clients.clear();
    this.servers.clear();
    this.ring.fill(undefined);
  }

  /** Evicts what has waited a whole window, before the next span is looked at. */
  private expire(): void {
    const slot = this.seq % this.window;
    const old = this.ring[slot];
    if (old === undefined) return;
    this.ring[slot] = undefined;
    const map = old.client ? this.clients : this.servers;
    if (map.get(old.key) !== old) return;
    map.delete(old.key);
    if (old.client) this.toPeer(old.span);
  }

  /** Takes the current span's place in the window, pending or not. */
  private place(pending: Pending | undefined): void {
    if (pending !== undefined) {
      this.ring[this.seq % this.window] = pending;
      (pending.client ? this.clients : this.servers).set(pending.key, pending);
    }
    this.seq++;
  }

  private drop(map: Map<string, Pending>, pending: Pending): void {
    map.delete(pending.key);
    const slot = pending.seq % this.window;
    if (this.ring[slot] === pending) this.ring[slot] = undefined;
  }

  private matched(client: SpanRecord, server: SpanRecord): void {
    if (client.service === server.service && client.namespace === server.namespace) return;
    const status = server.facts.httpStatus;
    const aliases = [client.facts.peerService, client.facts.serverAddress].filter(
      (name): name is string => name !== undefined && name !== server.service,
    );
    this.table.add({
      ...sightingOf(client),
      callee: server.service,
      calleeNamespace: server.namespace,
      calleeKind: 'service',
      protocol: protocolOf(client.facts) ?? protocolOf(server.facts),
      aliases,
      errors: client.error || server.error || (status !== undefined && status >= 500) ? 1 : 0,
      durationMs: client.durationMs ?? server.durationMs,
      otherFile: server.file,
    });
  }

  private toDatabase(span: SpanRecord): void {
    this.place(undefined);
    const { dbNamespace, serverAddress, dbSystem } = span.facts;
    const names = [dbNamespace, serverAddress, dbSystem].filter((name): name is string => name !== undefined);
    this.table.add({
      ...sightingOf(span),
      callee: names[0] as string,
      calleeKind: 'database',
      protocol: dbSystem,
      aliases: names.slice(1),
    });
  }

  private toQueue(span: SpanRecord): void {
    this.place(undefined);
    this.table.add({
      ...sightingOf(span),
      callee: span.facts.destination as string,
      calleeKind: 'queue',
      protocol: span.facts.messagingSystem,
    });
  }

  private toPeer(span: SpanRecord): void {
    const { peerService, serverAddress } = span.facts;
    const name = peerService ?? serverAddress;
    if (name === undefined || name === span.service) return;
    this.table.add({
      ...sightingOf(span),
      callee: name,
      calleeKind: peerService !== undefined ? 'service' : 'external',
      protocol: protocolOf(span.facts),
      aliases: peerService !== undefined && serverAddress !== undefined ? [serverAddress] : [],
    });
  }
}

/** The caller's side of a sighting: who, when, how long, where it was read. */
function sightingOf(span: SpanRecord): CallSighting {
  return {
    caller: span.service,
    callerNamespace: span.namespace,
    callee: '',
    calleeNamespace: undefined,
    calleeKind: 'service',
    protocol: undefined,
    calls: 1,
    errors: span.error ? 1 : 0,
    start: span.start,
    durationMs: span.durationMs,
    file: span.file,
    line: span.line,
  };
}
