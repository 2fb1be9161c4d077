import { handleError } from './errors';
import { readAsDataUrl } from './read-file';
import { trpc, type Image } from './trpc';

/** The longest name `images.upload` keeps (as the row's prompt). */
const MAX_NAME_LENGTH = 200;

/**
 * The image the next edit starts from: a file dropped, pasted or picked on the prompt panel (uploaded into
 * the library first), or a library image chosen with "Use as input".
 */
export class SourceImage {
  image: Image | null = $state(null);
  uploading = $state(false);
  error: string | null = $state(null);

  #onUploaded: (image: Image) => void;

  constructor(onUploaded: (image: Image) => void) {
    this.#onUploaded = onUploaded;
  }

  /** Uploads `file` and makes it the source. */
  takeFile = async (file: File) => {
    if (this.uploading) return;
    if (!file.type.startsWith('image/')) {
      this.error = `${file.name} is not an image; drop a PNG, JPEG, WebP or AVIF file.`;
      return;
    }
    this.uploading = true;
    this.error = null;
    try {
      const { image } = await trpc.images.upload.mutate({
        image: await readAsDataUrl(file),
        name: file.name.slice(0, MAX_NAME_LENGTH)
      });
      this.image = image;
      this.#onUploaded(image);
    } catch (error) {
      this.error = handleError(
        error,
        'The image could not be uploaded; check that the server is running and try again.'
      );
    } finally {
      this.uploading = false;
    }
  };

  use = (image: Image) => {
    this.image = image;
    this.error = null;
  };

  clear = () => {
    this.image = null;
    this.error = null;
  };
}
