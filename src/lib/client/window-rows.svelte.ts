import {
  Virtualizer,
  observeWindowOffset,
  observeWindowRect,
  windowScroll,
  type VirtualItem
} from '@tanstack/virtual-core';

/** Rows drawn above and below the window, so a fast scroll or a keyboard step finds them ready. */
const OVERSCAN_ROWS = 3;

/** Until the browser measures, the server renders as if the window were this big. */
const ASSUMED_WINDOW = { width: 1280, height: 900 };

/**
 * Equal-height rows of a long list scrolled by the window, of which only those near the window are drawn
 * (TanStack Virtual's headless core, driven by runes). `rows` follows scrolling and resizing.
 */
export class WindowRows {
  rows: VirtualItem[] = $state([]);
  #virtualizer: Virtualizer<Window, Element>;

  constructor() {
    this.#virtualizer = new Virtualizer<Window, Element>({
      count: 0,
      estimateSize: () => 1,
      overscan: OVERSCAN_ROWS,
      initialRect: ASSUMED_WINDOW,
      getScrollElement: () => (typeof window === 'undefined' ? null : window),
      observeElementRect: observeWindowRect,
      observeElementOffset: observeWindowOffset,
      scrollToFn: windowScroll,
      onChange: () => this.#sync()
    });
  }

  /** Starts following the window; answers the cleanup. */
  mount = (): (() => void) => {
    const cleanup = this.#virtualizer._didMount();
    this.#virtualizer._willUpdate();
    return cleanup;
  };

  /**
   * `count` rows of `rowHeight` pixels (gap included), the first `offsetTop` pixels below the top of the
   * page. Cheap to call again with the same values.
   */
  update = (count: number, rowHeight: number, offsetTop: number) => {
    const size = Math.max(1, rowHeight);
    this.#virtualizer.setOptions({
      ...this.#virtualizer.options,
      count,
      estimateSize: () => size,
      scrollMargin: offsetTop
    });
    this.#virtualizer.measure();
    this.#virtualizer._willUpdate();
    this.#sync();
  };

  /** Scrolls the least needed to show row `index`. */
  reveal = (index: number) => this.#virtualizer.scrollToIndex(index, { align: 'auto' });

  #sync() {
    this.rows = this.#virtualizer.getVirtualItems();
  }
}
