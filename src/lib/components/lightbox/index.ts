import Root from './lightbox.svelte';
import Details from './lightbox-details.svelte';

export { Root, Details, Root as Lightbox, Details as LightboxDetails };
export type { LightboxProps } from './lightbox.svelte';
export type { LightboxDetailsProps } from './lightbox-details.svelte';
