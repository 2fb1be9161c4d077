export * from './users';
export * from './generated-images';
export * from './library';
export * from './stats';
