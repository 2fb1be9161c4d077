const BYTES_PER_GIB = 1024 ** 3;

/** Quotas are stored in bytes and edited in GiB; null (no quota, or the default) stays null. */
export function bytesToGib(bytes: number | null): number | null {
  return bytes === null ? null : Math.round((bytes / BYTES_PER_GIB) * 1000) / 1000;
}

/** An empty field (`undefined` from `bind:value`) is null. */
export function gibToBytes(gib: number | null | undefined): number | null {
  return gib === null || gib === undefined ? null : Math.round(gib * BYTES_PER_GIB);
}

export function formatQuota(bytes: number | null): string {
  return bytes === null ? 'no quota' : `${bytesToGib(bytes)} GiB`;
}
