import Grid from './library-grid.svelte';
import Filters from './library-filters.svelte';
import BulkBar from './library-bulk-bar.svelte';
import CollectionsPanel from './collections-panel.svelte';
import CollectionHeader from './collection-header.svelte';

export {
  Grid,
  Filters,
  BulkBar,
  CollectionsPanel,
  CollectionHeader,
  Grid as LibraryGrid,
  Filters as LibraryFilters,
  BulkBar as LibraryBulkBar
};
export type { LibraryGridProps } from './library-grid.svelte';
export type { LibraryFiltersProps, LibraryFilterChoices } from './library-filters.svelte';
export type { LibraryBulkBarProps } from './library-bulk-bar.svelte';
export type { CollectionsPanelProps } from './collections-panel.svelte';
export type { CollectionHeaderProps } from './collection-header.svelte';
