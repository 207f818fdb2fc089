import type { ServerResponse } from 'http'

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  if (response.headersSent || response.destroyed) return
  const text = `${JSON.stringify(body)}\n`
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers
  })
  response.end(text)
}

export function sendText(response: ServerResponse, status: number, text: string, contentType: string): void {
  if (response.headersSent || response.destroyed) return
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)) })
  response.end(text)
}

/** Every error answer of the server: `{"error":{"status","code","message"}}`. */
export function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {}
): void {
  sendJson(response, status, { error: { status, code, message } }, headers)
}
