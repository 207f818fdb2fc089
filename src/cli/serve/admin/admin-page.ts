import type { ForwardRow } from '../../forward-log/forward-entry'
import type { HealthStatus } from '../health'
import { html, type Html } from './html'

export interface AdminView {
  account: string
  /** The path prefix of the account's routes ('' or /accounts/NAME). */
  base: string
  version: string
  uptimeSeconds: number
  health: { status: HealthStatus; why: string }
  lastErrors: ForwardRow[]
  rows: ForwardRow[]
  filter: Record<string, string>
  goals: { names: string[]; error?: string }
  test?: { goal: string; outcome: string; reason: string; message: string; code?: string; trackingId?: string }
}

const BADGE: Record<HealthStatus, string> = { live: 'Live', degraded: 'Degraded', down: 'Down' }

function uptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  return `${days ? `${days} d ` : ''}${hours} h ${minutes} min`
}

function rowTable(rows: readonly ForwardRow[], id: string): Html {
  if (!rows.length) return html`<p class="empty" id="${id}-empty">No rows.</p>`
  return html`<table id="${id}">
    <thead>
      <tr>
        <th>Received</th>
        <th>Action</th>
        <th>Goal</th>
        <th>Order</th>
        <th>Click id</th>
        <th>Value</th>
        <th>Outcome</th>
        <th>Reason</th>
        <th>Code</th>
        <th>TrackingId</th>
        <th>Attempts</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr data-order="${row.orderId ?? ''}" data-outcome="${row.outcome}">
            <td>${row.received}</td>
            <td>${row.action}</td>
            <td>${row.goal ?? ''}</td>
            <td class="order">${row.orderId ?? ''}</td>
            <td>${row.clickId ?? ''}</td>
            <td>${row.value !== undefined ? `${row.value} ${row.currency ?? ''}` : ''}</td>
            <td class="outcome ${row.outcome}">${row.outcome}</td>
            <td title="${row.message ?? ''}">${row.reason}</td>
            <td>${row.code ?? ''}</td>
            <td class="tracking">${row.trackingId ?? ''}</td>
            <td>${row.attempts}</td>
          </tr>`
      )}
    </tbody>
  </table>`
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.6rem}
.badge{display:inline-block;padding:.2rem .7rem;border-radius:1rem;color:#fff;font-weight:600}
.badge.live{background:#137333}.badge.degraded{background:#b06000}.badge.down{background:#c5221f}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left}
.outcome.delivered{color:#137333}.outcome.rejected,.outcome.auth{color:#c5221f}.outcome.retry{color:#b06000}
form{margin:.5rem 0}input,select,button{font:inherit;margin-right:.4rem}
#test-result{padding:.5rem;background:#f1f3f4;border-radius:.3rem}.meta{color:#5f6368}
`

/** The admin page: health, version and uptime, the last errors, the forward log, the goals, a test conversion. */
export function renderAdminPage(view: AdminView): string {
  const filter = (name: string) => view.filter[name] ?? ''
  const outcomes = ['', 'delivered', 'skipped', 'rejected', 'retry', 'auth']
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>msads serve: ${view.account}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <h1>msads serve <span class="meta">account ${view.account}</span></h1>
        <p>
          <span id="health" class="badge ${view.health.status}">${BADGE[view.health.status]}</span>
          <span id="health-why">${view.health.why}</span>
        </p>
        <p class="meta">
          Version <span id="version">${view.version}</span> · up <span id="uptime">${uptime(view.uptimeSeconds)}</span>
        </p>

        <h2>Send a test conversion</h2>
        ${
          view.goals.error
            ? html`<p id="goals-error">The goals could not be read: ${view.goals.error}</p>`
            : html`<form method="post" action="${view.base}/admin/test-conversion" id="test-form">
                <label
                  >Goal
                  <select name="goal" id="goal">
                    ${view.goals.names.map((name) => html`<option value="${name}">${name}</option>`)}
                  </select></label
                >
                <label>Value <input name="value" id="value" value="1" size="6" /></label>
                <label>Currency <input name="currency" value="USD" size="4" /></label>
                <button type="submit" id="send-test">Send</button>
              </form>`
        }
        ${
          view.test
            ? html`<div id="test-result" data-outcome="${view.test.outcome}">
                Goal <b>${view.test.goal}</b>: <b id="test-outcome">${view.test.outcome}</b> (<span id="test-reason"
                  >${view.test.reason}</span
                >${view.test.code ? html`, code ${view.test.code}` : ''}): ${view.test.message}
                ${view.test.trackingId ? html`<br />TrackingId <code id="test-tracking">${view.test.trackingId}</code>` : ''}
              </div>`
            : ''
        }

        <h2>Goals</h2>
        <ul id="goals">
          ${view.goals.names.map((name) => html`<li>${name}</li>`)}
        </ul>

        <h2>Last errors</h2>
        ${rowTable(view.lastErrors, 'errors')}

        <h2>Forward log</h2>
        <form method="get" action="${view.base}/" id="filters">
          <input name="order_id" placeholder="order id" value="${filter('order_id')}" />
          <input name="click_id" placeholder="click id" value="${filter('click_id')}" />
          <input name="goal" placeholder="goal" value="${filter('goal')}" />
          <select name="outcome">
            ${outcomes.map(
              (outcome) =>
                html`<option value="${outcome}" ${outcome === filter('outcome') ? html` selected` : ''}>
                  ${outcome || 'any outcome'}
                </option>`
            )}
          </select>
          <input name="since" placeholder="since (24h, 7d)" value="${filter('since')}" size="10" />
          <button type="submit">Filter</button>
        </form>
        ${rowTable(view.rows, 'log')}
      </body>
    </html>`
  return page.text
}
