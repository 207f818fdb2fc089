/** The fixed clock of every fixture: conversion times and the 90-day and 7-day windows are relative to it. */
export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)

/** Fakes Date only, so the timers of HTTP clients keep running. */
export function freezeClock(): void {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance'
    ]
  })
}

export function releaseClock(): void {
  jest.useRealTimers()
}

/** Each case's `mockFns` (rudder-transformer calls it before the case): the fixtures' clock. */
export function mockFns(_mockAdapter?: unknown): void {
  freezeClock()
}
