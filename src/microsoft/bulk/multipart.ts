import { randomBytes } from 'crypto'

export interface MultipartFile {
  /** The form field name. */
  field: string
  fileName: string
  contentType: string
  content: string
}

/**
 * A multipart/form-data body with one file (RFC 7578), as text: the Transport sends strings, and a CSV file is
 * text. The boundary is random and checked against the content so that it can never occur inside it.
 */
export function multipartBody(file: MultipartFile): { contentType: string; body: string } {
  let boundary = `----msads${randomBytes(12).toString('hex')}`
  while (file.content.includes(boundary)) boundary = `----msads${randomBytes(12).toString('hex')}`
  const safeName = file.fileName.replace(/["\r\n]/g, '_')
  const body =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${file.field}"; filename="${safeName}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n` +
    `${file.content}\r\n` +
    `--${boundary}--\r\n`
  return { contentType: `multipart/form-data; boundary=${boundary}`, body }
}
