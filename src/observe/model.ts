/**
 * Observed calls: what traces (OTLP JSON, Jaeger, Zipkin) and service-graph metrics
 * (Prometheus text) show a system really calls, read as a stream and folded into one call per
 * caller, callee and protocol. The join with the declared graph is join.ts's; the readers are
 * read.ts's. This file is the contract between them and the commands.
 */
import type { ObservedSummary } from '../graph/types.js';

/** Input formats, told apart by content unless `--observed-format` names one. */
export type ObservedFormat =
  'otlp' | 'jaeger' | 'jaeger-dependencies' | 'zipkin' | 'zipkin-dependencies' | 'prometheus';

/** What an observed callee is, by the semantic conventions (`db.system.name`, `messaging.system`, a peer). */
export type CalleeKind = 'service' | 'database' | 'queue' | 'external';

export interface ObservedCall {
  /** The calling service: its `service.name`. */
  caller: string;
  /** Its `service.namespace`, when set. */
  callerNamespace?: string;
  /** The called service, peer, database or queue, as the spans name it. */
  callee: string;
  calleeNamespace?: string;
  /**
   * Other names the spans give the callee (`server.address`, `db.namespace`, the system),
   * tried by the join after `callee`: a database is named by its host as often as by its
   * database name.
   */
  calleeAliases?: string[];
  calleeKind: CalleeKind;
  /** `http`, `grpc`, `kafka`, `postgresql`…: from rpc.system, http.request.method / url.scheme, messaging.system, db.system. */
  protocol?: string;
  calls: number;
  errors: number;
  /** Ms since the epoch, when the input carries times. */
  firstSeen?: number;
  lastSeen?: number;
  /** Where spans give durations. */
  latencyMs?: { p50: number; p95: number; p99: number };
  /** The first record that showed the call. */
  evidence: { file: string; line: number };
  /** Input files that showed it. */
  sources: string[];
}

/** Everything read from the `--observed` files. */
export interface ObservedInput {
  calls: ObservedCall[];
  files: ObservedSummary['files'];
  problems: ObservedSummary['problems'];
  /** Ms since the epoch: the first and last time the inputs carry. */
  window?: { from: number; to: number };
}
