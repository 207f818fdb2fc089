import { createHash, randomBytes } from 'crypto'

/** A detail file of GetOfflineConversionReports: the uploads of one account on one day, until its URL expires. */
export interface ReportFileGrant {
  accountId: string
  day: string
  expiresAt: number
}

/**
 * The signed URLs handed out for the detail files, by their token. The token is a digest of the grant with this
 * state's secret: the same file and expiry give the same URL, and no one can make one up.
 */
export class ReportFiles {
  private readonly grants = new Map<string, ReportFileGrant>()
  private readonly secret = randomBytes(16).toString('hex')

  issue(grant: ReportFileGrant): string {
    const token = createHash('sha256')
      .update(`${this.secret}\u0000${grant.accountId}\u0000${grant.day}\u0000${grant.expiresAt}`)
      .digest('hex')
      .slice(0, 32)
    this.grants.set(token, grant)
    return token
  }

  grant(token: string): ReportFileGrant | undefined {
    return this.grants.get(token)
  }
}
