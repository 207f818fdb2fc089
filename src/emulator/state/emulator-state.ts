import type {
  CapiEvent,
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../../microsoft/models'
import { BulkJobs } from '../bulk/bulk-jobs'
import { FaultPlan } from '../faults/fault-plan'
import { TokenStore } from '../identity/token-store'
import type { EmulatorOptions } from '../options'
import { cloneSeed, type EmulatorSeed } from '../seed'
import { Counters } from './counters'
import { Directory } from './directory'
import { RecordBook } from './record-book'
import type { UetTagEvent } from './uet-tag-event'
import { ReportFiles } from './report-files'
import { UploadLedger } from './upload-ledger'

export interface RecordBooks {
  offlineConversions: RecordBook<OfflineConversion>
  offlineConversionAdjustments: RecordBook<OfflineConversionAdjustment>
  onlineConversionAdjustments: RecordBook<OnlineConversionAdjustment>
  capiEvents: RecordBook<CapiEvent>
  /** Custom events of the UET JavaScript tag, which Microsoft dedupes with CAPI events (tag + eventId + eventName). */
  uetTagEvents: RecordBook<UetTagEvent>
}

function emptyBooks(): RecordBooks {
  return {
    offlineConversions: new RecordBook(),
    offlineConversionAdjustments: new RecordBook(),
    onlineConversionAdjustments: new RecordBook(),
    capiEvents: new RecordBook(),
    uetTagEvents: new RecordBook()
  }
}

/** Everything the emulator knows. `reset` rebuilds it from the active seed and the startup options. */
export class EmulatorState {
  seed: EmulatorSeed
  options: EmulatorOptions
  directory: Directory
  tokens: TokenStore
  records: RecordBooks = emptyBooks()
  /** Every item uploaded, with what it was answered, for the offline conversion reports. */
  uploads = new UploadLedger()
  /** The signed URLs of the offline conversion reports' detail files. */
  reportFiles = new ReportFiles()
  /** CAPI `customData.transactionId` → event time (ms), for online adjustments. */
  transactions = new Map<string, number>()
  counters = new Counters()
  /** Bulk upload requests and the Bulk faults. */
  bulk = new BulkJobs()
  readonly faults = new FaultPlan()

  private readonly startupSeed: EmulatorSeed

  constructor(
    seed: EmulatorSeed,
    private readonly startupOptions: EmulatorOptions,
    readonly now: () => number
  ) {
    this.startupSeed = cloneSeed(seed)
    this.seed = cloneSeed(seed)
    this.options = { ...startupOptions }
    this.directory = new Directory(this.seed, now())
    this.tokens = new TokenStore(this.seed.credentials)
  }

  /** Back to the active seed (or a new one): records, tokens, counters, faults and options start over. */
  reset(seed: EmulatorSeed = this.seed): void {
    this.seed = cloneSeed(seed)
    this.options = { ...this.startupOptions }
    this.directory = new Directory(this.seed, this.now())
    this.tokens = new TokenStore(this.seed.credentials)
    this.records = emptyBooks()
    this.uploads = new UploadLedger()
    this.reportFiles = new ReportFiles()
    this.transactions = new Map()
    this.counters = new Counters()
    this.bulk = new BulkJobs()
    this.faults.clear()
  }

  /** Like reset, with the seed the emulator started with instead of the active one. */
  resetToStartup(): void {
    this.reset(this.startupSeed)
  }
}
