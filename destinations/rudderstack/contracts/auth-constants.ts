/** rudder-transformer's `src/adapters/networkhandler/authConstants`: what rudder-server's OAuth client acts on. */

/** Refresh the access token through the control plane, then retry the job. */
export const REFRESH_TOKEN = 'REFRESH_TOKEN'

/** The account cannot be used any more (revoked consent, no access): mark it inactive and abort the job. */
export const AUTH_STATUS_INACTIVE = 'AUTH_STATUS_INACTIVE'
