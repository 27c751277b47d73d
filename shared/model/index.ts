export * from './demo';
export * from './primary';
export * from './snapshot';
export * from './status';
