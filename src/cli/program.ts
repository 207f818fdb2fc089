import { Command, CommanderError, Option } from 'commander'
import { exitCodeOf, failureText } from './errors'
import { EXIT, type CliIo } from './io'
import { DEFAULT_RETRY_POLICY } from './send/retry-defaults'
import { portNumber, positiveNumber, positiveSeconds, positiveWholeNumber, share, wholeNumber } from './option-parsers'

/* Commands load their modules when they run, so that `msads --help` and the emulator start fast. */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading: under module node16 import() stays native, which ts-node and jest cannot load */
type ServeModule = typeof import('./commands/serve')
type SendModule = typeof import('./commands/send')
type LogModule = typeof import('./commands/log')
type GoalsModule = typeof import('./commands/goals')
type DiagnosticsModule = typeof import('./commands/diagnostics')
type TagsModule = typeof import('./commands/tags')
type AuthTestModule = typeof import('./commands/auth-test')
type AuthLoginModule = typeof import('./commands/auth-login')
type ExportModule = typeof import('./commands/export-csv')
type EmulatorModule = typeof import('../emulator')

const ENVIRONMENT_HELP = `
Credentials come from MSADS_CUSTOMER_ID, MSADS_ACCOUNT_ID, MSADS_DEVELOPER_TOKEN, MSADS_CLIENT_ID,
MSADS_CLIENT_SECRET, MSADS_REFRESH_TOKEN, MSADS_UET_TAG_ID, MSADS_UET_CAPI_TOKEN, MSADS_ENVIRONMENT,
MSADS_CONSENT_DEFAULT, MSADS_DEFAULT_PHONE_COUNTRY, or a JSON config file (--config FILE or MSADS_CONFIG) with
the same keys in lower case without the prefix (customer_id, account_id, ...). Rotated refresh tokens are kept in
MSADS_TOKEN_FILE (default $XDG_CONFIG_HOME/msads/tokens.json or ~/.config/msads/tokens.json, mode 0600). A config
file may hold several accounts (accounts: {NAME: {...}}); --account NAME or MSADS_ACCOUNT picks one. Without
credentials, serve, send, goals, tags and auth test run on an embedded emulator (--emulator-port pins its port).
See docs/cli.md.
`

/** For the commands that run on an embedded emulator when no credentials are set. */
function emulatorPortOption(): Option {
  const description = "the embedded emulator's port, when no credentials are set (default: a free one)"
  return new Option('--emulator-port <port>', description).argParser(portNumber)
}
const ACCOUNT_HELP = "an account of the config file's accounts (default: MSADS_ACCOUNT, else default_account)"

/** Builds the `msads` program; `finish` receives each command's exit code. */
export function buildProgram(io: CliIo, finish: (code: number) => void): Command {
  const program = new Command('msads')
  program
    .description(
      'Send conversions to Microsoft Advertising: a local destination server, a backfill sender, goal and tag tools.'
    )
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError('(msads --help lists the commands)')
    .addHelpText('after', ENVIRONMENT_HELP)
    // --account reaches the settings resolution (loadSettings) as MSADS_ACCOUNT, whichever command has it.
    .hook('preAction', (_program, command) => {
      const account = command.opts().account
      if (typeof account === 'string') io.env.MSADS_ACCOUNT = account
    })

  program
    .command('serve')
    .description('run a local destination server (on the embedded emulator when no credentials are set)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000; 0 picks a free one)', portNumber)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .option('--max-body-bytes <bytes>', 'largest request body accepted (default 5242880, 5 MiB)', positiveWholeNumber)
    .addOption(emulatorPortOption())
    .option('--token-file <file>', 'file whose first line is the caller token (default: MSADS_SERVE_TOKEN)')
    .option('--allow-unauthenticated', 'listen beyond loopback without a caller token (a proxy in front authenticates)')
    .addOption(
      new Option('--log-format <format>', 'request log: one JSON line per request, or pretty')
        .choices(['json', 'pretty'])
        .default('json')
    )
    .option('--max-connections <n>', 'open connections at once; one more gets 503 (default 4096)', positiveWholeNumber)
    .option(
      '--max-buffered-bytes <bytes>',
      'request bodies held at once across requests; past it 503 (default 33554432, 32 MiB)',
      positiveWholeNumber
    )
    .option('--headers-timeout-ms <ms>', 'time for a client to send its headers (default 10000)', positiveWholeNumber)
    .option(
      '--body-timeout-ms <ms>',
      'time for a client to send its whole request (default 30000)',
      positiveWholeNumber
    )
    .option(
      '--answer-timeout-ms <ms>',
      'longest a request may take; then 503, retryable (default 60000)',
      positiveWholeNumber
    )
    .option(
      '--unattributed-threshold <share>',
      "/health is degraded when more than this share of the last day's accepted conversions is unattributed (default: MSADS_UNATTRIBUTED_THRESHOLD or 0.5)",
      share
    )
    .option(
      '--diagnostics-interval-minutes <minutes>',
      "how often Microsoft's processing results are read for /diagnostics (default: MSADS_DIAGNOSTICS_INTERVAL_MINUTES or 60)",
      wholeNumber(1, 1440)
    )
    .option(
      '-m, --mapping <file>',
      'Segment subscriptions for POST /webhooks/segment, as send --mapping (default: the destination presets)'
    )
    .option('--destination-config <file>', 'RudderStack destination Config (JSON) for POST /webhooks/rudderstack')
    .option(
      '--segment-webhook-secret-file <file>',
      "file whose first line is Segment's Shared Secret (default: MSADS_SEGMENT_WEBHOOK_SECRET); X-Signature is then required"
    )
    .option(
      '--forward-log <file>',
      'SQLite file of the forward log (default: MSADS_FORWARD_LOG, else ~/.local/state/msads/forward-log.sqlite)'
    )
    .option('--no-forward-log', 'keep no forward log (no idempotency across requests, no GET /log)')
    .option(
      '--forward-log-max-age-days <days>',
      'forward log rows older than this are deleted (default 90)',
      positiveNumber
    )
    .option(
      '--forward-log-max-mb <mb>',
      'past this size the oldest forward log rows are deleted (default 256)',
      positiveNumber
    )
    .action(async (options) => finish(await (require('./commands/serve') as ServeModule).runServe(options, io)))

  program
    .command('send')
    .description('send an NDJSON (Segment or RudderStack events) or CSV file of conversions; - reads stdin')
    .argument('<file>', 'the file to send, or - for stdin')
    .option('-f, --format <format>', 'ndjson or csv (default: from the extension; ndjson for stdin)')
    .option(
      '-s, --source <source>',
      'segment or rudderstack (default: segment; records with type "record" go the RudderStack way)'
    )
    .option(
      '-m, --mapping <file>',
      'JSON array of Segment subscriptions [{subscribe, partnerAction, mapping}] (default: the destination presets)'
    )
    .option('--destination-config <file>', 'RudderStack destination Config (JSON) for RudderStack events')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .option('--account <name>', ACCOUNT_HELP)
    .option('--dry-run', 'print the Microsoft requests (secrets redacted) instead of sending them')
    .option(
      '-r, --rejects <file>',
      'JSONL file for the events that were not delivered (default: <input>.rejects.jsonl, or in the current directory for stdin)'
    )
    .option('--json', 'print the summary as JSON')
    .option('--batch-size <n>', 'events per request, at most 1000', wholeNumber(1, 1000), 1000)
    .option('--concurrency <n>', 'requests in flight at once', wholeNumber(1, 64), 4)
    .option(
      '--max-buffer-mb <n>',
      'MiB of input held at once, waiting for or in requests (smaller batches go early above it)',
      wholeNumber(1, 4096),
      16
    )
    .option(
      '--retries <n>',
      'attempts after the first for events with a transient outcome',
      wholeNumber(0, 20),
      DEFAULT_RETRY_POLICY.retries
    )
    .option(
      '--retry-wait-cap <seconds>',
      'longest wait between attempts, even when Microsoft asks for more',
      wholeNumber(0, 3600),
      DEFAULT_RETRY_POLICY.maxDelayMs / 1000
    )
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--resume', 'continue after the checkpoint an earlier run of the same file left beside its rejects file')
    .option(
      '--settle-timeout <seconds>',
      'end the run when requests in flight get no answer for this long (also the longest wait after Ctrl+C)',
      positiveSeconds,
      300
    )
    .addOption(emulatorPortOption())
    .option(
      '--via <path>',
      "apply, bulk (CSV through Microsoft's Bulk upload) or auto (bulk above 10,000 CSV rows)",
      'apply'
    )
    .option(
      '--bulk-file-rows <n>',
      'with --via bulk: rows per Bulk file (default 100,000; at most 3,999,999, or 19,999 in sandbox)',
      wholeNumber(1, 4_000_000)
    )
    .option(
      '--bulk-poll <seconds>',
      "with --via bulk: first wait before reading an upload's status (default: a minute per 10,000 rows, as Microsoft asks); then every minute",
      wholeNumber(0, 3600)
    )
    .option('--bulk-zip', 'with --via bulk: upload each Bulk file as a ZIP archive (the 100 MB limit is then zipped)')
    .option(
      '--forward-log <file>',
      "the forward log each event's outcome goes to (default: MSADS_FORWARD_LOG, else ~/.local/state/msads/forward-log.sqlite)"
    )
    .option('--no-forward-log', 'write no forward log')
    .addOption(
      new Option('--memory <mode>', "lean: about half the peak memory, about a quarter slower; fast: V8's defaults")
        .choices(['lean', 'fast'])
        .default('lean')
    )
    .action(async (file, options) =>
      finish(await (require('./commands/send') as SendModule).runSend(file, options, io))
    )

  program
    .command('log')
    .description('show the forward log: what serve and send did with each event, newest first')
    .option(
      '--forward-log <file>',
      'the forward log (default: MSADS_FORWARD_LOG, else ~/.local/state/msads/forward-log.sqlite)'
    )
    .option('--order-id <id>', 'only this order or transaction id')
    .option('--click-id <msclkid>', 'only this click id (the full id; rows show it masked)')
    .option('--goal <name>', 'only this goal (conversion name, or CAPI event name)')
    .option('--outcome <outcome>', 'only delivered, skipped, rejected, retry or auth')
    .option('--since <when>', 'only rows received since a duration ago (30m, 24h, 7d) or a date-time')
    .option('--account <name>', 'only this account')
    .option('--limit <n>', 'at most this many rows (default 100, at most 500)')
    .option('--json', 'one JSON object per row')
    .action(async (options) => finish(await (require('./commands/log') as LogModule).runLog(options, io)))

  const goals = program.command('goals').description('list or create offline conversion goals')
  goals
    .command('list')
    .description('list the offline conversion goals of the account')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .addOption(emulatorPortOption())
    .option('--account <name>', ACCOUNT_HELP)
    .option('--json', 'print JSON')
    .action(async (options) => finish(await (require('./commands/goals') as GoalsModule).runGoalsList(options, io)))
  goals
    .command('create')
    .description('create an account-level offline conversion goal')
    .argument('<name>', 'the goal name, as events will name it')
    .option('--category <category>', 'goal category (Purchase, SubmitLeadForm, Signup, ...)', 'Purchase')
    .option('--window-days <days>', 'conversion window in days, 1 to 90', '90')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .addOption(emulatorPortOption())
    .option('--account <name>', ACCOUNT_HELP)
    .option('--json', 'print JSON')
    .action(async (name, options) =>
      finish(await (require('./commands/goals') as GoalsModule).runGoalsCreate(name, options, io))
    )

  program
    .command('diagnostics')
    .description('what Microsoft did with the accepted offline conversions: attributed and unattributed, by reason')
    .option('--since <date>', 'first upload day, YYYY-MM-DD in UTC (default: 6 days ago)')
    .option('--goal <name...>', 'only these goals, by name (default: every offline goal)')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .addOption(emulatorPortOption())
    .option('--account <name>', ACCOUNT_HELP)
    .option('--json', 'print JSON (a stable shape, documented in docs/cli.md)')
    .action(async (options) =>
      finish(await (require('./commands/diagnostics') as DiagnosticsModule).runDiagnostics(options, io))
    )

  const tags = program.command('tags').description('list or create UET tags')
  tags
    .command('list')
    .description('list the UET tags of the customer')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .addOption(emulatorPortOption())
    .option('--account <name>', ACCOUNT_HELP)
    .option('--json', 'print JSON')
    .action(async (options) => finish(await (require('./commands/tags') as TagsModule).runTagsList(options, io)))
  tags
    .command('create')
    .description('create a UET tag')
    .argument('<name>', 'the tag name')
    .option('--description <text>', 'the tag description')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .addOption(emulatorPortOption())
    .option('--account <name>', ACCOUNT_HELP)
    .option('--json', 'print JSON')
    .action(async (name, options) =>
      finish(await (require('./commands/tags') as TagsModule).runTagsCreate(name, options, io))
    )

  const auth = program.command('auth').description('test credentials or sign in')
  auth
    .command('test')
    .description(
      'check the credentials step by step (token, developer token and account, UET tag), naming the one at fault'
    )
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .addOption(emulatorPortOption())
    .option('--account <name>', ACCOUNT_HELP)
    .action(async (options) =>
      finish(await (require('./commands/auth-test') as AuthTestModule).runAuthTest(options, io))
    )
  auth
    .command('login')
    .description('sign in with a Microsoft Advertising user and store the refresh token (0600), without printing it')
    .option('--redirect-uri <uri>', 'the redirect URI registered for the app', 'http://localhost:8765/callback')
    .option('-c, --config <file>', 'JSON config file with the destination settings')
    .action(async (options) =>
      finish(await (require('./commands/auth-login') as AuthLoginModule).runAuthLogin(options, io))
    )

  program
    .command('export-csv')
    .description("write Microsoft's Bulk offline conversion CSV (Format Version 6.0) for manual upload")
    .argument('<file>', 'NDJSON or CSV input, as for send; - reads stdin')
    .option('-o, --output <file>', 'where to write the Bulk CSV (default: stdout)')
    .option('-f, --format <format>', 'ndjson or csv (default: from the extension)')
    .option('-s, --source <source>', 'segment or rudderstack, as for send')
    .option('-m, --mapping <file>', 'Segment subscriptions, as for send')
    .option('--destination-config <file>', 'RudderStack destination Config (JSON), as for send')
    .option('-r, --rejects <file>', 'JSONL file for the rows that could not be converted')
    .option('-c, --config <file>', 'JSON config file (consent_default is read)')
    .option('--account <name>', ACCOUNT_HELP)
    .action(async (file, options) =>
      finish(await (require('./commands/export-csv') as ExportModule).runExportCsv(file, options, io))
    )

  program
    .command('emulator')
    .description('run the Microsoft Advertising emulator (--port N, --seed FILE)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[] = []) =>
      finish(await (require('../emulator') as EmulatorModule).runEmulatorCommand(args, io))
    )

  return program
}

/** Runs the command line; resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok
  const program = buildProgram(io, (value) => (code = value))
  if (argv.length === 0) {
    program.outputHelp()
    return EXIT.ok
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error)
    io.stderr.write(`msads: ${failureText(error)}\n`)
    return exitCodeOf(error)
  }
  return code
}
