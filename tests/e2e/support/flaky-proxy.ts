import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the remote that fails like a bad network: after `allow`
 * requests it loses the connection. In 'after' mode it forwards that request first and
 * drops only the answer (the remote did the work; the client cannot know), in 'before'
 * mode the request never arrives. From then on every request is dropped until `reset`.
 */
export interface FlakyProxy {
  url: string;
  /** Requests forwarded since the last reset. */
  forwarded(): number;
  reset(options: { allow: number; mode: 'before' | 'after' } | null): void;
  /** Called with the running count as each request is forwarded (e.g. to kill the remote). */
  onForward?: (count: number) => void;
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const upstream = new URL(target);
  let plan: { allow: number; mode: 'before' | 'after' } | null = null;
  let count = 0;
  let down = false;
  const proxy: FlakyProxy = {
    url: '',
    forwarded: () => count,
    reset(options) {
      plan = options;
      count = 0;
      down = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const dropping = down || (plan !== null && count >= plan.allow && plan.mode === 'before');
    if (dropping) {
      down = true;
      req.socket.destroy();
      return;
    }
    count += 1;
    const loseAnswer = plan !== null && count > plan.allow && plan.mode === 'after';
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        if (loseAnswer) {
          down = true;
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    proxy.onForward?.(count);
    req.pipe(forward);
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
