import { redactText, redactValue } from './redact'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export type LogSink = (line: string) => void

/** A JSON-lines logger whose every line goes through redaction. */
export function createLogger(options: { level?: LogLevel; sink?: LogSink; name?: string } = {}): Logger {
  const threshold = ORDER[options.level ?? 'info']
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`))
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < threshold) return
    const entry = {
      time: new Date().toISOString(),
      level,
      ...(options.name ? { name: options.name } : {}),
      message: redactText(message),
      ...(fields ? redactValue(fields) : {})
    }
    sink(JSON.stringify(entry))
  }
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f)
  }
}

const ignore = (): void => undefined
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore }
