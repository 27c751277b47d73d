export * from './audit';
export * from './cache';
export * from './demo';
export * from './primary';
export * from './snapshot';
export * from './status';
export * from './mirror';
export * from './storage';
