export const CODE_SERVER_VERSION: string;
export const codeServerDir: string;
export const codeServerBin: string;
/** Installs code-server when missing; returns the path of its entry script. */
export function installCodeServer(): string;
/** A code-server profile under `home`: settings written, the .vsix installed. */
export function prepareProfile(
  home: string,
  settings: Record<string, unknown>,
  vsix: string,
): { userData: string; extensions: string };
/** code-server's arguments to serve `folder` from a profile on 127.0.0.1:`port`. */
export function serveArgs(options: {
  port: number;
  userData: string;
  extensions: string;
  folder: string;
  extra?: string[];
}): string[];
/** Packages the extension (dist/ built) as `out` (default dist/normscope.vsix); returns its path. */
export function packageVsix(out?: string): string;
