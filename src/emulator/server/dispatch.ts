import { handleBulkResults, handleBulkUpload, handleBulkUploadStatus, handleBulkUploadUrl } from '../bulk/bulk-routes'
import { handleCampaign } from '../campaign/dispatch'
import { handleReportFile } from '../campaign/report-file'
import { handleCapiEvents } from '../capi/events-route'
import { handleControl } from '../control/control-routes'
import type { FaultKind } from '../faults/fault-plan'
import { handleAuthorize } from '../identity/authorize-route'
import { handleToken } from '../identity/token-route'
import type { RouteMatch } from '../routes'
import type { EmulatorState } from '../state/emulator-state'
import { notFoundReply } from './family-replies'
import type { EmulatorRequest, Reply } from './reply'

/** The handler of a matched route. */
export function dispatch(route: RouteMatch, request: EmulatorRequest, state: EmulatorState, fault?: FaultKind): Reply {
  switch (route.id) {
    case 'token':
      return handleToken(request, route.params.tenant, state)
    case 'authorize':
      return handleAuthorize(request, state)
    case 'capi':
      return handleCapiEvents(request, route.params.tagId, state)
    case 'getBulkUploadUrl':
      return handleBulkUploadUrl(request, state)
    case 'getBulkUploadStatus':
      return handleBulkUploadStatus(request, state)
    case 'bulkUpload':
      return handleBulkUpload(request, route.params.requestId, state)
    case 'bulkResults':
      return handleBulkResults(route.params.requestId, route.params.token, state)
    case 'reportFile':
      return handleReportFile(route.params.token, state)
    case 'control':
      return handleControl(request, route.params.path, state)
    case 'unknown':
      return notFoundReply(route.family)
    default:
      return handleCampaign(route.id, request, state, fault)
  }
}
