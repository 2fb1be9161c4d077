export { loadImage, type LoadedImage } from './load';
export { MAX_IMAGE_MEGABYTES, MAX_REFERENCE_LENGTH, parseImageReference, type ImageReference } from './reference';
export { fetchRemoteImage, type RemoteFetchLimits } from './remote';
export { storeUpload, UPLOAD } from './upload';
