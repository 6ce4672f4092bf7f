export * from './generate';
export * from './prng';
