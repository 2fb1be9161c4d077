import type { Deps } from '../../../services/deps';
import { downloadImage } from '../../../services/downloads';
import type { Actor } from '../../../services/users';
import type { TDownloadInput } from './download.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TDownloadInput };

/** The image converted for download, as base64 (the HTTP download route sends the bytes themselves). */
export async function downloadHandler({ ctx, input }: Options) {
  const download = await downloadImage(ctx.deps, ctx.user, input);
  return {
    fileName: download.fileName,
    mediaType: download.mediaType,
    base64: Buffer.from(download.bytes).toString('base64')
  };
}
