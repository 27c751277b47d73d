export * from './contract';
export * from './names';
export * from './action-args';
