export { classifyNsfw, nsfwScore, type NsfwClasses } from './classify';
export { loadNsfwModel, NSFW_CLASSES, nsfwModel, type NsfwModel } from './model';
