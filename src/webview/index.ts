// The panel bundle's entry: start with the VS Code transport, unless a test page supplies its own.
import { start } from './main';
import type { Transport } from './transport';

declare global {
  interface Window {
    normscopeTestTransport?: Transport;
  }
}

start(window.normscopeTestTransport);
