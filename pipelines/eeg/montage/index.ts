export { standardNames, standardPosition } from './standard-1005';
export type { Xyz } from './standard-1005';
export { channelPositions } from './channel-positions';
export type { ChannelPositions, ElectrodesTable } from './channel-positions';
export { readElectrodes } from './read-electrodes';
