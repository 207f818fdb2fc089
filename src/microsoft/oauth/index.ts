export * from './identity-errors'
export * from './token-client'
export * from './token-manager'
export * from './authorization-code'
