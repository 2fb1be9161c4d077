export * from './images';
export * from './favorites';
export * from './collections';
export * from './purge';
export * from './trash';
export * from './search';
