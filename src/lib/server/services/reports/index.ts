export * from './report-image';
export * from './report-queue';
export * from './decide-report';
export * from './report-dto';
