export { checkPrompt, type PromptCheck } from './check-prompt';
export { getSafetySettings, type SafetySettings } from './settings';
