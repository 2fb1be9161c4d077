import { MediaQuery } from 'svelte/reactivity';

/** A phone-sized screen: the width at which app.css and the components switch to their phone layout. */
export const phone = new MediaQuery('max-width: 40rem');
