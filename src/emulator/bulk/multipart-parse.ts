/** One part of a multipart/form-data body. */
export interface FormPart {
  name?: string
  fileName?: string
  content: string
}

/** The boundary of a multipart/form-data Content-Type, if it is one. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

/** Splits a multipart/form-data body (RFC 7578) into its parts; undefined when it is not well formed. */
export function parseMultipart(body: string, boundary: string): FormPart[] | undefined {
  const delimiter = `--${boundary}`
  const sections = body.split(delimiter)
  if (sections.length < 2) return undefined
  const parts: FormPart[] = []
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) return parts
    const text = section.startsWith('\r\n') ? section.slice(2) : section
    const headerEnd = text.indexOf('\r\n\r\n')
    if (headerEnd < 0) return undefined
    const headers = text.slice(0, headerEnd)
    const content = text.slice(headerEnd + 4).replace(/\r\n$/, '')
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
    parts.push({ ...(name !== undefined ? { name } : {}), ...(fileName !== undefined ? { fileName } : {}), content })
  }
  return undefined
}
