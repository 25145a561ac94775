import net from 'node:net';
import { AppError } from '../core/app-error';

/** Why the server cannot listen on host:port, said so that a person knows what to change. */
export function listenError(host: string, port: number, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EADDRINUSE':
      return new AppError(
        'PORT_IN_USE',
        `Port ${port} on ${host} is already in use (another NeuroOps or MLflow server?). Stop that program, or choose another port with --port (0 picks a free one).`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new AppError('HOST_UNKNOWN', `--host ${host} does not resolve to an address (${code}). Use 127.0.0.1 (this computer only), 0.0.0.0 (every network) or an address of this computer.`);
    case 'EADDRNOTAVAIL':
      return new AppError('HOST_UNKNOWN', `${host} is not an address of this computer. Use 127.0.0.1 (this computer only), 0.0.0.0 (every network) or one of this computer's own addresses.`);
    case 'EACCES':
      return new AppError('PERMISSION_DENIED', `Listening on port ${port} needs administrator rights. Use a port from 1024 up, e.g. --port ${5001}.`);
    default:
      return error;
  }
}

/**
 * Tries to listen on host:port and lets go at once. Start-up does this before it opens
 * the data folder, so a busy port or an unknown host leaves no new database behind.
 */
export async function checkCanListen(host: string, port: number): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, () => resolve());
    });
  } catch (error) {
    throw listenError(host, port, error);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
