export * from './authenticator';
export * from './edge-settings';
export * from './guard';
export * from './oidc';
export * from './policy';
export * from './secure-router';
export * from './service-tokens';
export * from './tokens';
