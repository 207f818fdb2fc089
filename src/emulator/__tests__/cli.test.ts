import { runEmulatorCommand } from '../cli'

function capture() {
  let text = ''
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text }
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('msads emulator', () => {
  it('starts on the given port, prints the URL and the demo credentials, and stops when told', async () => {
    const out = capture()
    const err = capture()
    const stop = new AbortController()
    const running = runEmulatorCommand(['--port', '0'], { stdout: out.stream, stderr: err.stream, stop: stop.signal })
    await until(() => out.text().includes('Press Ctrl+C'))
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.text())?.[1] as string
    expect(out.text()).toContain(`export MSADS_API_BASE_URL=${url}`)
    for (const value of [
      '7d3c1f0e-5b2a-4c8d-9e6f-a1b2c3d4e5f6',
      'emulator-demo-client-secret',
      'emulator-demo-refresh-token',
      'EMULATORDEVTOKEN',
      '100000001',
      '200000001',
      '400000001',
      'Purchase, Lead, Sign Up, Subscribe, Add to Cart'
    ]) {
      expect(out.text()).toContain(value)
    }
    expect((await fetch(`${url}/__emulator/health`)).status).toBe(200)
    stop.abort()
    expect(await running).toBe(0)
    expect(out.text()).toContain('Emulator stopped.')
    await expect(fetch(`${url}/__emulator/health`)).rejects.toThrow()
    expect(err.text()).toBe('')
  })

  it('refuses unknown arguments and a bad port with exit code 2', async () => {
    for (const argv of [['--colour'], ['--port', 'abc'], ['--port=70000']]) {
      const err = capture()
      expect(await runEmulatorCommand(argv, { stdout: capture().stream, stderr: err.stream })).toBe(2)
      expect(err.text()).toContain('Usage: msads emulator')
    }
  })

  it('fails with exit code 1 when the seed file is missing or the port is taken', async () => {
    const err = capture()
    expect(
      await runEmulatorCommand(['--port', '0', '--seed', '/nonexistent/seed.json'], {
        stdout: capture().stream,
        stderr: err.stream
      })
    ).toBe(1)
    expect(err.text()).toContain('could not start')

    const out = capture()
    const stop = new AbortController()
    const first = runEmulatorCommand(['--port=0'], { stdout: out.stream, stderr: capture().stream, stop: stop.signal })
    await until(() => out.text().includes('Press Ctrl+C'))
    const port = /127\.0\.0\.1:(\d+)/.exec(out.text())?.[1] as string
    const taken = capture()
    expect(await runEmulatorCommand(['--port', port], { stdout: capture().stream, stderr: taken.stream })).toBe(1)
    expect(taken.text()).toContain('EADDRINUSE')
    stop.abort()
    expect(await first).toBe(0)
  })

  it('prints its usage with --help', async () => {
    const out = capture()
    expect(await runEmulatorCommand(['--help'], { stdout: out.stream, stderr: capture().stream })).toBe(0)
    expect(out.text()).toContain('--port N')
  })
})
