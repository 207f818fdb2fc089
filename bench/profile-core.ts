import { prepareOfflineConversions } from '../src/conversions/deliver'
import { chunk } from '../src/microsoft/chunk'
import { offlineWorkload } from './workload'

/** `node --cpu-prof dist-bench/bench/profile-core.js`: the core's hot path alone, for a CPU profile. */
const now = Date.now()
const batches = chunk(offlineWorkload(10_000, now).inputs)
const options = { now: () => now, defaultPhoneCountry: 'US' as const }
let sink = 0
for (let round = 0; round < Number(process.env.ROUNDS ?? 60); round++) {
  for (const batch of batches)
    sink += JSON.stringify(prepareOfflineConversions(batch, options).groups.applyOfflineConversions).length
}
process.stdout.write(`${sink > 0 ? 'done' : ''}\n`)
