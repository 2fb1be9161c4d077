import Root from './image-grid.svelte';
import Tile from './image-tile.svelte';
import Placeholder from './placeholder-tile.svelte';
import UnfinishedSummary, { unfinishedLabel } from './unfinished-summary.svelte';

export {
  Root,
  Tile,
  Placeholder,
  Root as ImageGrid,
  Tile as ImageTile,
  Placeholder as PlaceholderTile,
  UnfinishedSummary,
  unfinishedLabel
};
export type { ImageGridProps } from './image-grid.svelte';
export type { ImageTileProps } from './image-tile.svelte';
export type { PlaceholderTileProps } from './placeholder-tile.svelte';
export type { UnfinishedSummaryProps } from './unfinished-summary.svelte';
