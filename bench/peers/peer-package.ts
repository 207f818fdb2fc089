import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { DestinationDefinition } from '@segment/actions-core'

/**
 * Segment's published ms-bing-capi destination, taken at bench time from the npm package and unpacked into an
 * ignored folder (`.peers/`). Only the destination and the hashing helper it requires are extracted; they run on
 * this project's own actions-core, as they would inside Segment.
 */
export const PEER_PACKAGE = '@segment/action-destinations'
/** The release built against actions-core ^3.170.0, the version this project pins. */
export const PEER_VERSION = '3.497.0'

const EXTRACTED = ['package/dist/destinations/ms-bing-capi', 'package/dist/lib/hashing-utils.js']

function repositoryRoot(from: string): string {
  let folder = from
  while (!fs.existsSync(path.join(folder, 'package.json')) || !fs.existsSync(path.join(folder, 'node_modules'))) {
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error(`no package.json with node_modules above ${from}`)
    folder = parent
  }
  return folder
}

/** Where the peer is unpacked: beside node_modules, so that its `require('@segment/actions-core')` finds ours. */
export function peerFolder(root = repositoryRoot(__dirname)): string {
  return path.join(root, '.peers', `action-destinations-${PEER_VERSION}`)
}

function entryOf(folder: string): string {
  return path.join(folder, 'dist', 'destinations', 'ms-bing-capi', 'index.js')
}

/** Downloads and unpacks the pinned package once; later runs reuse the folder. */
export function ensurePeer(folder = peerFolder()): string {
  if (fs.existsSync(entryOf(folder))) return folder
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'msads-peer-'))
  try {
    const packed = execFileSync(
      'npm',
      ['pack', `${PEER_PACKAGE}@${PEER_VERSION}`, '--silent', '--pack-destination', scratch],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit']
      }
    )
      .trim()
      .split('\n')
      .pop()
    if (!packed) throw new Error(`npm pack ${PEER_PACKAGE}@${PEER_VERSION} printed no file name`)
    fs.mkdirSync(folder, { recursive: true })
    execFileSync('tar', ['-xzf', path.join(scratch, packed), '-C', folder, '--strip-components=1', ...EXTRACTED])
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
  return folder
}

export function loadMsBingCapi(folder = ensurePeer()): DestinationDefinition<any> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(entryOf(folder)) as { default: DestinationDefinition<any> }
  return loaded.default
}
