export { analyzeImage, type AnalyzeOutcome } from './analyze-image';
