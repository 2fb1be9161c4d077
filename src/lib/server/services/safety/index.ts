export { checkPrompt } from './check-prompt';
export { getSafetySettings, type SafetySettings } from './settings';
