// Apart from server.ts so that `neuroops serve --help` names them without loading the server.
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5001;
