import { join } from 'node:path'
import { MICROSOFT_CODES, MICROSOFT_NAMED_ERRORS } from '../src/microsoft/error-codes'
import { UNATTRIBUTED_REASON_INFO } from '../src/microsoft/unattributed-reasons'
import { CAPI_ERROR_CODES, OWN_REASONS } from '../src/reasons'
import { emittedReasons, reasonsIn } from '../scripts/reasons/emitted-reasons'
import { ownReasonsTable } from '../scripts/docs/troubleshooting-tables'

/** Files that hold the tables themselves, or write another system's vocabulary rather than outcomes. */
const NOT_EMITTERS = new Set([
  'src/reasons.ts',
  'src/microsoft/error-codes.ts',
  'src/microsoft/unattributed-reasons.ts'
])

const LISTED = new Set([
  ...OWN_REASONS.map(({ reason }) => reason),
  ...CAPI_ERROR_CODES.map(({ reason }) => reason),
  ...[...MICROSOFT_CODES.values()].map(({ errorCode }) => errorCode),
  ...MICROSOFT_NAMED_ERRORS.keys(),
  ...UNATTRIBUTED_REASON_INFO.map(({ reason }) => reason)
])

describe('every reason the code emits is in a table', () => {
  const emitted = emittedReasons(
    join(__dirname, '..'),
    ['src', 'destinations'],
    (path) => path.startsWith('src/emulator') || NOT_EMITTERS.has(path)
  )

  it('finds the reasons of the outcome constructors, reason properties and reason constants', () => {
    const reasons = new Set(emitted.map(({ reason }) => reason))
    for (const reason of ['bulk_upload_failed', 'no_tag_auth_key', 'invalid_config', 'unexpected_error', 'written'])
      expect(reasons).toContain(reason)
  })

  it('lists each in src/reasons.ts (or Microsoft’s code tables)', () => {
    const unlisted = emitted.filter(({ reason }) => !LISTED.has(reason)).map((e) => `${e.file}:${e.line} ${e.reason}`)
    expect(unlisted).toEqual([])
  })

  it('fails on an unlisted reason written any of those ways', () => {
    const source = [
      "return rejected('made_up_one', 'x')",
      "return retry(\n  status === 429 ? 'rate_limited' : 'made_up_two',\n  'x')",
      "const outcome = { outcome: 'retry', reason: 'made_up_three', status: 503 }",
      "export const MADE_UP_REASON = 'made_up_four'",
      "// rejected('in_a_comment', 'x')"
    ].join('\n')
    const unlisted = reasonsIn(source, 'planted.ts').filter(({ reason }) => !LISTED.has(reason))
    expect(unlisted.map(({ reason, line }) => `${line} ${reason}`)).toEqual([
      '1 made_up_one',
      '2 made_up_two',
      '5 made_up_three',
      '6 made_up_four'
    ])
  })

  it('documents each of its own reasons in the generated troubleshooting table', () => {
    const table = ownReasonsTable()
    for (const { reason } of OWN_REASONS) expect(table).toContain(`\`${reason}\``)
  })
})
