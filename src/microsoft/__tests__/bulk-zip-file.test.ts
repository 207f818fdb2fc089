import { unzipSync } from 'fflate'
import { BOM, multipartBody, zipBulkFile } from '../bulk'

describe('zipBulkFile', () => {
  it('packs the CSV as the one entry of an archive named after it', () => {
    const content = `${BOM}Type,Name\r\nFormat Version,6.0\r\nOffline Conversion,é ü 日本\r\n`
    const zipped = zipBulkFile({ name: 'msads-conversions-1.csv', content })
    expect(zipped.name).toBe('msads-conversions-1.zip')
    const entries = unzipSync(zipped.content)
    expect(Object.keys(entries)).toEqual(['msads-conversions-1.csv'])
    expect(Buffer.from(entries['msads-conversions-1.csv']).toString('utf8')).toBe(content)
  })

  it('gives the same archive for the same CSV, whenever it is built', () => {
    const file = { name: 'a.csv', content: `${BOM}Type\r\n` }
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 1) })
    try {
      const first = Buffer.from(zipBulkFile(file).content)
      jest.setSystemTime(Date.UTC(2026, 5, 1, 12, 0, 7))
      expect(Buffer.from(zipBulkFile(file).content)).toEqual(first)
    } finally {
      jest.useRealTimers()
    }
  })

  it('gives an entry without the .csv extension one', () => {
    const zipped = zipBulkFile({ name: 'backfill', content: `${BOM}Type\r\n` })
    expect(zipped.name).toBe('backfill.zip')
    expect(Object.keys(unzipSync(zipped.content))).toEqual(['backfill.csv'])
  })
})

describe('multipartBody with bytes', () => {
  it('keeps every byte of the file and a boundary that does not occur in it', () => {
    const bytes = Uint8Array.from({ length: 256 * 4 }, (_, index) => index % 256)
    const { contentType, body } = multipartBody({
      field: 'file',
      fileName: 'upload.zip',
      contentType: 'application/zip',
      content: bytes
    })
    expect(typeof body).not.toBe('string')
    const boundary = /boundary=(\S+)/.exec(contentType)?.[1] as string
    const raw = Buffer.from(body)
    const head = raw.indexOf('\r\n\r\n') + 4
    const tail = raw.lastIndexOf(`\r\n--${boundary}--\r\n`)
    expect(raw.subarray(0, head).toString()).toContain('filename="upload.zip"')
    expect(raw.subarray(0, head).toString()).toContain('Content-Type: application/zip')
    expect(Buffer.compare(raw.subarray(head, tail), Buffer.from(bytes))).toBe(0)
    expect(Buffer.from(bytes).includes(boundary)).toBe(false)
  })

  it('stays text for a text file', () => {
    expect(typeof multipartBody({ field: 'f', fileName: 'a.csv', contentType: 'text/csv', content: 'x' }).body).toBe(
      'string'
    )
  })
})
