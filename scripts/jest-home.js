// Tests never write into the machine's home: the state (forward log) and config (token file) folders of every
// test process, and of the commands they spawn with process.env, point into one temporary home for the run.
const { mkdtempSync, rmSync } = require('fs')
const { tmpdir } = require('os')
const { join } = require('path')

module.exports = async function setup() {
  const home = mkdtempSync(join(tmpdir(), 'msads-test-home-'))
  process.env.MSADS_TEST_HOME = home
  process.env.HOME = home
  process.env.XDG_STATE_HOME = join(home, '.local', 'state')
  process.env.XDG_CONFIG_HOME = join(home, '.config')
}

module.exports.teardown = async function teardown() {
  if (process.env.MSADS_TEST_HOME) rmSync(process.env.MSADS_TEST_HOME, { recursive: true, force: true })
}
