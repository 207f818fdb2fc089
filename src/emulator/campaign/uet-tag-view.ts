import type { StoredTag } from '../state/directory'

/** The tracking code Microsoft hands out for a tag; only the tag id in it matters to anyone. */
export function trackingScript(tagId: string): string {
  return `<script>(function(w,d,t,r,u){var f,n,i;w[u]=w[u]||[],f=function(){var o={ti:"${tagId}", enableAutoSpaTracking: true};o.q=w[u],w[u]=new UET(o),w[u].push("pageLoad")},n=d.createElement(t),n.src=r,n.async=1,n.onload=n.onreadystatechange=function(){var s=this.readyState;s&&s!=="loaded"&&s!=="complete"||(f(),n.onload=n.onreadystatechange=null)},i=d.getElementsByTagName(t)[0],i.parentNode.insertBefore(n,i)})(window,document,"script","//bat.bing.com/bat.js","uetq");</script>`
}

export function trackingNoScript(tagId: string): string {
  return `<img src="//bat.bing.com/action/0?ti=${tagId}&Ver=2" height="0" width="0" style="display:none; visibility: hidden;" />`
}

/** A tag as AddUetTags and GetUetTagsByIds return it, in schema order; Industry only when asked for. */
export function uetTagView(tag: StoredTag, withIndustry: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = { CustomerShare: null, Description: tag.description, Id: tag.id }
  if (withIndustry) view.Industry = null
  view.Name = tag.name
  view.TrackingNoScript = trackingNoScript(tag.id)
  view.TrackingScript = trackingScript(tag.id)
  view.TrackingStatus = 'Unverified'
  return view
}
