export * from './contract';
export * from './names';
