import type { ClientOf, InputOf, OutputOf, ParsedInputOf, PayloadOf } from './define';
import { auditEvents, auditProcedures } from './audit';
import { desktopEvents, desktopProcedures } from './desktop';
import { executorEvents, executorProcedures } from './executor';
import { predictionEvents, predictionProcedures } from './predictions';
import { registryEvents, registryProcedures } from './registry';
import { syncEvents, syncProcedures } from './sync';
import { systemEvents, systemProcedures } from './system';
import { trackingEvents, trackingProcedures } from './tracking';
import { trainingProcedures } from './training';
import { uploadEvents, uploadProcedures } from './uploads';

/**
 * The whole API, declared once. Each feature adds its procedures and events in its own
 * file and spreads them here; nothing else needs to change for a transport to serve them.
 */
export const procedures = {
  ...systemProcedures,
  ...trackingProcedures,
  ...executorProcedures,
  ...registryProcedures,
  ...desktopProcedures,
  ...syncProcedures,
  ...auditProcedures,
  ...trainingProcedures,
  ...uploadProcedures,
  ...predictionProcedures,
};

export const events = {
  ...systemEvents,
  ...trackingEvents,
  ...executorEvents,
  ...registryEvents,
  ...desktopEvents,
  ...syncEvents,
  ...auditEvents,
  ...uploadEvents,
  ...predictionEvents,
};

export type Procedures = typeof procedures;
export type Events = typeof events;
export type ProcedureName = keyof Procedures & string;
export type EventName = keyof Events & string;
export type Input<N extends ProcedureName> = InputOf<Procedures[N]>;
export type ParsedInput<N extends ProcedureName> = ParsedInputOf<Procedures[N]>;
export type Output<N extends ProcedureName> = OutputOf<Procedures[N]>;
export type Payload<E extends EventName> = PayloadOf<Events[E]>;
export type ApiClient = ClientOf<Procedures>;

export type { ApiErrorBody, RpcResult, KnownErrorCode } from './errors';
export type { EventEnvelope, NeuroOpsBridge } from './bridge';
