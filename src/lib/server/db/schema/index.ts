export * from './users';
export * from './generated-images';
export * from './library';
export * from './stats';
export * from './auth';
export * from './api-keys';
export * from './governance';
