export { enhancePrompt, type EnhancedPrompt, type EnhancePromptOrder } from './enhance';
