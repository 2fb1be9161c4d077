export { checkImageSafety, type CheckedImage } from './check-image';
export { checkPrompt } from './check-prompt';
export { getSafetySettings, type SafetySettings } from './settings';
