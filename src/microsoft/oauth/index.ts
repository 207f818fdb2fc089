export * from './identity-errors'
export * from './token-client'
export * from './token-manager'
export * from './identity-response'
