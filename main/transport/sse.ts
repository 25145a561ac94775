import type http from 'node:http';
import type { EventBus } from '../core/event-bus';

const HEARTBEAT_MS = 15_000;

/**
 * Streams every core event to one browser as Server-Sent Events. A comment line every
 * few seconds keeps proxies from closing an idle stream and lets the client notice a
 * dead server.
 */
export function streamEvents(req: http.IncomingMessage, res: http.ServerResponse, events: EventBus): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = events.subscribe((envelope) => {
    res.write(`data: ${JSON.stringify(envelope)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('close', stop);
}
