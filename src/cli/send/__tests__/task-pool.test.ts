import { TaskPool } from '../task-pool'

describe('the task pool', () => {
  it('holds a submit while the pool is full, and lets it in once a task finishes', async () => {
    const pool = new TaskPool(1)
    let finishFirst!: () => void
    await pool.submit(() => new Promise<void>((resolve) => (finishFirst = resolve)))
    let secondIn = false
    const second = pool.submit(async () => undefined).then(() => (secondIn = true))
    await Promise.resolve()
    expect(secondIn).toBe(false)
    expect(pool.inFlight).toBe(1)
    finishFirst()
    await second
    await pool.drain()
    expect(pool.inFlight).toBe(0)
  })

  it("rethrows the first task's rejection on drain, even a rejection with undefined", async () => {
    const failing = new TaskPool(2)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    await failing.submit(() => gate.then(() => Promise.reject(new Error('first'))))
    await failing.submit(() =>
      gate.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => Promise.reject(new Error('second')))
    )
    release()
    await expect(failing.drain()).rejects.toThrow('first')
    await expect(failing.submit(async () => undefined)).rejects.toThrow('first')

    const undefinedRejection = new TaskPool(2)
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
    await undefinedRejection.submit(() => Promise.reject(undefined))
    let settled: 'resolved' | 'rejected' | undefined
    await undefinedRejection.drain().then(
      () => (settled = 'resolved'),
      () => (settled = 'rejected')
    )
    expect(settled).toBe('rejected')
  })
})
