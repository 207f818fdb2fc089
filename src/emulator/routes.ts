import { CAMPAIGN_OPERATIONS, type CampaignOperation } from '../microsoft/campaign-operations'

/** Every route the emulator answers, by a stable name used in fault filters and request counts. */
export type RouteId =
  'token' | 'authorize' | CampaignOperation | BulkRouteId | 'reportFile' | 'capi' | 'control' | 'unknown'
export type BulkRouteId = 'getBulkUploadUrl' | 'getBulkUploadStatus' | 'bulkUpload' | 'bulkResults'
export const BULK_ROUTES: readonly BulkRouteId[] = [
  'getBulkUploadUrl',
  'getBulkUploadStatus',
  'bulkUpload',
  'bulkResults'
]
export type RouteFamily = 'identity' | 'campaign' | 'bulk' | 'capi' | 'control' | 'unknown'

export interface RouteMatch {
  id: RouteId
  family: RouteFamily
  /** The method this route takes; another one is answered 405. */
  method: 'GET' | 'POST' | 'ANY'
  /** `tenant` for identity routes, `tagId` for CAPI, `path` (after /__emulator/) for control, `requestId` and `token` for Bulk files. */
  params: Record<string, string>
}

export const CAMPAIGN_PREFIX = '/CampaignManagement/v13/'
export const CONTROL_PREFIX = '/__emulator/'
export const BULK_PREFIX = '/Bulk/v13/'

export const APPLY_ROUTES: ReadonlySet<RouteId> = new Set([
  'applyOfflineConversions',
  'applyOfflineConversionAdjustments',
  'applyOnlineConversionAdjustments'
])

const CAMPAIGN_BY_PATH = new Map<string, CampaignOperation>(
  (Object.keys(CAMPAIGN_OPERATIONS) as CampaignOperation[]).map((operation) => [
    CAMPAIGN_OPERATIONS[operation].path.toLowerCase(),
    operation
  ])
)

export const CAMPAIGN_ROUTES: readonly CampaignOperation[] = Object.keys(CAMPAIGN_OPERATIONS) as CampaignOperation[]

/** A path segment as text; a malformed escape is kept as it came rather than failing the request. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

const IDENTITY = /^\/([^/]+)\/oauth2\/v2\.0\/(token|authorize)$/
const CAPI = /^\/v1\/([^/]+)\/events$/
const BULK_QUERIES: Record<string, BulkRouteId> = {
  'bulkuploadurl/query': 'getBulkUploadUrl',
  'bulkuploadstatus/query': 'getBulkUploadStatus'
}
const BULK_UPLOAD = /^\/bulk-upload\/([^/]+)$/
const BULK_RESULTS = /^\/bulk-results\/([^/]+)\/([^/]+)$/
const REPORT_FILE = /^\/offline-conversion-reports\/([^/]+)$/

/** Matches a path to a route. Campaign paths are case-insensitive, as IIS routes them. */
export function matchRoute(pathname: string): RouteMatch {
  if (pathname.startsWith(CONTROL_PREFIX)) {
    return { id: 'control', family: 'control', method: 'ANY', params: { path: pathname.slice(CONTROL_PREFIX.length) } }
  }
  if (pathname.toLowerCase().startsWith(CAMPAIGN_PREFIX.toLowerCase())) {
    const operation = CAMPAIGN_BY_PATH.get(pathname.slice(CAMPAIGN_PREFIX.length).replace(/\/$/, '').toLowerCase())
    if (operation) return { id: operation, family: 'campaign', method: 'POST', params: {} }
    return { id: 'unknown', family: 'campaign', method: 'ANY', params: {} }
  }
  if (pathname.toLowerCase().startsWith(BULK_PREFIX.toLowerCase())) {
    const id = BULK_QUERIES[pathname.slice(BULK_PREFIX.length).replace(/\/$/, '').toLowerCase()]
    return id
      ? { id, family: 'bulk', method: 'POST', params: {} }
      : { id: 'unknown', family: 'bulk', method: 'ANY', params: {} }
  }
  const upload = BULK_UPLOAD.exec(pathname)
  if (upload) return { id: 'bulkUpload', family: 'bulk', method: 'POST', params: { requestId: segment(upload[1]) } }
  const results = BULK_RESULTS.exec(pathname)
  if (results)
    return {
      id: 'bulkResults',
      family: 'bulk',
      method: 'GET',
      params: { requestId: segment(results[1]), token: segment(results[2]) }
    }
  const reportFile = REPORT_FILE.exec(pathname)
  if (reportFile)
    return { id: 'reportFile', family: 'campaign', method: 'GET', params: { token: segment(reportFile[1]) } }
  const identity = IDENTITY.exec(pathname)
  if (identity) {
    const id = identity[2] === 'token' ? 'token' : 'authorize'
    return { id, family: 'identity', method: id === 'token' ? 'POST' : 'GET', params: { tenant: segment(identity[1]) } }
  }
  const capi = CAPI.exec(pathname)
  if (capi) return { id: 'capi', family: 'capi', method: 'POST', params: { tagId: segment(capi[1]) } }
  return { id: 'unknown', family: 'unknown', method: 'ANY', params: {} }
}
