export * from './images';
export * from './favorites';
export * from './collections';
