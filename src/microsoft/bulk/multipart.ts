import { randomBytes } from 'crypto'

export interface MultipartFile {
  /** The form field name. */
  field: string
  fileName: string
  contentType: string
  /** Text (a CSV file) or bytes (a ZIP archive). */
  content: string | Uint8Array
}

function newBoundary(): string {
  return `----msads${randomBytes(12).toString('hex')}`
}

/**
 * A multipart/form-data body with one file (RFC 7578): text for a text file, bytes for a binary one. The boundary
 * is random and checked against the content so that it can never occur inside it.
 */
export function multipartBody(file: MultipartFile): { contentType: string; body: string | Uint8Array<ArrayBuffer> } {
  const content = typeof file.content === 'string' ? file.content : Buffer.from(file.content)
  let boundary = newBoundary()
  while (content.includes(boundary)) boundary = newBoundary()
  const safeName = file.fileName.replace(/["\r\n]/g, '_')
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${file.field}"; filename="${safeName}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`
  const tail = `\r\n--${boundary}--\r\n`
  const contentType = `multipart/form-data; boundary=${boundary}`
  if (typeof content === 'string') return { contentType, body: `${head}${content}${tail}` }
  return { contentType, body: Buffer.concat([Buffer.from(head), content, Buffer.from(tail)]) }
}
