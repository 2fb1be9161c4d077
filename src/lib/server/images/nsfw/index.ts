export { classifyNsfw, nsfwScore, type NsfwClasses } from './classify';
export { loadNsfwModel, NSFW_CLASSES, type NsfwModel } from './model';
