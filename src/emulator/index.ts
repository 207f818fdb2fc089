export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './start'
export {
  DEFAULT_SEED,
  mergeSeed,
  type EmulatorSeed,
  type SeedAccount,
  type SeedClick,
  type SeedCredentials,
  type SeedCustomer,
  type SeedGoal,
  type SeedGoalRevenue,
  type SeedTag
} from './seed'
export { DEFAULT_OPTIONS, type EmulatorOptions } from './options'
export { FAULT_KINDS, type FaultConfig, type FaultKind } from './faults/fault-plan'
export type { StateSnapshot } from './state/snapshot'
export type { StoredRecord, DuplicateSeen } from './state/record-book'
export { runEmulatorCommand, type EmulatorCommandIo } from './cli'
