/** Blob keys derive from the row id and creation month only, never from user input. */
function prefix(imageId: string, createdAt: Date): string {
  const month = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
  return `images/${createdAt.getUTCFullYear()}/${month}/${imageId}`;
}

export function imageKey(imageId: string, createdAt: Date, format: 'png' | 'jpeg' | 'webp'): string {
  return `${prefix(imageId, createdAt)}.${format}`;
}

export function thumbnailKey(imageId: string, createdAt: Date): string {
  return `${prefix(imageId, createdAt)}-thumb.webp`;
}
