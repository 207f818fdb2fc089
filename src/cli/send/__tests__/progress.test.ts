/** Progress by events once their count is known; the count of a file's events. */
import { mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { countEvents, Progress, type ProgressSnapshot } from '../progress'

async function drawnOnce(snapshot: () => ProgressSnapshot, isTTY: boolean): Promise<string> {
  const written: string[] = []
  const progress = new Progress({ write: (text: string) => written.push(text), isTTY }, snapshot, {
    enabled: true,
    intervalMs: 5
  })
  progress.start()
  for (let attempt = 0; attempt < 100 && !written.length; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 10))
  progress.stop()
  return written[0]
}

describe('progress', () => {
  // The reader is far ahead of what is done: 90% of the bytes read, 20% of the events finished.
  const ahead = () => ({
    linesRead: 3600,
    finished: 800,
    failed: 2,
    bytesRead: 180,
    totalBytes: 200,
    totalEvents: 4000
  })

  it('shows the share of events done once the count is known, not the share of bytes read', async () => {
    expect(await drawnOnce(ahead, false)).toMatch(
      /^progress: 3,600 lines read, 800 done \(20% of 4,000 events\), 2 not delivered/
    )
    expect(await drawnOnce(ahead, true)).toMatch(/^\r\[#####\.{19}\] 20% 800\/4,000 events done, 2 not delivered/)
  })

  it('shows the share of bytes only while the count is unknown', async () => {
    const counting = () => ({ ...ahead(), totalEvents: undefined })
    expect(await drawnOnce(counting, false)).toMatch(
      /^progress: 3,600 lines read \(90% of the file\), 800 done, 2 not delivered/
    )
  })

  it('counts the events of a file: lines that are not blank, less the CSV header', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'msads-count-'))
    try {
      writeFileSync(join(directory, 'a.ndjson'), '{"a":1}\n\n  \n{"a":2}\r\n{"a":3}')
      writeFileSync(join(directory, 'b.csv'), 'conversionName,conversionTime\nPurchase,2026-01-01\nLead,2026-01-02\n')
      expect(await countEvents(join(directory, 'a.ndjson'), 'ndjson')).toBe(3)
      expect(await countEvents(join(directory, 'b.csv'), 'csv')).toBe(2)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('writes a line every interval when stderr is not a terminal, and a bar in place when it is', async () => {
    const lines: string[] = []
    const snapshot = () => ({ linesRead: 1200, finished: 1000, failed: 3, bytesRead: 50, totalBytes: 200 })
    const plain = new Progress({ write: (text: string) => lines.push(text) }, snapshot, {
      enabled: true,
      intervalMs: 5
    })
    plain.start()
    await new Promise((resolve) => setTimeout(resolve, 30))
    plain.stop()
    expect(lines.length).toBeGreaterThan(0)
    expect(lines[0]).toMatch(/^progress: 1,200 lines read \(25% of the file\), 1,000 done, 3 not delivered/)

    const drawn: string[] = []
    const bar = new Progress({ write: (text: string) => drawn.push(text), isTTY: true }, snapshot, { enabled: true })
    bar.start()
    await new Promise((resolve) => setTimeout(resolve, 250))
    bar.stop()
    // 25% of the bytes read, 1,000 of the 1,200 lines read done: about 20% of the events.
    expect(drawn[0]).toMatch(/^\r\[#####\.+\] 20% 1,000 events done/)
    expect(drawn.at(-1)).toBe('\r\x1b[K')
  })

  it('never goes backwards when the count of events arrives', () => {
    const drawn: string[] = []
    let snapshot: ProgressSnapshot = { linesRead: 2000, finished: 1900, failed: 0, bytesRead: 38, totalBytes: 100 }
    const progress = new Progress(
      { write: (text: string) => drawn.push(text), isTTY: true, columns: 120 },
      () => snapshot
    )
    progress.draw()
    expect(drawn.at(-1)).toMatch(/\] 36% 1,900 events done/)
    // The count says 20,000 events: 2,017 done is 10%, less than shown; the share holds until it is passed.
    snapshot = { ...snapshot, finished: 2017, totalEvents: 20_000 }
    progress.draw()
    expect(drawn.at(-1)).toMatch(/\] 36% 2,017\/20,000 events done/)
    snapshot = { ...snapshot, finished: 8000 }
    progress.draw()
    expect(drawn.at(-1)).toMatch(/\] 40% 8,000\/20,000 events done/)
  })

  it('keeps the bar within the terminal width, and says when it waits and how long is left', () => {
    let now = 1_000_000
    const drawn: string[] = []
    const snapshot: ProgressSnapshot = {
      linesRead: 123_456_789,
      finished: 61_728_395,
      failed: 1_234_567,
      bytesRead: 1,
      totalBytes: 2,
      totalEvents: 123_456_789
    }
    const progress = new Progress(
      { write: (text: string) => drawn.push(text), isTTY: true, columns: 80 },
      () => snapshot,
      {
        enabled: true,
        now: () => now
      }
    )
    now += 60_000
    progress.draw()
    const visible = (text: string) => text.replace('\r', '').replace('\x1b[K', '')
    expect(visible(drawn.at(-1)!).length).toBeLessThan(80)
    expect(visible(drawn.at(-1)!)).toMatch(/^\[#{12}\.{12}\] 50% 61,728,395\/123,456,789 events done/)

    const wide = new Progress(
      { write: (text: string) => drawn.push(text), isTTY: true, columns: 200 },
      () => snapshot,
      {
        enabled: true,
        now: () => now
      }
    )
    now += 60_000
    wide.draw()
    expect(drawn.at(-1)).toMatch(/, about 1m 00s left\x1b\[K$/)
    snapshot.waiting = { untilMs: now + 42_000, why: 'Microsoft is throttling calls' }
    wide.draw()
    expect(drawn.at(-1)).toMatch(/, waiting 42s: Microsoft is throttling calls\x1b\[K$/)
    now += 43_000
    wide.draw()
    expect(drawn.at(-1)).not.toMatch(/waiting/)
  })
})
