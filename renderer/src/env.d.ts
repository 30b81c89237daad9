import type { DesktopClient } from '../../electron/api/contract';

declare global {
  interface Window {
    /** Present in the Electron window (preload); absent in a browser on the web host. */
    ksbb?: DesktopClient;
  }
}
