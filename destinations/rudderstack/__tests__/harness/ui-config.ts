import uiConfig from '../../config/ui-config.json'

export type UiField = { configKey?: string; default?: unknown; [key: string]: unknown }

function find(node: unknown, key: string): UiField | undefined {
  if (Array.isArray(node)) return node.map((child) => find(child, key)).find(Boolean)
  if (!node || typeof node !== 'object') return undefined
  if ((node as UiField).configKey === key) return node as UiField
  return Object.values(node)
    .map((child) => find(child, key))
    .find(Boolean)
}

/** The dashboard field (config/ui-config.json) that edits `Destination.Config[key]`, wherever it sits. */
export function uiConfigField(key: string): UiField | undefined {
  return find(uiConfig, key)
}
