/** How many images one zip may hold: `ZImageIds`' limit for any bulk request. */
export const MAX_ARCHIVE_IMAGES = 500;

/**
 * Downloads the originals of `ids` as one zip (`POST /api/images/archive`, the session cookie rides along)
 * and saves it. Answers the message to show, or null when the file was handed to the browser.
 */
export async function downloadArchive(ids: string[]): Promise<string | null> {
  if (ids.length > MAX_ARCHIVE_IMAGES) return `A zip holds at most ${MAX_ARCHIVE_IMAGES} images; select fewer.`;
  let response: Response;
  try {
    response = await fetch('/api/images/archive', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids })
    });
  } catch {
    return 'Atelier could not be reached to make the zip; check your connection and try again.';
  }
  if (!response.ok) return serverMessage(response);
  const blob = await response.blob();
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name ?? `atelier-${ids.length}-images.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return null;
}

async function serverMessage(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  const message =
    typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string'
      ? body.message
      : null;
  return message ?? `The zip could not be made (HTTP ${response.status}); try again.`;
}
