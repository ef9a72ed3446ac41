/**
 * One service of the trace tests, in its own process as in production: the real
 * OpenTelemetry SDK with its HTTP instrumentation, a real HTTP server on 127.0.0.1, and an
 * in-memory exporter whose spans are written, when the parent asks, as OTLP JSON by the
 * official serializer (one ExportTraceServiceRequest per batch, as the Collector's file
 * exporter writes them).
 *
 * argv: <service.name> <routes JSON> <output file>. Routes: path → list of steps, each
 * `{ call: url, peer?: name }` (an HTTP call downstream), `{ db: {...attributes} }` (a database
 * CLIENT span, as a database driver's instrumentation makes), `{ produce: {...} }` /
 * `{ consume: {...} }` (messaging spans), or `{ status: 503 }` (the answer).
 * Messages from the parent: 'flush' → writes the output file and exits.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const [service, routesJson, output] = process.argv.slice(2);
const routes = JSON.parse(routesJson);
const peers = new Map(); // port → peer.service for uninstrumented peers
for (const steps of Object.values(routes))
  for (const step of steps) if (step.peer) peers.set(new URL(step.call).port, step.peer);

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service, 'service.namespace': 'shop' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
provider.register();
registerInstrumentations({
  instrumentations: [
    new HttpInstrumentation({
      // How teams name an uninstrumented peer: the peer.service attribute on the client span.
      startOutgoingSpanHook: (request) => {
        const peer = peers.get(String(request.port));
        return peer ? { 'peer.service': peer } : {};
      },
    }),
  ],
});
// Loaded after the instrumentation is registered, so that it is patched.
const http = createRequire(import.meta.url)('node:http');
const tracer = trace.getTracer('otel-service-test');

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      })
      .on('error', reject);
  });
}

function manualSpan(name, kind, attributes, error = false) {
  const span = tracer.startSpan(name, { kind, attributes });
  if (error) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

const server = http.createServer(async (req, res) => {
  let status = 200;
  for (const step of routes[new URL(req.url, 'http://x').pathname] ?? []) {
    if (step.call) await get(step.call);
    if (step.db) manualSpan(`SELECT ${step.db['db.namespace']}`, SpanKind.CLIENT, step.db, step.error);
    if (step.produce) manualSpan(`send ${step.produce['messaging.destination.name']}`, SpanKind.PRODUCER, step.produce);
    if (step.consume) manualSpan(`process ${step.consume['messaging.destination.name']}`, SpanKind.CONSUMER, step.consume);
    if (step.status) status = step.status;
  }
  res.writeHead(status);
  res.end(String(status));
});

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));

process.on('message', async (message) => {
  if (message !== 'flush') return;
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  // Batches of 3 spans, one request per line, as the Collector's file exporter writes them.
  const lines = [];
  for (let i = 0; i < spans.length; i += 3)
    lines.push(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans.slice(i, i + 3))));
  writeFileSync(output, lines.join('\n') + '\n');
  server.close();
  await provider.shutdown();
  process.exit(0);
});
