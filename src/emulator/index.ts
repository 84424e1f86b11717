// hwcloud-media/emulator: a local emulator of the MPC and VOD APIs and the gateway in front of them.
// Node only (node:http, node:crypto); the client entry stays portable.
export { startEmulator } from './server.js';
export { buildResponseValidator, loadBundledSpec } from './spec.js';
export type {
  AppliedOperation,
  EmulatedApi,
  EmulatorFaults,
  EmulatorOptions,
  EmulatorState,
  EmulatorTenant,
  FaultAction,
  FaultRule,
  MpcTaskSeed,
  MpcTaskStatus,
  RunningEmulator,
  VodAssetSeed,
  VodTranscodeStatus,
} from './types.js';
