// See https://svelte.dev/docs/kit/types#app.d.ts
import type { IncomingMessage } from 'node:http';

declare global {
  namespace App {
    interface Error {
      message: string;
    }
    /** adapter-node's; absent under `vite dev`. */
    interface Platform {
      req?: IncomingMessage;
    }
  }
}

export {};
