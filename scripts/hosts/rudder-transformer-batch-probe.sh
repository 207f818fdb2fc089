#!/usr/bin/env bash
# Asks a REAL rudder-transformer checkout what its BatchDestination framework (src/services/destination/nativeBatching)
# makes of the three things the BINGADS_CONVERSIONS router must carry, and prints each answer. docs/architecture.md
# ("RudderStack") explains why the destination stays on processRouterDest while these hold; run this again when the
# framework changes.
#
#   RT=<rudder-transformer work tree, dependencies installed> [NODE_BIN=<dir with node 22>] [WORK=<scratch>] \
#     bash scripts/hosts/rudder-transformer-batch-probe.sh
#
# It reads the checkout only: a probe integration is bundled with the checkout's own esbuild into WORK and run with
# processBatchedDestination and the router response schema of src/types/zodTypes.ts.
# Prints, last: "batch framework: filtered 298 …; authErrorCategory …; per-job item positions …".
set -euo pipefail
[ -n "${NODE_BIN:-}" ] && export PATH="$NODE_BIN:$PATH"
: "${RT:?set RT to the rudder-transformer work tree}"
RT="$(cd "$RT" && pwd)"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/rt-batch-probe.XXXXXX")}"
mkdir -p "$WORK"
NB="$RT/src/services/destination/nativeBatching"

cat >"$WORK/probe.ts" <<TS
import { z } from 'zod';
import { RetryableError } from '@rudderstack/integrations-lib';
import { FilteredEventsError } from '$RT/src/v0/util/errorTypes';
import { BatchDestination, CustomBatchStrategy, makeRouterInputSchema } from '$NB/batchDestination';
import type { TransformedEvent } from '$NB/batchDestination';
import { processBatchedDestination } from '$NB/processBatchedDestination';
import { RouterTransformationResponseListSchema } from '$RT/src/types/zodTypes';

const schema = makeRouterInputSchema({ message: z.object({ event: z.string(), goals: z.array(z.string()) }) });
const APPLY = 'https://campaign.api.bingads.microsoft.com/CampaignManagement/v13/OfflineConversions/Apply';

// One item per goal; with `split`, each item position of a job in its own group, so no request holds two items of
// one job (the only case where the proxy could tell jobs apart without destInfo).
const probe = (split: boolean) =>
  class Probe extends BatchDestination<Record<string, unknown>, typeof schema> {
    transformEvent(input: z.infer<typeof schema>): TransformedEvent[] {
      if (input.message.event === 'filtered') throw new FilteredEventsError('consent denied (ad_storage_consent_denied)');
      if (input.message.event === 'token') {
        throw Object.assign(new RetryableError('token expired'), { authErrorCategory: 'REFRESH_TOKEN' });
      }
      return input.message.goals.map((goal, position) => ({
        body: { ConversionName: goal },
        endpoint: APPLY,
        endpointPath: 'ApplyOfflineConversions',
        method: 'POST',
        ...(split ? { internalGroupKey: String(position) } : {}),
      }));
    }

    getBatchStrategy() {
      return new CustomBatchStrategy((payloads) => [
        { body: { OfflineConversions: payloads.map((p) => p.body) }, jobIds: new Set(payloads.map((p) => p.jobId)) },
      ]);
    }

    getInputSchema() {
      return schema;
    }
  };

const destination = {
  ID: 'd1', Name: 'probe', Config: {}, Enabled: true, WorkspaceID: 'w1', Transformations: [],
  IsProcessorEnabled: true, RevisionID: 'r1',
  DestinationDefinition: { ID: 'dd1', Name: 'BINGADS_CONVERSIONS', DisplayName: 'probe', Config: {} },
};
const job = (jobId: number, event: string, goals: string[] = []) => ({
  message: { event, goals },
  metadata: { jobId, workspaceId: 'w1', destinationId: 'd1', destInfo: { fromInput: true } },
  destination,
});
const run = (inputs: unknown[], split: boolean) =>
  processBatchedDestination(inputs as any, probe(split) as any, { features: { 'filtered-status-code': true } });
const itemCounts = (entry: any) =>
  (Array.isArray(entry.batchedRequest) ? entry.batchedRequest : [entry.batchedRequest]).map(
    (r: any) => r.body.JSON.OfflineConversions.length,
  );

(async () => {
  const inputs = [job(1, 'sent', ['A', 'B']), job(2, 'sent', ['A', 'B']), job(3, 'filtered'), job(4, 'token')];
  const out: any[] = await run(inputs, false);
  const filtered = out.find((e) => e.statusCode === 298);
  const zod = RouterTransformationResponseListSchema.safeParse(out);
  const zodIssues = zod.success ? [] : zod.error.issues.map((i) => i.path.join('.') + ': ' + i.message);
  const token = out.find((e) => e.metadata[0].jobId === 4);
  const sent = out.find((e) => e.statusCode === 200);
  const split: any[] = await run([job(1, 'sent', ['A', 'B']), job(2, 'sent', ['A'])], true);
  const facts = {
    filtered: { statusCode: filtered?.statusCode, hasBatchedRequest: 'batchedRequest' in (filtered ?? {}), zodIssues },
    token: { statusCode: token.statusCode, authErrorCategory: token.authErrorCategory ?? null },
    sharedRequest: {
      jobs: sent.metadata.map((m: any) => m.jobId),
      items: itemCounts(sent),
      destInfo: sent.metadata.map((m: any) => m.destInfo),
      metadataIsTheInputObject: sent.metadata[0] === inputs[0].metadata,
    },
    oneItemPerJobPerRequest: split.map((e) => ({ jobs: e.metadata.map((m: any) => m.jobId), items: itemCounts(e) })),
  };
  console.log(JSON.stringify(facts, null, 1));
  const positions = facts.sharedRequest.items.every((n: number) => n === facts.sharedRequest.jobs.length)
    ? 'derivable'
    : 'not derivable (' + facts.sharedRequest.jobs.length + ' jobs, ' + facts.sharedRequest.items.join('+') + ' items, destInfo as it came in)';
  console.log(
    'batch framework: filtered 298 ' + (facts.filtered.hasBatchedRequest ? 'with' : 'without') + ' batchedRequest, zod ' +
      (zodIssues.length === 0 ? 'ok' : 'refuses (' + zodIssues.join('; ') + ')') +
      '; authErrorCategory ' + (facts.token.authErrorCategory ? 'kept' : 'dropped') +
      '; per-job item positions ' + positions +
      (facts.sharedRequest.metadataIsTheInputObject ? ' (output metadata is the input object)' : '') +
      '; one item per job per request: ' + JSON.stringify(facts.oneItemPerJobPerRequest),
  );
})();
TS

# src/v0/util reads ./data/*.json next to itself; the bundle runs from WORK.
ln -sfn "$RT/src/v0/util/data" "$WORK/data"
"$RT/node_modules/.bin/esbuild" "$WORK/probe.ts" --bundle --platform=node --packages=external \
  --outfile="$WORK/probe.js" --log-level=warning
echo "rudder-transformer at $(git -C "$RT" rev-parse --short=10 HEAD); node $(node --version)"
# The framework's stats and loggers write JSON lines of their own; keep the probe's.
NODE_PATH="$RT/node_modules" node "$WORK/probe.js" | grep -v '^{"level"'
